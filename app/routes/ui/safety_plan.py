"""The Safety plan tab: the current plan (or starting one from a mapping), its rules with what
each answers and who makes sure, who agreed it, the monitoring of each rule, reviews into a
new version, earlier versions read-only, and the family's copy as a PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError
from app.models.case import Case
from app.models.enums import Category, MappingKind, PersonKind
from app.models.mapping import Mapping
from app.models.safety_plan import SafetyPlan
from app.routes.download import shown_pdf
from app.routes.ui.act import attempt
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    chosen_id,
    date_field,
    hidden_int,
    id_list,
    raw_date,
    text,
)
from app.schemas.safety_plan import CheckIn, PlanIn, RuleIn, RuleUpdate, SignoffIn
from app.services import access, document, safety_plan_document, words_pictures
from app.services import network as network_service
from app.services import person as person_service
from app.services import safety_plan as plan_service
from app.services import safety_plan_monitoring as monitoring
from app.services.access import Principal
from app.services.mapping_item import display_text, short
from app.templating import render

router = APIRouter(include_in_schema=False)
RULE_TEXT = ("words", "responsible_others", "checked_how", "warning_signs", "if_broken",
             "who_to_call")
HOWS = [(h.value, w) for h, w in monitoring.HOW.items()]
RESULTS = [(r.value, w) for r, w in monitoring.RESULT.items()]


def _mappings(session: Session, case: Case) -> list[tuple[int, str]]:
    rows = session.scalars(select(Mapping).where(
        Mapping.case_id == case.id, Mapping.kind != MappingKind.group_supervision)
        .order_by(Mapping.held_on.desc(), Mapping.id.desc()))
    return [(m.id, f"{m.title or 'Mapping'} ({m.held_on:%-d %B %Y})") for m in rows]


def ctx_items(items: list[Any]) -> list[tuple[int, str]]:
    """The worries and goals a rule can answer, as the form and the page say them."""
    return [(i.id, ("Worry: " if i.category == Category.danger_statement else "Safety goal: ")
             + short(display_text(i), 120)) for i in items]


def page_context(session: Session, case: Case, principal: Principal,
                 plan: SafetyPlan | None = None, **extra: Any) -> dict[str, Any]:
    plan = plan or plan_service.current(session, case=case)
    ctx: dict[str, Any] = {
        "case": case, "plan": plan, "versions": plan_service.plans(session, case=case),
        "can_edit": access.can_edit(principal, case), "mappings": _mappings(session, case),
        "hows": HOWS, "results": RESULTS, "result_words": monitoring.RESULT,
        "how_words": monitoring.HOW, "errors": FormErrors(), "values": {},
        "sign_errors": FormErrors(), "sign_values": {}, "check_errors": FormErrors(),
        "check_values": {}, "start_errors": FormErrors(),
        "start_values": {}}
    if plan is not None:
        rows = plan_service.rules(session, plan=plan)
        items = plan_service.answerable(session, plan=plan)
        members = network_service.members(session, case=case)
        names = network_service.names_of(session, members)
        people = [p for p in person_service.list_for_case(session, case=case)
                  if p.kind == PersonKind.adult and not p.archived]
        ctx.update(
            rules=rows, links=plan_service.links(session, [r.id for r in rows]),
            checks=plan_service.checks(session, [r.id for r in rows]),
            signoffs=plan_service.signoffs(session, plan=plan),
            items={i.id: i for i in items},
            item_options=ctx_items(items),
            member_names=names,
            members=members, person_options=[(p.id, p.full_name) for p in people],
            uncovered=plan_service.uncovered(session, plan=plan),
            slipping={r.id for r in monitoring.slipping(session, plan=plan)},
            editable=ctx["can_edit"] and plan.status.value != "replaced",
            readability=safety_plan_document.check(session, case, plan)
            if ctx["can_edit"] else None,
            languages=document.language_choices(),
            family_language=document.family_language(session, case),
            children_version=words_pictures.current(session, case=case, plan_id=plan.id),
            item_words={iid: words for iid, words in ctx_items(items)},
            rule_options=[(r.id, f"Rule {n}: {short(r.words, 60)}")
                          for n, r in enumerate(rows, start=1)],
            who_options=[(f"person:{p.id}", p.full_name) for p in people] + [
                (f"member:{m.id}", f"{names[m.id]} (safety network)")
                for m in members if m.person_id is None])
    ctx.update(extra)
    return ctx


def _page(request: Request, ctx: dict[str, Any], status: int = 200) -> Response:
    return render(request, "safety_plan/page.html", ctx, status_code=status)


def _again(request: Request, session: Session, case: Case, principal: Principal,
           plan_id: int) -> Callable[[FormErrors, int], Response]:
    """The plan's page again, with the reason an action was refused."""
    def page(errors: FormErrors, status: int) -> Response:
        plan = plan_service.load(session, case=case, plan_id=plan_id)
        return _page(request, page_context(session, case, principal, plan, errors=errors),
                     status)
    return page


@router.get("/cases/{case_id}/safety-plan")
def plan_page(request: Request, case: CaseDep, principal: PrincipalDep,
              session: SessionDep) -> Response:
    return _page(request, page_context(session, case, principal))


@router.get("/cases/{case_id}/safety-plan/{plan_id}")
def version_page(request: Request, case: CaseDep, plan_id: int, principal: PrincipalDep,
                 session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    return _page(request, page_context(session, case, principal, plan))


@router.post("/cases/{case_id}/safety-plan")
async def start_plan(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                     session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    values = {"mapping_id": chosen_id(text(form, "mapping_id")),
              "review_on": date_field(form, "review_on", "The review", errors)}
    if not values["mapping_id"]:
        errors.setdefault("mapping_id", "Choose the mapping the plan answers")
    data = build(PlanIn, values, errors) if not errors else None
    if data is not None:
        try:
            plan_service.create(session, case=case, data=data, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/safety-plan?started=1")
    discard(session)
    return _page(request, page_context(session, case, principal, start_errors=errors,
                                       start_values={"mapping_id": text(form, "mapping_id"),
                                                     "review_on": raw_date(form, "review_on")}),
                 422)


def _rule_values(form: FormData) -> dict[str, Any]:
    values: dict[str, Any] = {n: text(form, n) for n in RULE_TEXT}
    values["item_ids"] = id_list(form, "item_ids")
    values["responsible_member_ids"] = id_list(form, "responsible_member_ids")
    return values


@router.post("/cases/{case_id}/safety-plan/{plan_id}/rules")
async def add_rule(request: Request, case: EditableCaseDep, plan_id: int,
                   principal: PrincipalDep, session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    form = await request.form()
    errors = FormErrors()
    values = _rule_values(form)
    if not values["words"]:
        errors["words"] = "Write the rule in the family's words"
    data = build(RuleIn, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            rule = plan_service.add_rule(session, case=case, plan=plan, data=data,
                                         actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/safety-plan/{plan.id}?added=1"
                                      f"#rule-{rule.id}")
    discard(session)
    return _page(request, page_context(session, case, principal,
                                       plan_service.load(session, case=case, plan_id=plan_id),
                                       errors=errors, values=values), status)


def _rule_form(request: Request, session: Session, case: Case, principal: Principal,
               plan: SafetyPlan, rule: Any, errors: FormErrors, values: dict[str, Any],
               status: int = 200) -> Response:
    ctx = page_context(session, case, principal, plan)
    return render(request, "safety_plan/rule.html", {**ctx, "rule": rule, "errors": errors,
                                                     "values": values}, status_code=status)


@router.get("/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}")
def rule_form(request: Request, case: EditableCaseDep, plan_id: int, rule_id: int,
              principal: PrincipalDep, session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    values: dict[str, Any] = {n: getattr(rule, n) or "" for n in RULE_TEXT}
    values.update(item_ids=plan_service.links(session, [rule.id])[rule.id],
                  responsible_member_ids=list(rule.responsible_member_ids or []),
                  version=rule.version)
    return _rule_form(request, session, case, principal, plan, rule, FormErrors(), values)


@router.post("/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}")
async def save_rule(request: Request, case: EditableCaseDep, plan_id: int, rule_id: int,
                    principal: PrincipalDep, session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    values = _rule_values(form)
    if not values["words"]:
        errors["words"] = "Write the rule in the family's words"
    data = build(RuleUpdate, {**values, "words": values["words"] or None}, errors) \
        if not errors else None
    status = 422
    if data is not None:
        try:
            plan_service.update_rule(session, case=case, plan=plan, rule=rule, data=data,
                                     expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/safety-plan/{plan.id}?changed=1"
                                      f"#rule-{rule.id}")
    discard(session)
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    return _rule_form(request, session, case, principal, plan, rule, errors,
                      {**values, "version": version}, status)


@router.post("/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}/remove")
async def remove_rule(request: Request, case: EditableCaseDep, plan_id: int, rule_id: int,
                      principal: PrincipalDep, session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    form = await request.form()

    def act() -> str:
        plan_service.remove_rule(session, case=case, plan=plan, rule=rule,
                                 expected_version=hidden_int(form, "version"),
                                 actor=principal.actor)
        return f"/cases/{case.id}/safety-plan/{plan.id}?removed=1"

    return attempt(request, session, act, _again(request, session, case, principal, plan_id))


@router.post("/cases/{case_id}/safety-plan/{plan_id}/signoffs")
async def sign_off(request: Request, case: EditableCaseDep, plan_id: int,
                   principal: PrincipalDep, session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    form = await request.form()
    errors = FormErrors()
    who = text(form, "who") or ""
    values: dict[str, Any] = {
        "agreed_on": date_field(form, "agreed_on", "The day they agreed", errors),
        "how": text(form, "how"), "note": text(form, "note"), "name": text(form, "name")}
    if who.startswith("person:"):
        values["person_id"] = chosen_id(who.removeprefix("person:"))
    elif who.startswith("member:"):
        values["member_id"] = chosen_id(who.removeprefix("member:"))
    if values["agreed_on"] is None and "agreed_on" not in errors:
        errors["agreed_on"] = "Enter the day they agreed"
    if not values["how"]:
        errors["how"] = "Say how they agreed"
    data = build(SignoffIn, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            monitoring.sign_off(session, case=case, plan=plan, data=data,
                                  actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc, names={"person_id": "who", "member_id": "who",
                                                   "name": "who"})
        else:
            return see_other(request, f"/cases/{case.id}/safety-plan/{plan.id}?agreed=1"
                                      "#agreed")
    discard(session)
    return _page(request, page_context(
        session, case, principal, plan_service.load(session, case=case, plan_id=plan_id),
        sign_errors=errors, sign_values={**values, "who": who,
                                         "agreed_on": raw_date(form, "agreed_on")}), status)


@router.post("/cases/{case_id}/safety-plan/{plan_id}/checks")
async def add_check(request: Request, case: EditableCaseDep, plan_id: int,
                    principal: PrincipalDep, session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    form = await request.form()
    errors = FormErrors()
    rule_id = chosen_id(text(form, "rule_id"))
    if rule_id is None:
        errors["rule_id"] = "Choose the rule"
        discard(session)
        return _page(request, page_context(session, case, principal, plan,
                                           check_errors=errors), 422)
    rule = plan_service.load_rule(session, plan=plan, rule_id=rule_id)
    values: dict[str, Any] = {
        "checked_on": date_field(form, "checked_on", "The day it was checked", errors),
        "result": text(form, "result"), "what_happened": text(form, "what_happened"),
        "by_name": text(form, "by_name")}
    if values["checked_on"] is None and "checked_on" not in errors:
        errors["checked_on"] = "Enter the day it was checked"
    if not values["result"]:
        errors["result"] = "Say whether the rule was kept, slipped or was broken"
    data = build(CheckIn, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            monitoring.check(session, case=case, plan=plan, rule=rule, data=data,
                               actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/safety-plan/{plan.id}?checked=1"
                                      f"#rule-{rule.id}")
    discard(session)
    return _page(request, page_context(
        session, case, principal, plan_service.load(session, case=case, plan_id=plan_id),
        check_errors=errors,
        check_values={**values, "rule_id": rule_id,
                      "checked_on": raw_date(form, "checked_on")}), status)


@router.post("/cases/{case_id}/safety-plan/{plan_id}/review")
async def review_plan(request: Request, case: EditableCaseDep, plan_id: int,
                      principal: PrincipalDep, session: SessionDep) -> Response:
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    form = await request.form()

    def act() -> str:
        new = plan_service.review(session, case=case, plan=plan,
                                  expected_version=hidden_int(form, "version"),
                                  actor=principal.actor,
                                  mapping_id=chosen_id(text(form, "mapping_id")))
        return f"/cases/{case.id}/safety-plan/{new.id}?reviewed=1"

    return attempt(request, session, act, _again(request, session, case, principal, plan_id))


@router.get("/cases/{case_id}/safety-plan/{plan_id}/plan.pdf")
def plan_pdf(case: CaseDep, plan_id: int, session: SessionDep,
             language: str = "en") -> Response:
    """The family's copy of this version of the plan."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    rendered = safety_plan_document.render(session, case, plan, language=language)
    return shown_pdf(rendered.content, rendered.filename)



@router.post("/cases/{case_id}/safety-plan/{plan_id}/issue")
async def issue_plan(request: Request, case: EditableCaseDep, plan_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
    """Give the family their copy: the exact bytes are kept in the documents register."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)
    form = await request.form()

    values = {"issued_to": text(form, "issued_to") or "",
              "readability_reason": text(form, "readability_reason") or "",
              "language": text(form, "language") or "en"}

    def act() -> str:
        doc = safety_plan_document.issue(session, case=case, plan=plan,
                                         issued_to=values["issued_to"], actor=principal.actor,
                                         readability_reason=values["readability_reason"],
                                         language=values["language"])
        return f"/cases/{case.id}/documents?issued={doc.id}"

    def again(errors: FormErrors, status: int) -> Response:
        plan = plan_service.load(session, case=case, plan_id=plan_id)
        return _page(request, page_context(session, case, principal, plan, errors=errors,
                                           issue_values=values), status)

    return attempt(request, session, act, again)


@router.post("/cases/{case_id}/safety-plan/{plan_id}/children")
async def children_version(request: Request, case: EditableCaseDep, plan_id: int,
                           principal: PrincipalDep, session: SessionDep) -> Response:
    """Make the children's version of the plan in Words and Pictures (a panel a rule)."""
    plan = plan_service.load(session, case=case, plan_id=plan_id)

    def act() -> str:
        board = words_pictures.for_safety_plan(session, case=case, plan=plan,
                                               actor=principal.actor)
        return f"/cases/{case.id}/words-and-pictures/{board.id}?started=1"

    return attempt(request, session, act, _again(request, session, case, principal, plan_id))