"""The mapping in the browser: three columns side by side, items added, changed, removed and
reordered in place with htmx, and plain forms and full pages when JavaScript is off.

With htmx, every successful change answers with the whole board (`#board`: the columns, the
quality signals and the safety scale), so what the worker sees is always what is saved.
A failed save answers with the form again (422 for mistakes, 409 when someone else changed
the item first), with what the worker typed kept in it."""

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
from app.errors import DomainError, PreconditionFailed
from app.models.audit import AuditEvent
from app.models.case import Case
from app.models.enums import (
    COLUMNS,
    EXTRA,
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
from app.models.mapping import Mapping, MappingItem
from app.models.user import User
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, date_field, raw_date, text
from app.schemas.mapping import (
    AgreeIn,
    ItemCreate,
    ItemUpdate,
    MappingCreate,
    ParticipantIn,
    RatingCreate,
    ReviewCreate,
)
from app.services import access, chart, quality
from app.services import labels as label_service
from app.services import mapping as mapping_service
from app.services import mapping_item as item_service
from app.services import person as person_service
from app.services import rating as rating_service
from app.services.access import Principal
from app.services.mapping_item import DANGER, GOAL, HARM, NEXT, display_text
from app.templating import is_htmx, render

router = APIRouter(include_in_schema=False)

KINDS = [(k.value, label(k)) for k in MappingKind]
SEVERITIES = [(s.value, label(s)) for s in Severity]
FAMILY_VIEWS = [(v.value, label(v)) for v in FamilyView]
RATERS = [(r.value, label(r)) for r in RaterKind]
SCORES = [(str(n), str(n)) for n in range(11)]
EXTRA_FIELDS = {
    Category.harm: HARM,
    Category.danger_statement: DANGER,
    Category.safety_goal: GOAL,
    Category.next_step: NEXT,
}
#: What each category's main text box is called, and the hint under it.
TEXT_PROMPTS: dict[Category, tuple[str, str]] = {
    Category.harm: ("What happened (in a sentence)", "Optional if you fill in the parts below."),
    Category.danger_statement: (
        "The danger statement in full (optional)",
        "Leave empty to build it from the three parts below.",
    ),
    Category.complicating_factor: ("What makes this harder", ""),
    Category.existing_strength: ("What is going well", ""),
    Category.existing_safety: (
        "What keeps the children safe now",
        "Safety is a strength shown over time, when the danger was present.",
    ),
    Category.safety_goal: (
        "The safety goal in full (optional)",
        "Leave empty to use what the parents or carers will be doing.",
    ),
    Category.next_step: ("What needs to happen next", ""),
    Category.grey_area: ("What we are not sure about", ""),
    Category.bottom_line: ("What must happen, whatever else", ""),
}


# --- loading and context -------------------------------------------------------------


def _people(session: Session, case: Case) -> tuple[list[Any], list[Any]]:
    people = person_service.list_for_case(session, case=case)
    return (
        [p for p in people if p.kind == PersonKind.child],
        [p for p in people if p.kind == PersonKind.adult],
    )


def _sources(children: list[Any], adults: list[Any]) -> list[tuple[str, str]]:
    return [
        ("worker", "The social worker"),
        ("professional", "Another professional (name below)"),
        *[(f"person:{a.id}", a.full_name) for a in adults],
        *[(f"child:{c.id}", f"{c.full_name}, in their own words") for c in children],
    ]


def _source_value(item: MappingItem | None) -> str:
    if item is None or item.source_kind is None:
        return ""
    if item.source_kind in (SourceKind.person, SourceKind.child) and item.source_person_id:
        return f"{item.source_kind.value}:{item.source_person_id}"
    return item.source_kind.value


def board_context(
    session: Session, case: Case, mapping: Mapping, principal: Principal, **extra: Any
) -> dict[str, Any]:
    fm = mapping_service.full(session, mapping=mapping)
    labels = label_service.labels_for(session, team_id=case.team_id)
    children, adults = _people(session, case)
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
    signals = quality.signals(fm, labels=labels)
    return {
        "case": case,
        "mapping": mapping,
        "fm": fm,
        "labels": labels,
        "columns": COLUMNS,
        "extra_categories": EXTRA,
        "signals": signals,
        "empty": {s.category for s in signals if s.code == "empty_category"},
        "can_edit": can_edit_case and is_draft,
        "can_edit_case": can_edit_case,
        "can_sign_off": (
            principal.role is not None
            and principal.role.value == "supervisor"
            and principal.team_id == case.team_id
            and mapping.status == MappingStatus.agreed
        ),
        "children": children,
        "adults": adults,
        "names": names,
        "authors": authors,
        "display": display_text,
        "pairs": [(d, fm.goal_for(d.id), ratings_by_danger.get(d.id, [])) for d in dangers],
        "overall": ratings_by_danger.get(None, []),
        "raters": RATERS,
        "scores": SCORES,
        "sources": _sources(children, adults),
        "today": date.today(),
        "errors": FormErrors(),
        "values": {},
        **extra,
    }


def _board(
    request: Request, session: Session, case: Case, mapping: Mapping, principal: Principal,
    **extra: Any,
) -> Response:
    """After a change: the whole board with htmx, else back to the page at the right place."""
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
    anchor = f"#item-{extra['focus']}" if extra.get("focus") else ""
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


def _new_context(session: Session, case: Case, **extra: Any) -> dict[str, Any]:
    children, adults = _people(session, case)
    return {
        "case": case,
        "kinds": KINDS,
        "people": [*adults, *children],
        "errors": FormErrors(),
        "values": {"kind": MappingKind.initial_assessment.value, "participants": []},
        **extra,
    }


@router.get("/cases/{case_id}/mappings/new")
def new_mapping_page(request: Request, case: EditableCaseDep, session: SessionDep) -> Response:
    return render(request, "mapping/new.html", _new_context(session, case))


@router.post("/cases/{case_id}/mappings")
async def create_mapping(
    request: Request, case: EditableCaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    form = await request.form()
    ctx = _new_context(session, case)
    errors: FormErrors = ctx["errors"]
    held_on = date_field(form, "held_on", "Date of the mapping", errors)
    people = {p.id: p for p in ctx["people"]}
    chosen = [int(str(v)) for v in form.getlist("participants") if str(v).isdigit()]
    participants = [ParticipantIn(person_id=pid) for pid in chosen if pid in people]
    for line in (text(form, "others") or "").splitlines():
        name, _, role = line.partition(",")
        if name.strip():
            participants.append(
                ParticipantIn(name=name.strip()[:200], role=role.strip()[:200] or None)
            )
    data = {"kind": text(form, "kind"), "held_on": held_on, "title": text(form, "title")}
    if not data["kind"]:
        errors["kind"] = "Choose what kind of mapping this is"
    schema = (
        build(MappingCreate, {**data, "participants": participants}, errors)
        if not errors
        else None
    )
    if schema is not None:
        try:
            mapping = mapping_service.create(session, case=case, data=schema, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")
    discard(session)
    ctx["values"] = {**data, "held_on": raw_date(form, "held_on"), "participants": chosen,
                     "others": text(form, "others") or ""}
    return render(request, "mapping/new.html", ctx, status_code=422)


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


@router.post("/cases/{case_id}/mappings/{mapping_id}/agree")
async def agree(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    return await _status_change(
        request, session, case, mapping, principal,
        lambda form, version: mapping_service.agree(
            session, case=case, mapping=mapping, data=AgreeIn(note=text(form, "note")),
            expected_version=version, actor=principal.actor,
        ),
    )


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
        lambda _form, version: mapping_service.sign_off(
            session, case=case, mapping=mapping, supervisor=principal.user,
            expected_version=version, actor=principal.actor,
        ),
    )


async def _status_change(
    request: Request, session: Session, case: Case, mapping: Mapping, principal: Principal,
    change: Callable[[FormData, int], object],
) -> Response:
    """Agree or sign off: the form carries the version the person saw."""
    form = await request.form()
    try:
        change(form, int(text(form, "version") or 0))
    except DomainError as exc:
        return _page_with_problem(request, session, case, mapping, principal, exc)
    return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")


@router.post("/cases/{case_id}/mappings/{mapping_id}/review")
async def start_review(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    try:
        new = mapping_service.start_review(
            session, case=case, previous=mapping, data=ReviewCreate(), actor=principal.actor
        )
    except DomainError as exc:
        return _page_with_problem(request, session, case, mapping, principal, exc)
    return see_other(request, f"/cases/{case.id}/mappings/{new.id}")


def _page_with_problem(
    request: Request, session: Session, case: Case, mapping: Mapping, principal: Principal,
    exc: DomainError,
) -> Response:
    discard(session)
    session.expire_all()
    mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
    errors = FormErrors()
    errors["form"] = exc.detail
    ctx = board_context(session, case, mapping, principal, errors=errors)
    return render(request, "mapping/page.html", ctx, status_code=exc.status)


# --- items ---------------------------------------------------------------------------


def _category(value: str | None) -> Category | None:
    try:
        return Category(value or "")
    except ValueError:
        return None


def _item_form_context(
    session: Session, case: Case, mapping: Mapping, category: Category,
    item: MappingItem | None, principal: Principal, **extra: Any,
) -> dict[str, Any]:
    children, adults = _people(session, case)
    labels = label_service.labels_for(session, team_id=case.team_id)
    dangers = [
        i for i in mapping_service.full(session, mapping=mapping).by_category[
            Category.danger_statement]
    ]
    prompt, hint = TEXT_PROMPTS[category]
    base = f"/cases/{case.id}/mappings/{mapping.id}"
    return {
        "case": case,
        "mapping": mapping,
        "category": category,
        "category_label": labels[category.value],
        "item": item,
        "action": f"{base}/items/{item.id}" if item else f"{base}/items",
        "cancel": f"{base}#{'item-' + str(item.id) if item else 'cat-' + category.value}",
        "base": base,
        "children": children,
        "sources": _sources(children, adults),
        "severities": SEVERITIES,
        "family_views": FAMILY_VIEWS,
        "dangers": [(d.id, item_service.short(display_text(d), 90)) for d in dangers],
        "text_prompt": prompt,
        "text_hint": hint,
        "fields": EXTRA_FIELDS.get(category, []),
        "errors": FormErrors(),
        "values": _values_from(item) if item else {"recorded_on": None, "child_ids": []},
        "version": item.version if item else None,
        **extra,
    }


def _values_from(item: MappingItem) -> dict[str, Any]:
    values: dict[str, Any] = {f: getattr(item, f) for f in item_service.AUDITED}
    for f in ("harm_severity", "family_view"):
        values[f] = values[f].value if values[f] else ""
    values["source"] = _source_value(item)
    values["child_ids"] = [c.child_id for c in item.children]
    values["ns_by_when"] = item.ns_by_when
    return values


def _read_item(form: FormData, category: Category, errors: FormErrors) -> dict[str, Any]:
    data: dict[str, Any] = {"text": text(form, "text") or ""}
    source = text(form, "source") or ""
    kind, _, pid = source.partition(":")
    data["source_kind"] = kind or None
    data["source_person_id"] = int(pid) if pid.isdigit() else None
    data["source_name"] = text(form, "source_name")
    data["child_ids"] = [int(str(v)) for v in form.getlist("child_ids") if str(v).isdigit()]
    for f in EXTRA_FIELDS.get(category, []):
        if f == "ns_by_when":
            data[f] = date_field(form, f, "By when", errors)
        elif f == "ns_done":
            data[f] = form.get(f) == "yes"
        elif f == "pairs_with_id":
            v = text(form, f)
            data[f] = int(v) if v and v.isdigit() else None
        else:
            data[f] = text(form, f)
    return data


def _echo_item(form: FormData, data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    values["source"] = text(form, "source") or ""
    if "ns_by_when" in data:
        values["ns_by_when"] = raw_date(form, "ns_by_when")
    return values


def _form_response(request: Request, ctx: dict[str, Any], status_code: int) -> Response:
    return render(request, "mapping/item_form.html", ctx, status_code=status_code,
                  block="item_form")


@router.get("/cases/{case_id}/mappings/{mapping_id}/items/new")
def new_item_page(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
    category: str = "",
) -> Response:
    cat = _category(category)
    if cat is None:
        return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")
    mapping_service.require_draft(mapping)
    ctx = _item_form_context(session, case, mapping, cat, None, principal)
    return _form_response(request, ctx, 200)


@router.post("/cases/{case_id}/mappings/{mapping_id}/items")
async def create_item(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    form = await request.form()
    cat = _category(text(form, "category"))
    if cat is None:
        return see_other(request, f"/cases/{case.id}/mappings/{mapping.id}")
    ctx = _item_form_context(session, case, mapping, cat, None, principal)
    errors: FormErrors = ctx["errors"]
    data = _read_item(form, cat, errors)
    schema = build(ItemCreate, {"category": cat, **data}, errors) if not errors else None
    if schema is not None:
        try:
            item = item_service.create(
                session, case=case, mapping=mapping, data=schema, actor=principal.actor
            )
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return _board(request, session, case, mapping, principal, focus=item.id)
    discard(session)
    ctx["values"] = _echo_item(form, data)
    return _form_response(request, ctx, 422)


@router.get("/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/edit")
def edit_item_page(
    request: Request,
    item_id: int,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    mapping_service.require_draft(mapping)
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    ctx = _item_form_context(session, case, mapping, item.category, item, principal)
    return _form_response(request, ctx, 200)


def _last_change(session: Session, item: MappingItem) -> AuditEvent | None:
    return session.scalar(
        select(AuditEvent)
        .where(AuditEvent.entity_type == "mapping_item", AuditEvent.entity_id == item.id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )


@router.post("/cases/{case_id}/mappings/{mapping_id}/items/{item_id}")
async def update_item(
    request: Request,
    item_id: int,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    form = await request.form()
    version = int(text(form, "version") or 0)
    ctx = _item_form_context(session, case, mapping, item.category, item, principal,
                             version=version)
    errors: FormErrors = ctx["errors"]
    data = _read_item(form, item.category, errors)
    schema = build(ItemUpdate, data, errors) if not errors else None
    status_code = 422
    if schema is not None:
        try:
            item_service.update(
                session, case=case, mapping=mapping, item=item, data=schema,
                expected_version=version, actor=principal.actor,
            )
        except PreconditionFailed:
            # Show the saved version beside theirs; keep theirs in the form; let them save
            # again on top of the version they have now seen.
            change = _last_change(session, item)
            ctx["conflict"] = {
                "who": change.actor_name if change else "Someone else",
                "when": change.at if change else item.updated_at,
                "saved": display_text(item),
                "yours": data.get("text") or "",
            }
            ctx["version"] = item.version
            errors["form"] = (
                "Someone else changed this item while you were editing it. Nothing you typed "
                "has been lost. Compare the two versions, then save again."
            )
            status_code = 409
        except DomainError as exc:
            errors.add_domain(exc)
            status_code = exc.status if exc.status == 409 else 422
        else:
            return _board(request, session, case, mapping, principal, focus=item.id)
    discard(session)
    ctx["values"] = _echo_item(form, data)
    return _form_response(request, ctx, status_code)


@router.post("/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/remove")
async def remove_item(
    request: Request,
    item_id: int,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    form = await request.form()
    version = int(text(form, "version") or 0)
    try:
        item_service.remove(
            session, case=case, mapping=mapping, item=item, expected_version=version,
            actor=principal.actor,
        )
    except DomainError as exc:
        return _page_with_problem(request, session, case, mapping, principal, exc)
    return _board(request, session, case, mapping, principal,
                  removed=f"Removed: {item_service.short(display_text(item), 80)}")


@router.post("/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/move")
async def move_item(
    request: Request,
    item_id: int,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    form = await request.form()
    fm = mapping_service.full(session, mapping=mapping)
    siblings = fm.by_category[item.category]
    here = next(i for i, s in enumerate(siblings) if s.id == item.id)
    to = here - 1 if form.get("direction") == "up" else here + 1
    if 0 <= to < len(siblings):
        try:
            item_service.move(session, case=case, mapping=mapping, item=item, position=to,
                              actor=principal.actor)
        except DomainError as exc:
            return _page_with_problem(request, session, case, mapping, principal, exc)
    return _board(request, session, case, mapping, principal, focus=item.id,
                  moved=form.get("direction"))


# --- safety scale --------------------------------------------------------------------


@router.post("/cases/{case_id}/mappings/{mapping_id}/ratings")
async def create_rating(
    request: Request,
    case: EditableCaseDep,
    mapping: EditableMappingDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    form = await request.form()
    danger = text(form, "danger_id")
    key = f"rating-{danger or 'overall'}"
    errors = FormErrors()
    rater = text(form, "rater") or ""
    kind, _, pid = rater.partition(":")
    data: dict[str, Any] = {
        "danger_id": int(danger) if danger and danger.isdigit() else None,
        "rater_kind": text(form, "rater_kind") or (kind if kind in RaterKind.__members__ else None),
        "rater_person_id": int(pid) if pid.isdigit() else None,
        "rater_name": text(form, "rater_name"),
        "score": text(form, "score"),
        "reason": text(form, "reason"),
    }
    if data["rater_person_id"] is None and not data["rater_name"]:
        if kind == "worker" and principal.user:
            data["rater_name"] = principal.user.name
        else:
            errors[f"{key}-rater_name"] = "Enter the name of the person giving the score"
    if data["score"] is None:
        errors[f"{key}-score"] = "Choose a score from 0 to 10"
    if not data["rater_kind"]:
        errors[f"{key}-rater_kind"] = "Choose who is giving the score"
    schema = build(RatingCreate, data, errors) if not errors else None
    if schema is not None:
        try:
            rating_service.create(session, case=case, mapping=mapping, data=schema,
                                  actor=principal.actor)
        except DomainError as exc:
            for e in exc.errors or []:
                errors[f"{key}-{e.field.split('.')[0]}"] = e.message
            if not exc.errors:
                errors[f"{key}-score"] = exc.detail
        else:
            return _board(request, session, case, mapping, principal,
                          rated=key)
    discard(session)
    session.expire_all()
    mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
    values = {f"{key}-{k}": v for k, v in data.items()}
    values[f"{key}-rater"] = rater
    ctx = board_context(session, case, mapping, principal, errors=errors, values=values,
                        open_rating=key)
    if is_htmx(request):
        return render(request, "mapping/page.html", ctx, block="board", status_code=422,
                      headers={"HX-Retarget": "#board", "HX-Reswap": "outerHTML"})
    return render(request, "mapping/page.html", ctx, status_code=422)
