"""The safety plan once written: who agreed it (the first agreement makes it agreed; never a
plan with no rules), and how each rule went when it was checked (kept, slipped, broken); a
rule that slipped or was broken twice in four weeks is flagged. Audited."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import Conflict, FieldError, Invalid
from app.models.case import Case
from app.models.enums import CheckResult, PlanStatus, SignoffHow
from app.models.network import NetworkMember
from app.models.person import Person
from app.models.safety_plan import PlanSignoff, RuleCheck, SafetyPlan, SafetyRule
from app.schemas.safety_plan import CheckIn, SignoffIn
from app.services import audit
from app.services.audit import Actor
from app.services.safety_plan import editable, rules

HOW = {SignoffHow.signed_paper: "Signed on paper (scanned)",
       SignoffHow.said_at_meeting: "Said so at a meeting",
       SignoffHow.signed_on_tablet: "Signed on a tablet",
       SignoffHow.other: "Another way (see the note)"}
RESULT = {CheckResult.held: "Kept", CheckResult.slipped: "Slipped",
          CheckResult.broken: "Broken"}
#: A rule that slipped (or was broken) this many times in SLIP_WEEKS is flagged.
SLIPS, SLIP_WEEKS = 2, 4


def slipping(session: Session, *, plan: SafetyPlan,
             today: date | None = None) -> list[SafetyRule]:
    """Rules that slipped or were broken SLIPS times or more in the last SLIP_WEEKS weeks."""
    since = (today or date.today()) - timedelta(weeks=SLIP_WEEKS)
    ids: dict[int, int] = {}
    for rule_id, n in session.execute(
            select(RuleCheck.rule_id, func.count())
            .join(SafetyRule, SafetyRule.id == RuleCheck.rule_id)
            .where(SafetyRule.plan_id == plan.id, SafetyRule.removed.is_(False),
                   RuleCheck.result != CheckResult.held, RuleCheck.checked_on > since)
            .group_by(RuleCheck.rule_id)):
        ids[rule_id] = n
    return [r for r in rules(session, plan=plan) if ids.get(r.id, 0) >= SLIPS]



def sign_off(session: Session, *, case: Case, plan: SafetyPlan, data: SignoffIn,
             actor: Actor) -> PlanSignoff:
    """Someone agreed the plan. The first agreement makes the plan agreed."""
    editable(plan)
    errors: list[FieldError] = []
    if not rules(session, plan=plan):
        raise Conflict("A plan with no rules cannot be agreed: add the rules first.")
    name = (data.name or "").strip()
    if data.person_id is not None:
        person = session.get(Person, data.person_id)
        if person is None or person.case_id != case.id:
            errors.append(FieldError(["body", "person_id"], "Choose someone on this case"))
        else:
            name = person.full_name
    elif data.member_id is not None:
        member = session.get(NetworkMember, data.member_id)
        if member is None or member.case_id != case.id or member.removed:
            errors.append(FieldError(["body", "member_id"],
                                     "Choose a member of this case's safety network"))
        else:
            owner = session.get(Person, member.person_id) if member.person_id else None
            name = owner.full_name if owner else (member.name or "")
    if not name and not errors:
        errors.append(FieldError(["body", "name"], "Say who agreed the plan"))
    if data.agreed_on > date.today():
        errors.append(FieldError(["body", "agreed_on"], "Record an agreement once it is made"))
    elif data.agreed_on < plan.made_on:
        errors.append(FieldError(["body", "agreed_on"],
                                 "The plan was made after that day"))
    if data.how == SignoffHow.other and not (data.note or "").strip():
        errors.append(FieldError(["body", "note"], "Say how they agreed"))
    if errors:
        raise Invalid(errors)
    row = PlanSignoff(plan_id=plan.id, name=name, person_id=data.person_id,
                      member_id=data.member_id, agreed_on=data.agreed_on, how=data.how,
                      note=data.note or None, recorded_by_name=actor.name)
    session.add(row)
    if plan.status == PlanStatus.draft:
        plan.status = PlanStatus.agreed
        plan.agreed_on = data.agreed_on
    else:
        plan.agreed_on = plan.agreed_on or data.agreed_on
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="safety_plan_signoff",
                 entity_id=row.id, case_id=case.id,
                 summary=f"recorded that {name} agreed safety plan {plan.number} "
                         f"({HOW[data.how].lower()})",
                 changes=audit.diff({}, {"name": name, "agreed_on": data.agreed_on,
                                         "how": data.how.value, "note": data.note}))
    return row



def check(session: Session, *, case: Case, plan: SafetyPlan, rule: SafetyRule, data: CheckIn,
          actor: Actor) -> RuleCheck:
    """Monitoring: how the rule went, on a day."""
    if plan.status != PlanStatus.agreed:
        raise Conflict("Rules are checked once the family has agreed the plan."
                       if plan.status == PlanStatus.draft else
                       "This version was replaced by a review: check the current one.")
    errors: list[FieldError] = []
    if data.checked_on > date.today():
        errors.append(FieldError(["body", "checked_on"], "A check cannot be in the future"))
    elif data.checked_on < plan.made_on:
        errors.append(FieldError(["body", "checked_on"], "The plan was made after that day"))
    if data.result != CheckResult.held and not (data.what_happened or "").strip():
        errors.append(FieldError(["body", "what_happened"], "Say what happened"))
    if errors:
        raise Invalid(errors)
    row = RuleCheck(rule_id=rule.id, checked_on=data.checked_on, result=data.result,
                    what_happened=data.what_happened or None,
                    by_name=(data.by_name or "").strip() or actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="safety_rule_check",
                 entity_id=row.id, case_id=case.id,
                 summary=f"recorded that a rule of safety plan {plan.number} was "
                         f"{RESULT[data.result].lower()} on {data.checked_on:%-d %B %Y}",
                 changes=audit.diff({}, {"rule_id": rule.id, "result": data.result.value,
                                         "checked_on": data.checked_on,
                                         "what_happened": data.what_happened}))
    return row

