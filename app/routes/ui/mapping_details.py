"""A mapping's details in the browser: starting one, changing its date, title and who took
part while it is a draft, and starting a review (which asks for the same, with the people
of the mapping it follows already ticked)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import EditableCaseDep, EditableMappingDep, PrincipalDep
from app.errors import BadForm, DomainError, PreconditionFailed, page_status
from app.models.case import Case
from app.models.enums import MappingKind
from app.models.mapping import Mapping
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, date_field, hidden_int, id_list, raw_date, text
from app.routes.ui.mapping import KINDS, people_of
from app.schemas.mapping import MappingCreate, MappingUpdate, ParticipantIn, ReviewCreate
from app.services import mapping as mapping_service
from app.templating import render

router = APIRouter(include_in_schema=False)


def _context(session: Session, case: Case, *, mode: str, mapping: Mapping | None = None,
             **extra: Any) -> dict[str, Any]:
    """`mode`: "new", "details" (change a draft) or "review" (start one from `mapping`)."""
    children, adults = people_of(session, case)
    base = f"/cases/{case.id}/mappings"
    action = {"new": base, "details": f"{base}/{mapping.id}/details" if mapping else "",
              "review": f"{base}/{mapping.id}/review" if mapping else ""}[mode]
    return {"case": case, "mapping": mapping, "mode": mode, "action": action,
            "kinds": KINDS, "people": [*adults, *children], "errors": FormErrors(),
            "values": {"kind": MappingKind.initial_assessment.value, "participants": []},
            **extra}


def _values_of(mapping: Mapping, *, review: bool) -> dict[str, Any]:
    """The form as the mapping stands (for a review: its people, today's date)."""
    held = date.today() if review else mapping.held_on
    following = None if review else mapping.next_meeting_on
    return {
        "kind": MappingKind.review.value if review else mapping.kind.value,
        "held_on": {"day": str(held.day), "month": str(held.month), "year": str(held.year)},
        "title": "" if review else mapping.title or "",
        "next_meeting_on": ({"day": str(following.day), "month": str(following.month),
                             "year": str(following.year)} if following else None),
        "participants": [p.person_id for p in mapping.participants if p.person_id],
        "others": "\n".join(f"{p.name}, {p.role}" if p.role else p.name
                            for p in mapping.participants if not p.person_id),
    }


def _read(form: FormData, ctx: dict[str, Any]) -> tuple[dict[str, Any], list[int]]:
    """The date, kind, title and participants typed, and the people ticked. A review is a
    review unless the form says otherwise."""
    errors: FormErrors = ctx["errors"]
    held_on = date_field(form, "held_on", "Date of the mapping", errors)
    next_meeting = date_field(form, "next_meeting_on", "The date of the next meeting", errors)
    people = {p.id for p in ctx["people"]}
    chosen = id_list(form, "participants")
    if any(pid not in people for pid in chosen):
        raise BadForm()
    participants = [ParticipantIn(person_id=pid) for pid in chosen]
    for line in (text(form, "others") or "").splitlines():
        name, _, role = line.partition(",")
        if name.strip():
            participants.append(
                ParticipantIn(name=name.strip()[:200], role=role.strip()[:200] or None))
    data = {"kind": text(form, "kind"), "held_on": held_on, "title": text(form, "title"),
            "next_meeting_on": next_meeting, "participants": participants}
    if not data["kind"] and ctx["mode"] == "review":
        data["kind"] = MappingKind.review.value
    if not data["kind"]:
        errors["kind"] = "Choose what kind of mapping this is"
    return data, chosen


def _again(request: Request, form: FormData, ctx: dict[str, Any], data: dict[str, Any],
           chosen: list[int], status: int = 422) -> Response:
    ctx["values"] = {**data, "held_on": raw_date(form, "held_on"), "participants": chosen,
                     "next_meeting_on": raw_date(form, "next_meeting_on"),
                     "others": text(form, "others") or ""}
    return render(request, "mapping/new.html", ctx, status_code=status)


@router.get("/cases/{case_id}/mappings/new")
def new_mapping_page(request: Request, case: EditableCaseDep, session: SessionDep) -> Response:
    return render(request, "mapping/new.html", _context(session, case, mode="new"))


@router.post("/cases/{case_id}/mappings")
async def create_mapping(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                         session: SessionDep) -> Response:
    form = await request.form()
    ctx = _context(session, case, mode="new")
    data, chosen = _read(form, ctx)
    errors: FormErrors = ctx["errors"]
    schema = build(MappingCreate, data, errors) if not errors else None
    if schema is not None:
        try:
            mapping = mapping_service.create(session, case=case, data=schema,
                                             actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")
    discard(session)
    return _again(request, form, ctx, data, chosen)


@router.get("/cases/{case_id}/mappings/{mapping_id}/details")
def details_page(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
                 session: SessionDep) -> Response:
    mapping_service.require_draft(mapping)
    ctx = _context(session, case, mode="details", mapping=mapping,
                   values=_values_of(mapping, review=False), version=mapping.version)
    return render(request, "mapping/new.html", ctx)


@router.post("/cases/{case_id}/mappings/{mapping_id}/details")
async def change_details(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
                         principal: PrincipalDep, session: SessionDep) -> Response:
    form = await request.form()
    version = hidden_int(form, "version")
    ctx = _context(session, case, mode="details", mapping=mapping, version=version)
    data, chosen = _read(form, ctx)
    errors: FormErrors = ctx["errors"]
    if data["held_on"] is None and "held_on" not in errors:
        errors["held_on"] = "Enter the date of the mapping"
    schema = build(MappingUpdate, data, errors) if not errors else None
    status = 422
    if schema is not None:
        try:
            mapping_service.update(session, case=case, mapping=mapping, data=schema,
                                   expected_version=version, actor=principal.actor)
        except PreconditionFailed:
            errors["form"] = ("Someone else changed this mapping while you were editing, so "
                              "nothing was saved. Your changes are still below: save again "
                              "to keep them.")
            ctx["version"] = mapping.version
            status = 409
        except DomainError as exc:
            errors.add_domain(exc)
            status = page_status(exc)
        else:
            return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")
    discard(session)
    return _again(request, form, ctx, data, chosen, status)


@router.get("/cases/{case_id}/mappings/{mapping_id}/review")
def review_page(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
                session: SessionDep) -> Response:
    """Start a review of a shared or signed-off mapping: its date and who takes part, with
    the people of this one ticked. One review at a time: a link to the one in progress."""
    in_progress = mapping_service.review_in_progress(session, mapping)
    if in_progress is not None:
        return see_other(request, f"/cases/{case.id}/mappings/{in_progress}?review=1")
    ctx = _context(session, case, mode="review", mapping=mapping,
                   values=_values_of(mapping, review=True))
    return render(request, "mapping/new.html", ctx)


@router.post("/cases/{case_id}/mappings/{mapping_id}/review")
async def start_review(request: Request, case: EditableCaseDep, mapping: EditableMappingDep,
                       principal: PrincipalDep, session: SessionDep) -> Response:
    form = await request.form()
    ctx = _context(session, case, mode="review", mapping=mapping)
    data, chosen = _read(form, ctx)
    errors: FormErrors = ctx["errors"]
    schema = build(ReviewCreate, data, errors) if not errors else None
    status = 422
    if schema is not None:
        try:
            new = mapping_service.start_review(session, case=case, previous=mapping,
                                               data=schema, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
            status = page_status(exc)
        else:
            return see_other(request, f"/cases/{case.id}/mappings/{new.id}")
    discard(session)
    return _again(request, form, ctx, data, chosen, status)
