"""The mapping in the browser: its pages (list, new, the three columns side by side, agree,
sign off, start a review) and the board every change answers with. Items and scores are in
app.routes.ui.mapping_item.

With htmx, every successful change answers with the whole board (`#board`: the columns, the
quality signals and the safety scale), so what the worker sees is always what is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import (
    CaseDep,
    EditableCaseDep,
    EditableMappingDep,
    MappingDep,
    PrincipalDep,
)
from app.errors import DomainError, FieldError, Invalid, page_status
from app.models.case import Case
from app.models.enums import (
    COLUMNS,
    EXTRA,
    AdultRole,
    Category,
    FamilyView,
    MappingKind,
    MappingStatus,
    PersonKind,
    RaterKind,
    Severity,
    SourceKind,
    label,
)
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.user import User
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    hidden_int,
    text,
)
from app.schemas.mapping import SignOffIn
from app.services import (
    access,
    case_note,
    chart,
    family_position,
    quality,
    voice,
    voice_mapping,
)
from app.services import labels as label_service
from app.services import mapping as mapping_service
from app.services import network as network_service
from app.services import person as person_service
from app.services import rating as rating_service
from app.services.access import Principal
from app.services.mapping_item import (
    DANGER,
    GOAL,
    HARM,
    NEXT,
    SAFETY,
    display_text,
    most_weeks_shown,
    weeks_shown,
)
from app.services.rater import FAR_APART
from app.templating import is_htmx, render

router = APIRouter(include_in_schema=False)

KINDS = [(k.value, label(k)) for k in MappingKind]
SEVERITIES = [(s.value, label(s)) for s in Severity]
FAMILY_VIEWS = [(v.value, label(v)) for v in FamilyView]
RATERS = [(r.value, label(r)) for r in RaterKind]
SCORES = [(str(n), str(n)) for n in range(11)]
EXTRA_FIELDS = {
    Category.harm: [*HARM, "census_factors"],
    Category.danger_statement: [*DANGER, "census_factors"],
    Category.safety_goal: GOAL,
    Category.next_step: NEXT,
    Category.existing_safety: SAFETY,
}
#: What each category's main text box is called, and the hint under it.
# --- loading and context -------------------------------------------------------------


def people_of(session: Session, case: Case) -> tuple[list[Any], list[Any]]:
    people = person_service.list_for_case(session, case=case)
    return (
        [p for p in people if p.kind == PersonKind.child],
        [p for p in people if p.kind == PersonKind.adult],
    )


def sources_for(children: list[Any], adults: list[Any]) -> list[tuple[str, str]]:
    return [
        ("worker", "The social worker"),
        ("professional", "Another professional (name below)"),
        *[(f"person:{a.id}", a.full_name) for a in adults],
        *[(f"child:{c.id}", f"{c.full_name}, in their own words") for c in children],
    ]


def source_value(item: MappingItem | None) -> str:
    if item is None or item.source_kind is None:
        return ""
    if item.source_kind in (SourceKind.person, SourceKind.child) and item.source_person_id:
        return f"{item.source_kind.value}:{item.source_person_id}"
    return item.source_kind.value


def rater_groups(children: list[Any], adults: list[Any]) -> list[tuple[str, list[Any]]]:
    """The people on the case who can give a score, grouped as the score form lists them."""
    pro = [a for a in adults if a.role == AdultRole.professional]
    family = [a for a in adults if a.role != AdultRole.professional]
    return [("Family and network", family), ("Children", children), ("Professionals", pro)]


def network_raters(session: Session, case: Case) -> list[tuple[int, str]]:
    """Members of the safety network who are not people on the case: they score too."""
    rows = [m for m in network_service.members(session, case=case) if m.person_id is None]
    names = network_service.names_of(session, rows)
    return [(m.id, names[m.id]) for m in rows]


def board_context(
    session: Session, case: Case, mapping: Mapping, principal: Principal, **extra: Any
) -> dict[str, Any]:
    fm = mapping_service.full(session, mapping=mapping)
    labels = label_service.labels_for(session, team_id=case.team_id)
    children, adults = people_of(session, case)
    names = {p.id: p.full_name for p in [*children, *adults]}
    author_ids = {i.author_id for i in fm.items if i.author_id}
    authors = (
        {uid: name for uid, name in session.execute(
            select(User.id, User.name).where(User.id.in_(author_ids)))}
        if author_ids
        else {}
    )
    dangers = fm.by_category[Category.danger_statement]
    ratings_by_danger: dict[int | None, list[Any]] = {}
    for r in fm.ratings:
        ratings_by_danger.setdefault(r.danger_id, []).append(r)
    can_edit_case = access.can_edit(principal, case)
    is_draft = mapping.status == MappingStatus.draft
    manager = access.can_sign_off(principal, case)
    signals = quality.for_case(
        session, case=case, fm=fm, labels=labels,
        expected=label_service.expected_for(session, team_id=case.team_id))
    positions = family_position.list_for(session, mapping=mapping)
    return {
        "case": case,
        "mapping": mapping,
        "fm": fm,
        "labels": labels,
        "columns": COLUMNS,
        "extra_categories": EXTRA,
        "signals": signals,
        "empty": {s.category for s in signals if s.code == "empty_category"},
        # The team manager may still correct the items of a shared mapping at sign-off.
        "can_edit": can_edit_case and (
            is_draft or (manager and mapping.status == MappingStatus.agreed)),
        "can_edit_case": can_edit_case,
        "can_sign_off": manager and mapping.status != MappingStatus.signed_off,
        "can_score": can_edit_case and (
            is_draft or (manager and mapping.status == MappingStatus.agreed)),
        "can_share": can_edit_case and is_draft
        and mapping.kind != MappingKind.group_supervision,
        "can_reopen": can_edit_case and mapping.status == MappingStatus.agreed,
        "my_rater_kind": RaterKind.supervisor if manager else RaterKind.worker,
        "rater_groups": rater_groups(children, adults),
        "rater_members": network_raters(session, case),
        "positions": positions,
        "spread": rating_service.spread,
        "far_apart": FAR_APART,
        "review_id": (mapping_service.review_in_progress(session, mapping)
                      if not is_draft else None),
        "children": children,
        "adults": adults,
        "names": names,
        "authors": authors,
        "display": display_text,
        "weeks_shown": weeks_shown,
        "most_weeks_shown": most_weeks_shown,
        "pairs": [(d, fm.goal_for(d.id), ratings_by_danger.get(d.id, [])) for d in dangers],
        "overall": ratings_by_danger.get(None, []),
        "raters": RATERS,
        "scores": SCORES,
        "sources": sources_for(children, adults),
        "today": date.today(),
        "errors": FormErrors(),
        "values": {},
        "evidence": case_note.evidence_for(session, case=case, items=fm.items),
        "voices": voice_mapping.sources(session, fm.items),
        "voice_parts": voice.PARTS,
        "voice_tools": voice.TOOLS,
        "voice_slugs": voice.SLUGS,
        **extra,
    }


def board_response(
    request: Request, session: Session, case: Case, mapping: Mapping, principal: Principal,
    **extra: Any,
) -> Response:
    """After a change: the whole board with htmx, else back to the page at the right place.
    A form opened on a page of its own (from a link elsewhere, such as the plain words check)
    has no board to swap: htmx is told to go to the mapping instead."""
    anchor = f"#item-{extra['focus']}" if extra.get("focus") else ""
    here = request.headers.get("HX-Current-URL", "").split("?")[0].split("#")[0]
    on_board = not here or here.endswith((f"/mappings/{mapping.id}",
                                          f"/mappings/{mapping.id}/meeting"))
    if is_htmx(request) and not on_board:
        return Response(status_code=204, headers={
            "HX-Redirect": f"/cases/{case.id}/mappings/{mapping.id}{anchor}"})
    if is_htmx(request):
        mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
        meeting = request.headers.get("HX-Current-URL", "").split("?")[0].endswith("/meeting")
        ctx = board_context(session, case, mapping, principal, meeting=meeting, **extra)
        return render(
            request,
            "mapping/page.html",
            ctx,
            block="board",
            headers={"HX-Retarget": "#board", "HX-Reswap": "outerHTML"},
        )
    return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}{anchor}")


# --- mappings ------------------------------------------------------------------------


@router.get("/cases/{case_id}/mappings")
def mappings_page(
    request: Request, case: CaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    mappings = mapping_service.list_for_case(session, case=case)
    series = rating_service.history(session, case=case)
    charts = [(f"scale-{n}", chart.build(s)) for n, s in enumerate(series)]
    return render(
        request,
        "mapping/list.html",
        {
            "case": case,
            "mappings": mappings,
            "charts": charts,
            "can_edit": access.can_edit(principal, case),
            "latest": mappings[0] if mappings else None,
        },
    )


@router.get("/cases/{case_id}/mappings/{mapping_id}")
def mapping_page(
    request: Request,
    case: CaseDep,
    mapping: MappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    ctx = board_context(session, case, mapping, principal)
    return render(request, "mapping/page.html", ctx, block="board")


@router.post("/cases/{case_id}/mappings/{mapping_id}/sign-off")
async def sign_off(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    return await _status_change(
        request, session, case, mapping, principal,
        lambda form, version: mapping_service.sign_off(
            session, case=case, mapping=mapping, supervisor=principal.user,
            note=_valid(SignOffIn, {"note": text(form, "note")}).note,
            expected_version=version, actor=principal.actor,
        ),
    )


@router.post("/cases/{case_id}/mappings/{mapping_id}/reopen")
async def reopen(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    return await _status_change(
        request, session, case, mapping, principal,
        lambda _form, version: mapping_service.reopen(
            session, case=case, mapping=mapping, expected_version=version,
            actor=principal.actor,
        ),
    )


def _valid(schema: type[Any], data: dict[str, Any]) -> Any:
    """A form read by its API schema; what it refuses comes back as the page's problem."""
    errors = FormErrors()
    out = build(schema, data, errors)
    if out is None:
        raise Invalid([FieldError(["body", k], v) for k, v in errors.items()])
    return out


async def _status_change(
    request: Request, session: Session, case: Case, mapping: Mapping, principal: Principal,
    change: Callable[[FormData, int], object],
) -> Response:
    """Agree or sign off: the form carries the version the person saw."""
    form = await request.form()
    try:
        change(form, hidden_int(form, "version"))
    except DomainError as exc:
        return page_with_problem(request, session, case, mapping, principal, exc)
    return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")


def page_with_problem(
    request: Request, session: Session, case: Case, mapping: Mapping, principal: Principal,
    exc: DomainError,
) -> Response:
    discard(session)
    session.expire_all()
    mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
    errors = FormErrors()
    errors["form"] = exc.errors[0].message if exc.errors else exc.detail
    ctx = board_context(session, case, mapping, principal, errors=errors)
    if is_htmx(request):
        # The board again, with the problem at its top, where the change was asked for.
        return render(request, "mapping/page.html", ctx, block="board",
                      status_code=page_status(exc),
                      headers={"HX-Retarget": "#board", "HX-Reswap": "outerHTML"})
    return render(request, "mapping/page.html", ctx, status_code=page_status(exc))


# --- items ---------------------------------------------------------------------------
