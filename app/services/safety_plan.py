"""The safety plan: made with the family and the network from a mapping, its rules each
answering that mapping's danger statements and safety goals; agreed (signed off) once it has
rules, then monitored rule by rule; a review makes the next version from it while it stays
readable. Changed by whoever may change the case; audited; rules are removed, never deleted.
Agreeing the plan and monitoring its rules are safety_plan_monitoring.py."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.base import utcnow
from app.models.case import Case
from app.models.enums import Category, MappingKind, PlanStatus
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.network import NetworkMember
from app.models.safety_plan import PlanSignoff, RuleCheck, RuleLink, SafetyPlan, SafetyRule
from app.schemas.safety_plan import (
    CheckRead,
    PlanIn,
    PlanRead,
    RuleIn,
    RuleRead,
    RuleUpdate,
    SignoffRead,
)
from app.services import audit
from app.services.audit import Actor
from app.services.case import check_version

RULE_FIELDS = ["words", "responsible_others", "checked_how", "warning_signs", "if_broken",
               "who_to_call"]
RULE_AUDITED = [*RULE_FIELDS, "responsible_member_ids", "position"]


def plans(session: Session, *, case: Case) -> list[SafetyPlan]:
    """Every version, newest first."""
    return list(session.scalars(select(SafetyPlan).where(SafetyPlan.case_id == case.id)
                                .order_by(SafetyPlan.number.desc())))


def current(session: Session, *, case: Case) -> SafetyPlan | None:
    return session.scalar(select(SafetyPlan).where(
        SafetyPlan.case_id == case.id, SafetyPlan.status != PlanStatus.replaced)
        .order_by(SafetyPlan.number.desc()).limit(1))


def load(session: Session, *, case: Case, plan_id: int) -> SafetyPlan:
    plan = session.scalar(select(SafetyPlan).where(SafetyPlan.id == plan_id,
                                                   SafetyPlan.case_id == case.id))
    if plan is None:
        raise NotFound("We could not find that safety plan on this case.")
    return plan


def load_rule(session: Session, *, plan: SafetyPlan, rule_id: int) -> SafetyRule:
    rule = session.scalar(select(SafetyRule).where(
        SafetyRule.id == rule_id, SafetyRule.plan_id == plan.id, SafetyRule.removed.is_(False)))
    if rule is None:
        raise NotFound("We could not find that rule in this safety plan.")
    return rule


def rules(session: Session, *, plan: SafetyPlan) -> list[SafetyRule]:
    return list(session.scalars(select(SafetyRule).where(
        SafetyRule.plan_id == plan.id, SafetyRule.removed.is_(False))
        .order_by(SafetyRule.position, SafetyRule.id)))


def links(session: Session, rule_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {r: [] for r in rule_ids}
    if rule_ids:
        for rid, iid in session.execute(select(RuleLink.rule_id, RuleLink.item_id)
                                        .where(RuleLink.rule_id.in_(rule_ids))
                                        .order_by(RuleLink.id)):
            out[rid].append(iid)
    return out


def checks(session: Session, rule_ids: list[int]) -> dict[int, list[RuleCheck]]:
    out: dict[int, list[RuleCheck]] = {r: [] for r in rule_ids}
    if rule_ids:
        for c in session.scalars(select(RuleCheck).where(RuleCheck.rule_id.in_(rule_ids))
                                 .order_by(RuleCheck.checked_on.desc(), RuleCheck.id.desc())):
            out[c.rule_id].append(c)
    return out


def signoffs(session: Session, *, plan: SafetyPlan) -> list[PlanSignoff]:
    return list(session.scalars(select(PlanSignoff).where(PlanSignoff.plan_id == plan.id)
                                .order_by(PlanSignoff.agreed_on, PlanSignoff.id)))


def answerable(session: Session, *, plan: SafetyPlan) -> list[MappingItem]:
    """The plan's mapping's danger statements and safety goals, in the mapping's order."""
    return list(session.scalars(select(MappingItem).where(
        MappingItem.mapping_id == plan.mapping_id, MappingItem.removed.is_(False),
        MappingItem.category.in_([Category.danger_statement, Category.safety_goal]))
        .order_by(MappingItem.category, MappingItem.position, MappingItem.id)))


def uncovered(session: Session, *, plan: SafetyPlan) -> list[MappingItem]:
    """Danger statements no rule answers (a rule answering the statement's safety goal
    answers the statement too)."""
    items = answerable(session, plan=plan)
    linked = {i for ids in links(session, [r.id for r in rules(session, plan=plan)]).values()
              for i in ids}
    goals_of = {i.pairs_with_id for i in items
                if i.category == Category.safety_goal and i.id in linked}
    return [i for i in items if i.category == Category.danger_statement
            and i.id not in linked and i.id not in goals_of]


def create(session: Session, *, case: Case, data: PlanIn, actor: Actor) -> SafetyPlan:
    if current(session, case=case) is not None:
        raise Conflict("This case has a safety plan already. Change it, or review it to make "
                       "the next version.")
    mapping = session.get(Mapping, data.mapping_id)
    errors: list[FieldError] = []
    if mapping is None or mapping.case_id != case.id:
        errors.append(FieldError(["body", "mapping_id"], "Choose a mapping of this case"))
    elif mapping.kind == MappingKind.group_supervision:
        errors.append(FieldError(["body", "mapping_id"],
                                 "A group supervision map is the team's own thinking: choose "
                                 "a mapping made with the family"))
    made_on = data.made_on or date.today()
    if made_on > date.today():
        errors.append(FieldError(["body", "made_on"], "The plan cannot be made in the future"))
    if data.review_on is not None and data.review_on <= made_on:
        errors.append(FieldError(["body", "review_on"],
                                 "The review must be after the plan is made"))
    if errors:
        raise Invalid(errors)
    number = (session.scalar(select(func.max(SafetyPlan.number))
                             .where(SafetyPlan.case_id == case.id)) or 0) + 1
    plan = SafetyPlan(case_id=case.id, mapping_id=data.mapping_id, number=number,
                      made_on=made_on, review_on=data.review_on, created_by_name=actor.name)
    session.add(plan)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="safety_plan",
                 entity_id=plan.id, case_id=case.id,
                 summary=f"started safety plan {number}",
                 changes=audit.diff({}, {"mapping_id": plan.mapping_id, "number": number,
                                         "made_on": made_on, "review_on": data.review_on}))
    return plan


def editable(plan: SafetyPlan) -> None:
    if plan.status == PlanStatus.replaced:
        raise Conflict("This version of the plan was replaced by a review: change the current "
                       "one.")


def _check_rule(session: Session, case: Case, plan: SafetyPlan, item_ids: list[int],
                member_ids: list[int]) -> None:
    allowed = {i.id for i in answerable(session, plan=plan)}
    errors = [FieldError(["body", "item_ids", n],
                         "Choose a danger statement or safety goal of this plan's mapping")
              for n, i in enumerate(item_ids) if i not in allowed]
    members = set(session.scalars(select(NetworkMember.id).where(
        NetworkMember.case_id == case.id, NetworkMember.removed.is_(False))))
    errors += [FieldError(["body", "responsible_member_ids", n],
                          "Choose a member of this case's safety network")
               for n, m in enumerate(member_ids) if m not in members]
    if errors:
        raise Invalid(errors)


def _set_links(session: Session, rule: SafetyRule, item_ids: list[int]) -> None:
    for old in session.scalars(select(RuleLink).where(RuleLink.rule_id == rule.id)):
        session.delete(old)
    session.flush()
    session.add_all([RuleLink(rule_id=rule.id, item_id=i) for i in dict.fromkeys(item_ids)])


def add_rule(session: Session, *, case: Case, plan: SafetyPlan, data: RuleIn,
             actor: Actor) -> SafetyRule:
    editable(plan)
    if not data.words.strip():
        raise Invalid([FieldError(["body", "words"], "Write the rule in the family's words")])
    _check_rule(session, case, plan, data.item_ids, data.responsible_member_ids)
    position = (session.scalar(select(func.max(SafetyRule.position))
                               .where(SafetyRule.plan_id == plan.id)) or 0) + 1
    rule = SafetyRule(plan_id=plan.id, position=position, words=data.words,
                      responsible_member_ids=list(dict.fromkeys(data.responsible_member_ids)),
                      **{f: getattr(data, f) or None for f in RULE_FIELDS if f != "words"})
    session.add(rule)
    session.flush()
    _set_links(session, rule, data.item_ids)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="safety_rule",
                 entity_id=rule.id, case_id=case.id,
                 summary=f"added a rule to safety plan {plan.number}",
                 changes=audit.diff({}, {**audit.snapshot(rule, RULE_AUDITED),
                                         "item_ids": list(dict.fromkeys(data.item_ids))}))
    return rule


def update_rule(session: Session, *, case: Case, plan: SafetyPlan, rule: SafetyRule,
                data: RuleUpdate, expected_version: int | None, actor: Actor) -> SafetyRule:
    check_version(rule, expected_version)
    editable(plan)
    changes = data.model_dump(exclude_unset=True)
    if "words" in changes and not (changes["words"] or "").strip():
        raise Invalid([FieldError(["body", "words"], "Write the rule in the family's words")])
    old_links = links(session, [rule.id])[rule.id]
    item_ids = changes.pop("item_ids", None)
    item_ids = old_links if item_ids is None else item_ids
    member_ids = changes.get("responsible_member_ids")
    if member_ids is None:
        changes.pop("responsible_member_ids", None)
    _check_rule(session, case, plan, item_ids, member_ids or [])
    before = {**audit.snapshot(rule, RULE_AUDITED), "item_ids": old_links}
    for key, value in changes.items():
        setattr(rule, key, (list(dict.fromkeys(value)) if key == "responsible_member_ids"
                            else value or None))
    if item_ids != old_links:
        _set_links(session, rule, item_ids)
        # The rule's version moves on with what it answers, so a stale edit is caught.
        rule.updated_at = utcnow()
    session.flush()
    diff = audit.diff(before, {**audit.snapshot(rule, RULE_AUDITED),
                               "item_ids": list(dict.fromkeys(item_ids))})
    if diff:
        audit.record(session, actor=actor, action="update", entity_type="safety_rule",
                     entity_id=rule.id, case_id=case.id,
                     summary=f"changed a rule of safety plan {plan.number}", changes=diff)
    return rule


def remove_rule(session: Session, *, case: Case, plan: SafetyPlan, rule: SafetyRule,
                expected_version: int | None, actor: Actor) -> None:
    check_version(rule, expected_version)
    editable(plan)
    rule.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="safety_rule",
                 entity_id=rule.id, case_id=case.id,
                 summary=f"took a rule off safety plan {plan.number}",
                 changes={"removed": {"before": False, "after": True}})


def review(session: Session, *, case: Case, plan: SafetyPlan, expected_version: int | None,
           actor: Actor, mapping_id: int | None = None) -> SafetyPlan:
    """The next version: the same rules (and what they answer) as a new draft, to change and
    agree again; this one is kept as it was, replaced."""
    check_version(plan, expected_version)
    if plan.status != PlanStatus.agreed:
        raise Conflict("Only an agreed plan is reviewed; a draft is changed as it is.")
    target = plan.mapping_id
    if mapping_id is not None:
        m = session.get(Mapping, mapping_id)
        if m is None or m.case_id != case.id or m.kind == MappingKind.group_supervision:
            raise Invalid([FieldError(["body", "mapping_id"],
                                      "Choose a mapping of this case made with the family")])
        target = mapping_id
    plan.status = PlanStatus.replaced
    new = SafetyPlan(case_id=case.id, mapping_id=target, number=plan.number + 1,
                     made_on=date.today(), review_on=None, replaces_id=plan.id,
                     created_by_name=actor.name)
    session.add(new)
    session.flush()
    old_rules = rules(session, plan=plan)
    old_links = links(session, [r.id for r in old_rules])
    for r in old_rules:
        copy = SafetyRule(plan_id=new.id, position=r.position, words=r.words,
                          responsible_member_ids=list(r.responsible_member_ids or []),
                          **{f: getattr(r, f) for f in RULE_FIELDS if f != "words"})
        session.add(copy)
        session.flush()
        keep = old_links[r.id] if target == plan.mapping_id else []
        session.add_all([RuleLink(rule_id=copy.id, item_id=i) for i in keep])
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="safety_plan",
                 entity_id=new.id, case_id=case.id,
                 summary=f"reviewed safety plan {plan.number}: version {new.number} started "
                         "from it",
                 changes={"replaces": {"before": None, "after": plan.id}})
    return new


def read(session: Session, *, plan: SafetyPlan) -> PlanRead:
    rs = rules(session, plan=plan)
    ls = links(session, [r.id for r in rs])
    cs = checks(session, [r.id for r in rs])
    return PlanRead(
        id=plan.id, number=plan.number, mapping_id=plan.mapping_id, status=plan.status,
        made_on=plan.made_on, review_on=plan.review_on, agreed_on=plan.agreed_on,
        replaces_id=plan.replaces_id, version=plan.version,
        rules=[RuleRead(id=r.id, position=r.position, words=r.words, item_ids=ls[r.id],
                        responsible_member_ids=list(r.responsible_member_ids or []),
                        responsible_others=r.responsible_others, checked_how=r.checked_how,
                        warning_signs=r.warning_signs, if_broken=r.if_broken,
                        who_to_call=r.who_to_call, version=r.version,
                        checks=[CheckRead.model_validate(c) for c in cs[r.id]])
               for r in rs],
        signoffs=[SignoffRead.model_validate(s) for s in signoffs(session, plan=plan)],
        uncovered_danger_ids=[i.id for i in uncovered(session, plan=plan)])
