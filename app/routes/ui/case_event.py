"""A child's statutory record in the browser: the dated events of their journey, what the
record already proposes (a signed-off assessment mapping...), recording one, changing it,
withdrawing one recorded in error."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SessionDep
from app.deps import CaseDep, PrincipalDep, StatutoryCaseDep
from app.errors import NotFound
from app.models.case import Case
from app.models.case_event import CaseEvent
from app.models.enums import CaseEventKind
from app.models.person import Person
from app.routes.ui.act import attempt
from app.routes.ui.forms import FormErrors, build, date_field, hidden_int, raw_date, text
from app.schemas.case_event import CaseEventIn, CaseEventUpdate
from app.services import access, census_codes
from app.services import case_event as event_service
from app.services import child_status as status_service
from app.services import person as person_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)
DATES = {"happened_on": "The day", "completed_on": "The day it was authorised",
         "strategy_on": "The day of the strategy discussion"}
#: What the day is called for each kind.
DAY_WORDS = {
    CaseEventKind.referral: "Day of the referral",
    CaseEventKind.assessment: "Day the assessment started",
    CaseEventKind.section47: "Day the enquiry started",
    CaseEventKind.initial_conference: "Day of the conference",
    CaseEventKind.cp_review: "Day of the review",
    CaseEventKind.closure: "Day the case closed",
}


def _kind(value: str | None) -> CaseEventKind:
    try:
        return CaseEventKind(value or "")
    except ValueError:
        raise NotFound("Choose what to record from the list.") from None


def _page(session: Session, case: Case, child: Person, principal: Principal,
          **extra: Any) -> dict[str, Any]:
    return {"case": case, "child": child,
            "events": event_service.for_child(session, case=case, child=child, withdrawn=True),
            "proposals": event_service.proposals(session, case=case, child=child)
            if access.corrects_statutory(principal, case) else [],
            "plans": status_service.for_child(session, case=case, child=child),
            "describe": event_service.describe, "plan_words": status_service.describe,
            "words": event_service.WORDS, "kinds": list(CaseEventKind),
            "can_edit": access.corrects_statutory(principal, case), "errors": FormErrors(), **extra}


def _form(case: Case, child: Person, kind: CaseEventKind, row: CaseEvent | None,
          **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if row is not None:
        values = {f: getattr(row, f) for f in ("happened_on", "note", *event_service.OPTIONAL)}
    return {"case": case, "child": child, "kind": kind, "row": row,
            "fields": event_service.FIELDS[kind], "title": event_service.WORDS[kind],
            "day_words": DAY_WORDS[kind], "values": values, "errors": FormErrors(),
            "sources": census_codes.choices("referral_source"),
            "needs": census_codes.choices("primary_need"),
            "reasons": census_codes.choices("closure_reason"),
            "factors": census_codes.choices("assessment_factor"),
            "split": census_codes.split, **extra}


def _read(form: FormData, kind: CaseEventKind, errors: FormErrors) -> dict[str, Any]:
    allowed = event_service.FIELDS[kind]
    data: dict[str, Any] = {"note": text(form, "note")}
    for name, label in DATES.items():
        if name == "happened_on" or name in allowed:
            data[name] = date_field(form, name, label, errors)
    if data["happened_on"] is None and "happened_on" not in errors:
        errors["happened_on"] = "Enter the day"
    if "code" in allowed:
        data["code"] = text(form, "code")
    if "need_code" in allowed:
        data["need_code"] = text(form, "need_code")
    for flag in ("no_further_action", "no_conference"):
        if flag in allowed:
            data[flag] = form.get(flag) == "yes"
    if "factors" in allowed:
        data["factors"] = " ".join(v for v in form.getlist("factors")
                                   if isinstance(v, str)) or None
    if "mapping_id" in allowed and (m := text(form, "mapping_id")):
        data["mapping_id"] = int(m) if m.isdigit() else 0
    return data


def _echo(form: FormData, data: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in data.items() if k not in DATES}
    for name in DATES:
        values[name] = raw_date(form, name)
    return values


@router.get("/cases/{case_id}/children/{child_id}/events")
def events_page(request: Request, case: CaseDep, child_id: int, principal: PrincipalDep,
                session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    return render(request, "case_event/page.html", _page(session, case, child, principal))


@router.get("/cases/{case_id}/children/{child_id}/events/new")
def new_event(request: Request, case: StatutoryCaseDep, child_id: int, session: SessionDep,
              kind: str = "", on: date | None = None, mapping_id: int | None = None
              ) -> Response:
    """The form for one kind of event; `on` and `mapping_id` fill it in from a proposal."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    ctx = _form(case, child, _kind(kind), None)
    ctx["values"] = {"happened_on": on, "mapping_id": mapping_id}
    return render(request, "case_event/form.html", ctx)


@router.post("/cases/{case_id}/children/{child_id}/events")
async def add_event(request: Request, case: StatutoryCaseDep, child_id: int,
                    principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    form = await request.form()
    kind = _kind(text(form, "kind"))
    errors = FormErrors()
    data = _read(form, kind, errors)
    payload = build(CaseEventIn, {**data, "kind": kind}, errors) if not errors else None

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "case_event/form.html",
                      _form(case, child, kind, None, errors=errs, values=_echo(form, data)),
                      status_code=status)

    if payload is None:
        return again(errors, 422)

    def act() -> str:
        row = event_service.add(session, case=case, child=child, data=payload,
                                actor=principal.actor)
        return f"/cases/{case.id}/children/{child.id}/events?saved={row.id}#event-{row.id}"

    return attempt(request, session, act, again)


@router.get("/cases/{case_id}/children/{child_id}/events/{event_id}")
def event_form(request: Request, case: CaseDep, child_id: int, event_id: int,
               principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = event_service.load(session, case=case, child=child, event_id=event_id)
    return render(request, "case_event/form.html", _form(
        case, child, row.kind, row, can_edit=access.corrects_statutory(principal, case)))


@router.post("/cases/{case_id}/children/{child_id}/events/{event_id}")
async def change_event(request: Request, case: StatutoryCaseDep, child_id: int, event_id: int,
                       principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = event_service.load(session, case=case, child=child, event_id=event_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    data = _read(form, row.kind, errors)
    payload = build(CaseEventUpdate, data, errors) if not errors else None

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "case_event/form.html",
                      _form(case, child, row.kind, row, errors=errs, values=_echo(form, data),
                            can_edit=True), status_code=status)

    if payload is None:
        return again(errors, 422)

    def act() -> str:
        event_service.update(session, case=case, child=child, row=row, data=payload,
                             expected_version=version, actor=principal.actor)
        return f"/cases/{case.id}/children/{child.id}/events?saved={row.id}#event-{row.id}"

    return attempt(request, session, act, again)


@router.post("/cases/{case_id}/children/{child_id}/events/{event_id}/withdraw")
async def withdraw_event(request: Request, case: StatutoryCaseDep, child_id: int, event_id: int,
                         principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    row = event_service.load(session, case=case, child=child, event_id=event_id)
    form = await request.form()
    version = hidden_int(form, "version")

    def act() -> str:
        event_service.withdraw(session, case=case, child=child, row=row,
                               expected_version=version, actor=principal.actor)
        return f"/cases/{case.id}/children/{child.id}/events?withdrawn={row.id}"

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "case_event/page.html",
                      _page(session, case, child, principal, errors=errs), status_code=status)

    return attempt(request, session, act, again)


@router.post("/cases/{case_id}/children/{child_id}/event-proposals")
async def accept_proposal(request: Request, case: StatutoryCaseDep, child_id: int,
                          principal: PrincipalDep, session: SessionDep) -> Response:
    """Record what the record proposes, as it proposes it (the form's `index` names which;
    the proposals are worked out again here, so nothing typed is trusted)."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    form = await request.form()
    wanted = text(form, "key")
    found = next((p for p in event_service.proposals(session, case=case, child=child)
                  if f"{p.kind.value}-{p.mapping_id}-{p.event_id}" == wanted), None)
    if found is None:
        raise NotFound("That is no longer proposed: it may have been recorded already.")

    def act() -> str:
        values = {"happened_on": found.happened_on, "completed_on": found.completed_on,
                  "factors": found.factors, "mapping_id": found.mapping_id}
        values = {k: v for k, v in values.items() if v is not None
                  and k in ("happened_on", *event_service.FIELDS[found.kind])}
        if found.event_id is not None:
            row = event_service.load(session, case=case, child=child, event_id=found.event_id)
            event_service.update(session, case=case, child=child, row=row,
                                 data=CaseEventUpdate(**values), expected_version=row.version,
                                 actor=principal.actor)
        else:
            row = event_service.add(session, case=case, child=child,
                                    data=CaseEventIn(kind=found.kind, **values),
                                    actor=principal.actor)
        return f"/cases/{case.id}/children/{child.id}/events?saved={row.id}#event-{row.id}"

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "case_event/page.html",
                      _page(session, case, child, principal, errors=errs), status_code=status)

    return attempt(request, session, act, again)
