"""The child's voice in the browser, for each tool (My Three Houses at .../three-houses, the
Safety House at .../safety-house): record a session with a child (one thing they said per
line in each part), see it with its pictures, add words, put words into the current mapping,
record the child's say on who may see each part, and print the child's own copy."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError, page_status
from app.models.case import Case
from app.models.enums import VOICE_PARTS, Audience, Category, VoicePart, VoiceTool, label
from app.models.person import Person
from app.models.voice import VoiceSession
from app.routes.download import shown_pdf
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    date_field,
    hidden_int,
    raw_date,
    text,
    whole_number,
)
from app.schemas.voice import EntryIn, VoiceSessionIn, VoiceSessionUpdate
from app.services import access, document, voice_document, voice_mapping
from app.services import person as person_service
from app.services import picture as picture_service
from app.services import voice as voice_service
from app.services.access import Principal
from app.services.picture import COLOURS
from app.templating import render

AUDIENCES = [(a.value, words) for a, words in voice_service.AUDIENCES.items()]
PLACES = {p.value: [(c.value, label(c.value)) for c in cats]
          for p, cats in voice_mapping.PLACES.items()}


def session_url(case: Case, child: Person, vs: VoiceSession | None = None,
                tool: VoiceTool | None = None) -> str:
    slug = voice_service.SLUGS[vs.tool if vs is not None else tool or VoiceTool.three_houses]
    url = f"/cases/{case.id}/children/{child.id}/{slug}"
    return f"{url}/{vs.id}" if vs is not None else url


def chosen(form: FormData, name: str) -> list[Audience]:
    """The audiences ticked in a group of checkboxes."""
    return [Audience(v) for v in form.getlist(name)
            if isinstance(v, str) and v in Audience.__members__]


def _sharing(form: FormData, tool: VoiceTool) -> dict[str, Any]:
    """The child's say on sharing as ticked, validated with the rest of the form."""
    return {"parts": {p.value: chosen(form, f"share_{p.value}") for p in VOICE_PARTS[tool]},
            "asked_by": text(form, "asked_by")}


def _form_errors(errors: FormErrors) -> FormErrors:
    """The sharing's "asked by" is named inside `sharing`; the form has it alone."""
    if "sharing" in errors:
        errors.setdefault("asked_by", errors.pop("sharing"))
    return errors


def _lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _tool_ctx(tool: VoiceTool) -> dict[str, Any]:
    return {"tool": tool, "tool_name": voice_service.TOOLS[tool],
            "slug": voice_service.SLUGS[tool],
            "parts": {p: voice_service.PARTS[p] for p in VOICE_PARTS[tool]},
            "prompts": voice_service.PROMPTS, "audiences": AUDIENCES}


def _form_ctx(case: Case, child: Person, tool: VoiceTool, **extra: Any) -> dict[str, Any]:
    return {"case": case, "child": child, **_tool_ctx(tool), "errors": FormErrors(),
            "values": {}, **extra}


def page_ctx(session: Session, case: Case, child: Person, vs: VoiceSession,
             principal: Principal, **extra: Any) -> dict[str, Any]:
    parts = voice_service.entries(session, vs)
    mapping = voice_mapping.current_mapping(session, case=case)
    return {"case": case, "child": child, "vs": vs, "entries": parts, **_tool_ctx(vs.tool),
            "audience_names": dict(AUDIENCES),
            "languages": document.language_choices(),
            "placed": voice_mapping.placed(session, [e.id for es in parts.values() for e in es]),
            "pictures": picture_service.for_session(session, vs), "places": PLACES,
            "mapping": mapping,
            "can_place": mapping is not None and mapping.status.value == "draft",
            "can_edit": access.can_edit(principal, case), "colours": COLOURS,
            "errors": FormErrors(), "values": {}, "category_label": label,
            "all_parts": voice_service.PARTS, **extra}


def _details(form: FormData, errors: FormErrors) -> dict[str, Any]:
    held_on = date_field(form, "held_on", "The date of the session", errors)
    if held_on is None and "held_on" not in errors:
        errors["held_on"] = "Enter the date of the session"
    raw_scale = text(form, "scale")
    scale = whole_number(raw_scale) if raw_scale else None
    if raw_scale and (scale is None or not 0 <= scale <= 10):
        errors["scale"] = "Choose a number from 0 to 10"
    return {"held_on": held_on, "scale": scale, "scale_words": text(form, "scale_words"),
            **{n: text(form, n) for n in ("place", "present", "interviewer_name")}}


def _typed(form: FormData, tool: VoiceTool) -> dict[str, Any]:
    """The form as typed, to show it again."""
    return {**{n: text(form, n) or "" for n in ("place", "present", "interviewer_name",
                                                "asked_by", "scale", "scale_words")},
            "held_on": raw_date(form, "held_on"),
            **{p.value: form.get(p.value) or "" for p in VOICE_PARTS[tool]},
            "sharing": {p.value: form.getlist(f"share_{p.value}") for p in VOICE_PARTS[tool]}}


def tool_router(tool: VoiceTool) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    base = f"/cases/{{case_id}}/children/{{child_id}}/{voice_service.SLUGS[tool]}"

    def load(session: Session, case: Case, child_id: int,
             session_id: int) -> tuple[Person, VoiceSession]:
        child = person_service.load_child(session, case=case, child_id=child_id)
        return child, voice_service.load(session, case=case, child=child, tool=tool,
                                         session_id=session_id)

    @router.get(base, name=f"{tool.value}_list")
    def list_page(request: Request, case: CaseDep, child_id: int, principal: PrincipalDep,
                  session: SessionDep) -> Response:
        child = person_service.load_child(session, case=case, child_id=child_id)
        rows = voice_service.list_for_child(session, case=case, child=child, tool=tool)
        return render(request, "voice/list.html", {
            "case": case, "child": child, "rows": rows, **_tool_ctx(tool),
            "counts": {vs.id: voice_service.entries(session, vs) for vs in rows},
            "can_edit": access.can_edit(principal, case)})

    @router.get(base + "/new", name=f"{tool.value}_new")
    def new_form(request: Request, case: EditableCaseDep, child_id: int,
                 principal: PrincipalDep, session: SessionDep) -> Response:
        child = person_service.load_child(session, case=case, child_id=child_id)
        return render(request, "voice/form.html", _form_ctx(
            case, child, tool, values={"interviewer_name": principal.actor.name}, mode="new"))

    @router.post(base, name=f"{tool.value}_create")
    async def create(request: Request, case: EditableCaseDep, child_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
        child = person_service.load_child(session, case=case, child_id=child_id)
        form = await request.form()
        errors = FormErrors()
        details = _details(form, errors)
        words = {p.value: _lines(text(form, p.value)) for p in VOICE_PARTS[tool]}
        data = build(VoiceSessionIn, {**details, "words": words,
                                      "sharing": _sharing(form, tool)},
                     errors) if not errors else None
        if data is not None:
            try:
                vs = voice_service.create(session, case=case, child=child, tool=tool,
                                          data=data, actor=principal.actor)
            except DomainError as exc:
                errors.add_domain(exc)
            else:
                return see_other(request, session_url(case, child, vs) + "?saved=1")
        discard(session)
        return render(request, "voice/form.html", _form_ctx(
            case, child, tool, mode="new", errors=_form_errors(errors),
            values=_typed(form, tool)), status_code=422)

    @router.get(base + "/{session_id}", name=f"{tool.value}_page")
    def session_page(request: Request, case: CaseDep, child_id: int, session_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
        child, vs = load(session, case, child_id, session_id)
        return render(request, "voice/page.html",
                      page_ctx(session, case, child, vs, principal))

    @router.get(base + "/{session_id}/details", name=f"{tool.value}_details")
    def details_form(request: Request, case: EditableCaseDep, child_id: int, session_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
        child, vs = load(session, case, child_id, session_id)
        return render(request, "voice/form.html", _form_ctx(
            case, child, tool, mode="details", vs=vs, values={
                "held_on": vs.held_on, "place": vs.place, "present": vs.present,
                "interviewer_name": vs.interviewer_name, "asked_by": vs.sharing_asked_by,
                "scale": "" if vs.scale is None else str(vs.scale),
                "scale_words": vs.scale_words or "", "sharing": vs.sharing or {},
                "version": vs.version}))

    @router.post(base + "/{session_id}/details", name=f"{tool.value}_save_details")
    async def save_details(request: Request, case: EditableCaseDep, child_id: int,
                           session_id: int, principal: PrincipalDep,
                           session: SessionDep) -> Response:
        child, vs = load(session, case, child_id, session_id)
        form = await request.form()
        version = hidden_int(form, "version")
        errors = FormErrors()
        details = _details(form, errors)
        data = build(VoiceSessionUpdate, {**details, "sharing": _sharing(form, tool)},
                     errors) if not errors else None
        status = 422
        if data is not None:
            try:
                voice_service.update(session, case=case, child=child, vs=vs, data=data,
                                     expected_version=version, actor=principal.actor)
            except DomainError as exc:
                errors.add_domain(exc)
                status = page_status(exc)
            else:
                return see_other(request, session_url(case, child, vs) + "?changed=1")
        discard(session)
        return render(request, "voice/form.html", _form_ctx(
            case, child, tool, mode="details", vs=vs, errors=_form_errors(errors),
            values={**_typed(form, tool), "version": version}), status_code=status)

    @router.post(base + "/{session_id}/entries", name=f"{tool.value}_add_entry")
    async def add_entry(request: Request, case: EditableCaseDep, child_id: int,
                        session_id: int, principal: PrincipalDep,
                        session: SessionDep) -> Response:
        child, vs = load(session, case, child_id, session_id)
        form = await request.form()
        errors = FormErrors()
        part = text(form, "part")
        known = part is not None and part in {p.value for p in VOICE_PARTS[tool]}
        field = f"words_{part}" if known else "words"
        words = text(form, field)
        if not known:
            errors["form"] = "Choose which part these words go in"
        elif not words:
            errors[field] = f"Write what {child.given_name} said"
        data = build(EntryIn, {"part": part, "words": words}, errors) if not errors else None
        if data is not None:
            try:
                entry = voice_service.add_entry(session, case=case, child=child, vs=vs,
                                                data=data, actor=principal.actor)
            except DomainError as exc:
                errors.add_domain(exc)
            else:
                return see_other(request, session_url(case, child, vs) + f"#entry-{entry.id}")
        if "words" in errors and field != "words":
            errors[field] = errors.pop("words")
        discard(session)
        return render(request, "voice/page.html",
                      page_ctx(session, case, child, vs, principal, errors=errors,
                               values={field: form.get(field) or ""}),
                      status_code=422)

    @router.post(base + "/{session_id}/entries/{entry_id}/place", name=f"{tool.value}_place")
    async def place_entry(request: Request, case: EditableCaseDep, child_id: int,
                          session_id: int, entry_id: int, principal: PrincipalDep,
                          session: SessionDep) -> Response:
        child, vs = load(session, case, child_id, session_id)
        entry = voice_service.load_entry(session, vs, entry_id)
        form = await request.form()
        picked = text(form, "category")
        errors = FormErrors()
        status = 422
        field = f"category_{entry.id}"
        if picked is not None and picked not in Category.__members__:
            errors[field] = "Choose where in the mapping these words go"
        else:
            try:
                item = voice_mapping.place(session, case=case, child=child, vs=vs, entry=entry,
                                           category=Category(picked) if picked else None,
                                           actor=principal.actor)
            except DomainError as exc:
                status = errors.add_domain(exc, field=field)
            else:
                return see_other(request, f"/cases/{case.id}/mappings/{item.mapping_id}"
                                          f"#item-{item.id}")
        discard(session)
        return render(request, "voice/page.html",
                      page_ctx(session, case, child, vs, principal, errors=errors),
                      status_code=status)

    @router.get(base + "/{session_id}/what-you-told-us.pdf", name=f"{tool.value}_copy")
    def child_copy(case: CaseDep, child_id: int, session_id: int,
                   session: SessionDep, language: str = "en") -> Response:
        """The child's own copy, "What you told us" (`language`: en or cy)."""
        child, vs = load(session, case, child_id, session_id)
        rendered = voice_document.render(session, case, child, vs,
                                                     language=language)
        return shown_pdf(rendered.content, rendered.filename)

    return router


routers = [tool_router(t) for t in VoiceTool]


def part_of(vs: VoiceSession, value: str | None) -> VoicePart | None:
    """The part named in a form, if it belongs to the session's tool."""
    if value is None or value not in {p.value for p in VOICE_PARTS[vs.tool]}:
        return None
    return VoicePart(value)
