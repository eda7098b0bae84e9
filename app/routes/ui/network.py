"""The safety network in the browser (the Safety network tab): its members, who has been told
the worries and what they were shown, what each agreed to, and the network's meetings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError
from app.models.case import Case
from app.models.enums import NetworkAgreement, PersonKind
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
from app.schemas.network import MeetingIn, MemberIn, MemberUpdate
from app.services import access
from app.services import network as network_service
from app.services import person as person_service
from app.services.access import Principal
from app.services.mapping_item import display_text, short
from app.templating import render

router = APIRouter(include_in_schema=False)
AGREEMENTS = [(a.value, words) for a, words in network_service.AGREEMENT.items()]
MEMBER_FIELDS = ("phone", "email", "role", "told_what", "commitments")


def _ctx(session: Session, case: Case, principal: Principal, **extra: Any) -> dict[str, Any]:
    rows = network_service.members(session, case=case)
    names = network_service.names_of(session, rows)
    taken = {m.person_id for m in rows if m.person_id}
    people = [p for p in person_service.list_for_case(session, case=case)
              if p.kind == PersonKind.adult and not p.archived and p.id not in taken]
    return {"case": case, "members": rows, "names": names,
            "person_options": [(p.id, p.full_name) for p in people],
            "meetings": network_service.meetings(session, case=case),
            "steps": [(s.id, short(display_text(s), 80))
                      for s in network_service.next_steps(session, case=case)],
            "agreements": AGREEMENTS, "agreement_words": network_service.AGREEMENT,
            "told": sum(1 for m in rows if m.told_on is not None),
            "can_edit": access.can_edit(principal, case), "errors": FormErrors(),
            "values": {}, "meeting_values": {}, "meeting_errors": FormErrors(), **extra}


@router.get("/cases/{case_id}/network")
def network_page(request: Request, case: CaseDep, principal: PrincipalDep,
                 session: SessionDep) -> Response:
    return render(request, "network/page.html", _ctx(session, case, principal))


def _member_values(form: Any, errors: FormErrors) -> dict[str, Any]:
    values: dict[str, Any] = {n: text(form, n) for n in MEMBER_FIELDS}
    values["told_on"] = date_field(form, "told_on", "The day they were told", errors)
    agreement = text(form, "agreement") or NetworkAgreement.not_yet.value
    values["agreement"] = agreement
    return values


@router.post("/cases/{case_id}/network/members")
async def add_member(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                     session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    values = _member_values(form, errors)
    values["person_id"] = chosen_id(text(form, "person_id"))
    values["name"] = text(form, "name")
    if not values["role"]:
        errors.setdefault("role", "Say who they are to the family and their part in the "
                                  "network")
    data = build(MemberIn, values, errors) if not errors else None
    if data is not None:
        try:
            m = network_service.add_member(session, case=case, data=data,
                                           actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/network?added=1#member-{m.id}")
    discard(session)
    return render(request, "network/page.html", _ctx(
        session, case, principal, errors=errors,
        values={**values, "told_on": raw_date(form, "told_on"),
                "person_id": text(form, "person_id")}), status_code=422)


@router.get("/cases/{case_id}/network/members/{member_id}")
def member_form(request: Request, case: EditableCaseDep, member_id: int,
                session: SessionDep) -> Response:
    m = network_service.load_member(session, case=case, member_id=member_id)
    return render(request, "network/member.html", {
        "case": case, "m": m, "name": network_service.names_of(session, [m])[m.id],
        "agreements": AGREEMENTS, "errors": FormErrors(),
        "values": {**{n: getattr(m, n) or "" for n in MEMBER_FIELDS}, "told_on": m.told_on,
                   "agreement": m.agreement.value, "version": m.version}})


@router.post("/cases/{case_id}/network/members/{member_id}")
async def save_member(request: Request, case: EditableCaseDep, member_id: int,
                      principal: PrincipalDep, session: SessionDep) -> Response:
    m = network_service.load_member(session, case=case, member_id=member_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    values = _member_values(form, errors)
    data = build(MemberUpdate, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            network_service.update_member(session, case=case, member=m, data=data,
                                          expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/network?changed=1#member-{m.id}")
    discard(session)
    return render(request, "network/member.html", {
        "case": case, "m": m, "name": network_service.names_of(session, [m])[m.id],
        "agreements": AGREEMENTS, "errors": errors,
        "values": {**values, "told_on": raw_date(form, "told_on"), "version": version}},
        status_code=status)


@router.post("/cases/{case_id}/network/members/{member_id}/remove")
async def remove_member(request: Request, case: EditableCaseDep, member_id: int,
                        principal: PrincipalDep, session: SessionDep) -> Response:
    m = network_service.load_member(session, case=case, member_id=member_id)
    form = await request.form()
    errors = FormErrors()
    try:
        network_service.remove_member(session, case=case, member=m,
                                      expected_version=hidden_int(form, "version"),
                                      actor=principal.actor)
    except DomainError as exc:
        status = errors.add_domain(exc)
    else:
        return see_other(request, f"/cases/{case.id}/network?removed=1")
    discard(session)
    return render(request, "network/page.html", _ctx(session, case, principal, errors=errors),
                  status_code=status)


@router.post("/cases/{case_id}/network/meetings")
async def add_meeting(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                      session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    held_on = date_field(form, "held_on", "The day of the meeting", errors)
    if held_on is None and "held_on" not in errors:
        errors["held_on"] = "Enter the day of the meeting"
    next_on = date_field(form, "next_meeting_on", "The next meeting", errors)
    values: dict[str, Any] = {"held_on": held_on, "next_meeting_on": next_on,
                              "member_ids": id_list(form, "member_ids"),
                              "others": text(form, "others"), "agreed": text(form, "agreed"),
                              "next_step_id": chosen_id(text(form, "next_step_id"))}
    if not values["agreed"]:
        errors.setdefault("agreed", "Write what was agreed")
    data = build(MeetingIn, values, errors) if not errors else None
    if data is not None:
        try:
            network_service.add_meeting(session, case=case, data=data, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/network?met=1#meetings")
    discard(session)
    return render(request, "network/page.html", _ctx(
        session, case, principal, meeting_errors=errors,
        meeting_values={**values, "held_on": raw_date(form, "held_on"),
                        "next_meeting_on": raw_date(form, "next_meeting_on"),
                        "next_step_id": text(form, "next_step_id")}), status_code=422)
