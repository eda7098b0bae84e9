"""The Words and Pictures tab: the storyboard's panels in order (each with the plain-words
check), adding a panel with a drawing, a photo or a child's own picture, moving and changing
panels, who it was explained to, new versions (earlier ones read-only), and the booklet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError
from app.models.case import Case
from app.models.enums import Audience, PersonKind
from app.models.picture import Picture
from app.models.words_pictures import Storyboard
from app.routes.download import panel_picture, shown_pdf
from app.routes.ui.act import attempt
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    chosen_id,
    date_field,
    hidden_int,
    raw_date,
    text,
)
from app.schemas.words_pictures import ExplanationIn, PanelIn, PanelUpdate, StoryboardIn
from app.services import access, document, words_pictures_document
from app.services import person as person_service
from app.services import picture as picture_service
from app.services import words_pictures as wp
from app.services.access import Principal
from app.templating import is_htmx, render

router = APIRouter(include_in_schema=False)
BASE = "/cases/{case_id}/words-and-pictures"


def page_context(session: Session, case: Case, principal: Principal,
                 board: Storyboard | None = None, **extra: Any) -> dict[str, Any]:
    board = board or wp.current(session, case=case)
    children = [p for p in person_service.list_for_case(session, case=case)
                if p.kind == PersonKind.child and not p.archived]
    ctx: dict[str, Any] = {
        "case": case, "board": board,
        "versions": wp.boards(session, case=case,
                              plan_id=board.safety_plan_id if board else None),
        "can_edit": access.can_edit(principal, case), "errors": FormErrors(), "values": {},
        "ex_errors": FormErrors(), "ex_values": {}, "start_errors": FormErrors(),
        "notice": None, "editing": None, "edit_errors": FormErrors(), "edit_values": {},
        "children": [(c.id, c.full_name) for c in children],
        "colours": picture_service.COLOURS,
        "languages": document.language_choices(),
        "family_language": document.family_language(session, case)}
    if board is not None:
        rows = wp.panels(session, board=board)
        ctx.update(
            panels=[(p, wp.report(session, p.words)) for p in rows],
            explanations=wp.explanations(session, board=board),
            names={c.id: c.full_name for c in person_service.list_for_case(session, case=case)},
            editable=ctx["can_edit"] and not board.replaced,
            readability=words_pictures_document.check(session, case, board)
            if ctx["can_edit"] else None,
            shared_pictures=[(p.id, p.caption or f"Picture {p.id}") for p in session.scalars(
                select(Picture).where(Picture.case_id == case.id, Picture.removed.is_(False))
                .order_by(Picture.id)) if picture_service.may_see(p, Audience.family)])
    ctx.update(extra)
    return ctx


def _page(request: Request, ctx: dict[str, Any], status: int = 200) -> Response:
    return render(request, "words_pictures/page.html", ctx, status_code=status)


def _again(request: Request, session: Session, case: Case, principal: Principal,
           board_id: int) -> Callable[[FormErrors, int], Response]:
    """The storyboard's page again, with the reason an action was refused."""
    def page(errors: FormErrors, status: int) -> Response:
        board = wp.load(session, case=case, board_id=board_id)
        return _page(request, page_context(session, case, principal, board, errors=errors),
                     status)
    return page


def _url(case: Case, board: Storyboard, rest: str = "") -> str:
    return f"/cases/{case.id}/words-and-pictures/{board.id}{rest}"


@router.get(BASE)
def current_page(request: Request, case: CaseDep, principal: PrincipalDep,
                 session: SessionDep) -> Response:
    return _page(request, page_context(session, case, principal))


@router.get(BASE + "/{board_id}")
def version_page(request: Request, case: CaseDep, board_id: int, principal: PrincipalDep,
                 session: SessionDep, edit: int | None = None) -> Response:
    """`edit`: a panel whose words are changed in place (the page asks for it with htmx)."""
    board = wp.load(session, case=case, board_id=board_id)
    extra: dict[str, Any] = {}
    if edit is not None and access.can_edit(principal, case) and not board.replaced:
        panel = wp.load_panel(session, board=board, panel_id=edit)
        extra = {"editing": panel.id,
                 "edit_values": {"words": panel.words, "version": panel.version}}
    return _page(request, page_context(session, case, principal, board, **extra))


@router.post(BASE)
async def start(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    title = text(form, "title")
    if not title:
        errors["title"] = "Give it a title the children would understand"
    data = build(StoryboardIn, {"title": title}, errors) if not errors else None
    if data is not None:
        try:
            board = wp.create(session, case=case, data=data, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, _url(case, board, "?started=1"))
    discard(session)
    return _page(request, page_context(session, case, principal, start_errors=errors,
                                       values={"title": title}), 422)


@router.post(BASE + "/{board_id}/panels")
async def add_panel(request: Request, case: EditableCaseDep, board_id: int,
                    principal: PrincipalDep, session: SessionDep) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    form = await request.form()
    errors = FormErrors()
    words = text(form, "words")
    upload = form.get("picture")
    data_bytes = None
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data_bytes = await upload.read()
    strokes = text(form, "strokes") if data_bytes is None else None
    picture_id = chosen_id(text(form, "picture_id")) if not (data_bytes or strokes) else None
    if not words:
        errors["words"] = "Write the words for this panel"
    status = 422
    if not errors:
        try:
            panel = wp.add_panel(session, case=case, board=board, actor=principal.actor,
                                 upload=data_bytes, strokes=strokes,
                                 data=PanelIn.model_construct(words=words or "",
                                                              picture_id=picture_id))
        except DomainError as exc:
            status = errors.add_domain(exc, names={"strokes": "picture"})
        else:
            if is_htmx(request):
                # In place: the storyboard again, with the new panel.
                return _page(request, page_context(session, case, principal, board,
                                                   notice="The panel has been added."))
            return see_other(request, _url(case, board, f"?added=1#panel-{panel.id}"))
    discard(session)
    return _page(request, page_context(session, case, principal,
                                       wp.load(session, case=case, board_id=board_id),
                                       errors=errors, values={
                                           "words": words, "picture_id": text(form,
                                                                              "picture_id")}),
                 status)


def _panel_form(request: Request, case: Case, board: Storyboard, panel: Any,
                errors: FormErrors, values: dict[str, Any], status: int = 200) -> Response:
    return render(request, "words_pictures/panel.html", {
        "case": case, "board": board, "panel": panel, "errors": errors, "values": values},
        status_code=status)


@router.get(BASE + "/{board_id}/panels/{panel_id}")
def panel_form(request: Request, case: EditableCaseDep, board_id: int, panel_id: int,
               session: SessionDep) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    panel = wp.load_panel(session, board=board, panel_id=panel_id)
    return _panel_form(request, case, board, panel, FormErrors(),
                       {"words": panel.words, "version": panel.version})


@router.post(BASE + "/{board_id}/panels/{panel_id}")
async def save_panel(request: Request, case: EditableCaseDep, board_id: int, panel_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    panel = wp.load_panel(session, board=board, panel_id=panel_id)
    form = await request.form()
    errors = FormErrors()
    version = hidden_int(form, "version")
    words = text(form, "words")
    if not words:
        errors["words"] = "Write the words for this panel"
    data = build(PanelUpdate, {"words": words}, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            wp.update_panel(session, case=case, board=board, panel=panel, data=data,
                            expected_version=version, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            if is_htmx(request):
                return _page(request, page_context(session, case, principal, board,
                                                   notice="The changes have been saved."))
            return see_other(request, _url(case, board, f"?changed=1#panel-{panel.id}"))
    discard(session)
    if is_htmx(request):
        # In place: the storyboard again, the panel's form still open with the reason.
        return _page(request, page_context(
            session, case, principal, wp.load(session, case=case, board_id=board_id),
            editing=panel_id, edit_errors=errors,
            edit_values={"words": words, "version": version}), status)
    board = wp.load(session, case=case, board_id=board_id)
    panel = wp.load_panel(session, board=board, panel_id=panel_id)
    return _panel_form(request, case, board, panel, errors,
                       {"words": words, "version": version}, status)


@router.post(BASE + "/{board_id}/panels/{panel_id}/move")
async def move_panel(request: Request, case: EditableCaseDep, board_id: int, panel_id: int,
                     principal: PrincipalDep, session: SessionDep) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    panel = wp.load_panel(session, board=board, panel_id=panel_id)
    form = await request.form()
    step = {"up": -1, "down": 1}.get(text(form, "direction") or "")
    errors = FormErrors()
    if step is None:
        errors["form"] = "Choose whether to move the panel earlier or later"
        status = 422
    else:
        try:
            wp.update_panel(session, case=case, board=board, panel=panel,
                            data=PanelUpdate(position=max(1, panel.position + step)),
                            expected_version=hidden_int(form, "version"),
                            actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            if is_htmx(request):
                return _page(request, page_context(session, case, principal, board,
                                                   notice="The panel has been moved."))
            return see_other(request, _url(case, board, f"?moved=1#panel-{panel.id}"))
    discard(session)
    return _page(request, page_context(session, case, principal,
                                       wp.load(session, case=case, board_id=board_id),
                                       errors=errors), status)


@router.post(BASE + "/{board_id}/panels/{panel_id}/remove")
async def remove_panel(request: Request, case: EditableCaseDep, board_id: int, panel_id: int,
                       principal: PrincipalDep, session: SessionDep) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    panel = wp.load_panel(session, board=board, panel_id=panel_id)
    form = await request.form()

    def act() -> str:
        wp.remove_panel(session, case=case, board=board, panel=panel,
                        expected_version=hidden_int(form, "version"), actor=principal.actor)
        return _url(case, board, "?removed=1")

    return attempt(request, session, act, _again(request, session, case, principal, board_id))


@router.get(BASE + "/{board_id}/panels/{panel_id}/picture")
def panel_picture_page(case: CaseDep, board_id: int, panel_id: int,
                       session: SessionDep) -> Response:
    return panel_picture(session, case, board_id, panel_id)


@router.post(BASE + "/{board_id}/explanations")
async def explain(request: Request, case: EditableCaseDep, board_id: int,
                  principal: PrincipalDep, session: SessionDep) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    form = await request.form()
    errors = FormErrors()
    values: dict[str, Any] = {
        "child_id": chosen_id(text(form, "child_id")),
        "explained_on": date_field(form, "explained_on", "The day it was explained", errors),
        "by_name": text(form, "by_name"), "how": text(form, "how")}
    if not values["child_id"]:
        errors["child_id"] = "Choose the child it was explained to"
    if values["explained_on"] is None and "explained_on" not in errors:
        errors["explained_on"] = "Enter the day it was explained"
    data = build(ExplanationIn, values, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            wp.explain(session, case=case, board=board, data=data, actor=principal.actor)
        except DomainError as exc:
            status = errors.add_domain(exc)
        else:
            return see_other(request, _url(case, board, "?explained=1#explained"))
    discard(session)
    return _page(request, page_context(
        session, case, principal, wp.load(session, case=case, board_id=board_id),
        ex_errors=errors, ex_values={**values, "child_id": text(form, "child_id"),
                                     "explained_on": raw_date(form, "explained_on")}), status)


@router.post(BASE + "/{board_id}/new-version")
async def new_version(request: Request, case: EditableCaseDep, board_id: int,
                      principal: PrincipalDep, session: SessionDep) -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    form = await request.form()

    def act() -> str:
        new = wp.new_version(session, case=case, board=board,
                             expected_version=hidden_int(form, "version"),
                             actor=principal.actor)
        return _url(case, new, "?versioned=1")

    return attempt(request, session, act, _again(request, session, case, principal, board_id))


@router.get(BASE + "/{board_id}/booklet.pdf")
def booklet(case: CaseDep, board_id: int, session: SessionDep,
            language: str = "en") -> Response:
    board = wp.load(session, case=case, board_id=board_id)
    rendered = words_pictures_document.render(session, case, board, language=language)
    return shown_pdf(rendered.content, rendered.filename)


@router.post(BASE + "/{board_id}/issue")
async def issue_booklet(request: Request, case: EditableCaseDep, board_id: int,
                        principal: PrincipalDep, session: SessionDep) -> Response:
    """Give the family the booklet: the exact bytes are kept in the documents register."""
    board = wp.load(session, case=case, board_id=board_id)
    form = await request.form()

    values = {"issued_to": text(form, "issued_to") or "",
              "readability_reason": text(form, "readability_reason") or "",
              "language": text(form, "language") or "en"}

    def act() -> str:
        doc = words_pictures_document.issue(session, case=case, board=board,
                                            issued_to=values["issued_to"],
                                            actor=principal.actor,
                                            readability_reason=values["readability_reason"],
                                            language=values["language"])
        return f"/cases/{case.id}/documents?issued={doc.id}"

    def again(errors: FormErrors, status: int) -> Response:
        board = wp.load(session, case=case, board_id=board_id)
        return _page(request, page_context(session, case, principal, board, errors=errors,
                                           issue_values=values), status)

    return attempt(request, session, act, again)