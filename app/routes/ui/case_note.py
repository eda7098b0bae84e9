"""Case notes and visits in the browser: the list, recording one, reading one with its history,
and changing it."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import BadForm, DomainError, PreconditionFailed, page_status
from app.models.case import Case
from app.models.case_note import CaseNote
from app.models.enums import NoteKind, label
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    date_field,
    hidden_int,
    id_list,
    raw_date,
    text,
    whole_number,
)
from app.schemas.case_note import CaseNoteCreate, CaseNoteUpdate
from app.services import access, audit, chronology, mapping_item
from app.services import attachment as attachment_service
from app.services import case_note as note_service
from app.templating import render

router = APIRouter(include_in_schema=False)
KINDS = [(k.value, label(k)) for k in NoteKind]
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _form_context(session: Session, case: Case, note: CaseNote | None,
                  **extra: Any) -> dict[str, Any]:
    children = list(note_service.children_of(session, case).values())
    linked = {n.item_id for n in note.items} if note else set()
    groups: list[tuple[str, list[tuple[int, str, str]]]] = []
    latest_id = None
    for item, m in note_service.linkable_items(session, case):
        latest_id = latest_id or m.id
        if m.id != latest_id and item.id not in linked:
            continue  # older mappings only for what the note is already linked to
        title = f"{label(m.kind)} mapping, {m.held_on:%-d %B %Y}"
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append((item.id, label(item.category), mapping_item.display_text(item)))
    return {"case": case, "note": note, "children": children, "kinds": KINDS,
            "item_groups": groups, "errors": FormErrors(), "values": {}, **extra}


def _read(form: FormData, children: list[Any], errors: FormErrors) -> dict[str, Any]:
    kind = text(form, "kind")
    if kind is not None and kind not in NoteKind.__members__:
        raise BadForm()
    data: dict[str, Any] = {
        "kind": kind,
        "occurred_on": date_field(form, "occurred_on", "The date it happened", errors),
        "title": text(form, "title"),
        "body": text(form, "body") or "",
        "location": text(form, "location"),
        "others_present": text(form, "others_present"),
        "significant": form.get("significant") == "yes",
        "item_ids": id_list(form, "item_ids"),
    }
    raw_time = text(form, "occurred_time")
    if raw_time:
        match = _TIME.match(raw_time)
        if match is None:
            errors["occurred_time"] = "Enter the time like 14:30, or leave it empty"
        else:
            data["occurred_time"] = f"{int(match[1]):02d}:{match[2]}"
    else:
        data["occurred_time"] = None
    about, seen, alone = (set(id_list(form, n)) for n in ("about", "seen", "alone"))
    if not about | seen | alone <= {c.id for c in children}:
        raise BadForm()
    data["children"] = [{"child_id": c.id, "seen": c.id in seen, "seen_alone": c.id in alone}
                        for c in children if c.id in about | seen | alone]
    if errors.get("occurred_on") is None and data["occurred_on"] is None:
        errors["occurred_on"] = "Enter the date it happened"
    return data


def _echo(form: FormData, data: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in data.items() if k not in ("occurred_on", "children")}
    values["occurred_on"] = raw_date(form, "occurred_on")
    values["occurred_time"] = text(form, "occurred_time") or ""
    values["about"] = set(id_list(form, "about"))
    values["seen"] = set(id_list(form, "seen"))
    values["alone"] = set(id_list(form, "alone"))
    values["item_ids"] = set(data.get("item_ids") or [])
    return values


def _values_from(note: CaseNote) -> dict[str, Any]:
    return {
        "kind": note.kind.value, "title": note.title, "body": note.body,
        "location": note.location or "", "others_present": note.others_present or "",
        "significant": note.significant,
        "occurred_on": {"day": str(note.occurred_on.day), "month": str(note.occurred_on.month),
                        "year": str(note.occurred_on.year)},
        "occurred_time": f"{note.occurred_time:%H:%M}" if note.occurred_time else "",
        "about": {c.child_id for c in note.children},
        "seen": {c.child_id for c in note.children if c.seen},
        "alone": {c.child_id for c in note.children if c.seen_alone},
        "item_ids": {i.item_id for i in note.items},
    }


@router.get("/cases/{case_id}/notes")
def notes_page(request: Request, case: CaseDep, principal: PrincipalDep, session: SessionDep,
               kind: str | None = None, child: str | None = None) -> Response:
    chosen = NoteKind(kind) if kind and kind in NoteKind.__members__ else None
    children = list(note_service.children_of(session, case).values())
    child_id = whole_number(child)
    if child_id not in {c.id for c in children}:
        child_id = None  # a child of this case, or everyone
    notes = note_service.list_for_case(session, case=case, kind=chosen, child_id=child_id)
    return render(request, "case_note/list.html", {
        "case": case, "notes": notes, "kinds": KINDS, "kind": chosen, "child_id": child_id,
        "children": {c.id: c for c in children},
        "seen": chronology.seen_counts(session, case=case),
        "can_edit": access.can_edit(principal, case)})


@router.get("/cases/{case_id}/notes/new")
def new_note_page(request: Request, case: EditableCaseDep, session: SessionDep,
                  kind: str | None = None) -> Response:
    ctx = _form_context(session, case, None, action=f"/cases/{case.id}/notes")
    ctx["values"] = {"kind": kind if kind in NoteKind.__members__ else "visit"}
    return render(request, "case_note/form.html", ctx, block="note_form")


@router.post("/cases/{case_id}/notes")
async def create_note(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                      session: SessionDep) -> Response:
    form = await request.form()
    ctx = _form_context(session, case, None, action=f"/cases/{case.id}/notes")
    errors: FormErrors = ctx["errors"]
    data = _read(form, ctx["children"], errors)
    schema = build(CaseNoteCreate, data, errors) if not errors else None
    if schema is not None:
        try:
            note = note_service.create(session, case=case, data=schema, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/notes/{note.id}")
    discard(session)
    ctx["values"] = _echo(form, data)
    return render(request, "case_note/form.html", ctx, status_code=422, block="note_form")


@router.get("/cases/{case_id}/notes/{note_id}")
def note_page(request: Request, note_id: int, case: CaseDep, principal: PrincipalDep,
              session: SessionDep) -> Response:
    note = note_service.load(session, case=case, note_id=note_id)
    return render(request, "case_note/page.html", {
        "case": case, "note": note, "view": note_service.read(session, case=case, note=note),
        "history": note_service.history(session, note=note), "sentence": audit.sentence,
        "files": attachment_service.list_for_case(session, case=case, note_id=note.id),
        "can_change": note_service.can_change(principal, case, note),
        "can_edit": access.can_edit(principal, case)})


@router.get("/cases/{case_id}/notes/{note_id}/edit")
def edit_note_page(request: Request, note_id: int, case: EditableCaseDep,
                   principal: PrincipalDep, session: SessionDep) -> Response:
    note = note_service.load(session, case=case, note_id=note_id)
    if not note_service.can_change(principal, case, note):
        raise note_service.not_yours()
    ctx = _form_context(session, case, note, action=f"/cases/{case.id}/notes/{note.id}",
                        version=note.version, values=_values_from(note))
    return render(request, "case_note/form.html", ctx, block="note_form")


@router.post("/cases/{case_id}/notes/{note_id}")
async def edit_note(request: Request, note_id: int, case: EditableCaseDep,
                    principal: PrincipalDep, session: SessionDep) -> Response:
    note = note_service.load(session, case=case, note_id=note_id)
    form = await request.form()
    version = hidden_int(form, "version")
    ctx = _form_context(session, case, note, action=f"/cases/{case.id}/notes/{note.id}",
                        version=version)
    errors: FormErrors = ctx["errors"]
    data = _read(form, ctx["children"], errors)
    schema = build(CaseNoteUpdate, data, errors) if not errors else None
    status = 422
    if schema is not None:
        try:
            note_service.update(session, case=case, note=note, data=schema,
                                expected_version=version, principal=principal)
        except PreconditionFailed:
            ctx["version"] = note.version
            ctx["conflict"] = True
            errors["form"] = ("Someone else changed this note while you were editing, so your "
                              "changes have not been saved. They are still in the form below: "
                              "check the note's page for what is saved now, then save again.")
            status = 409
        except DomainError as exc:
            errors.add_domain(exc)
            status = page_status(exc)
        else:
            return see_other(request, f"/cases/{case.id}/notes/{note.id}")
    discard(session)
    ctx["values"] = _echo(form, data)
    return render(request, "case_note/form.html", ctx, status_code=status, block="note_form")
