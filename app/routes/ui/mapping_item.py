"""Items on a mapping in the browser: added, changed, removed and
reordered in place with htmx, with plain forms and full pages when JavaScript is off.

With htmx, every successful change answers with the whole board (see
app.routes.ui.mapping.board_response). A failed save answers with the form again (422 for
mistakes, 409 when someone else changed the item first), with what the worker typed kept."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import (
    EditableCaseDep,
    EditableMappingDep,
    PrincipalDep,
)
from app.errors import BadForm, DomainError, PreconditionFailed
from app.models.case import Case
from app.models.enums import LINKS, Category, SourceKind
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.routes.ui.case import see_other
from app.routes.ui.forms import (
    FormErrors,
    build,
    chosen_id,
    date_field,
    hidden_int,
    id_list,
    optional_id,
    raw_date,
    text,
)
from app.routes.ui.mapping import (
    EXTRA_FIELDS,
    FAMILY_VIEWS,
    SEVERITIES,
    board_response,
    page_with_problem,
    people_of,
    source_value,
    sources_for,
)
from app.schemas.mapping_item import ItemCreate, ItemUpdate
from app.services import audit, census_codes
from app.services import labels as label_service
from app.services import mapping as mapping_service
from app.services import mapping_item as item_service
from app.services.access import Principal
from app.services.mapping_item import display_text
from app.templating import render

router = APIRouter(include_in_schema=False)

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

DATE_LABELS = {"ns_by_when": "By when", "es_from": "Seen since", "es_to": "Seen until"}
LINK_LEGENDS = {
    Category.harm: "Which danger statements this harm grounds",
    Category.next_step: "Which safety goals this step serves",
    Category.existing_safety: "Which safety goals this safety already shows",
}


def _category(value: str | None) -> Category | None:
    try:
        return Category(value or "")
    except ValueError:
        return None


def _item_form_context(
    session: Session, case: Case, mapping: Mapping, category: Category,
    item: MappingItem | None, principal: Principal, **extra: Any,
) -> dict[str, Any]:
    children, adults = people_of(session, case)
    labels = label_service.labels_for(session, team_id=case.team_id)
    fm = mapping_service.full(session, mapping=mapping)
    dangers = fm.by_category[Category.danger_statement]
    target = LINKS.get(category)
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
        "sources": sources_for(children, adults),
        "severities": SEVERITIES,
        "family_views": FAMILY_VIEWS,
        "dangers": [(d.id, item_service.short(display_text(d), 90)) for d in dangers],
        "link_targets": [(t.id, item_service.short(display_text(t), 90))
                         for t in fm.by_category[target]] if target else [],
        "link_legend": LINK_LEGENDS.get(category, ""),
        "text_prompt": prompt,
        "text_hint": hint,
        "fields": EXTRA_FIELDS.get(category, []),
        "factor_choices": census_codes.choices("assessment_factor"),
        "census_split": census_codes.split,
        "errors": FormErrors(),
        "values": _values_from(item) if item else {"recorded_on": None, "child_ids": []},
        "version": item.version if item else None,
        **extra,
    }


def _values_from(item: MappingItem) -> dict[str, Any]:
    values: dict[str, Any] = {f: getattr(item, f) for f in item_service.AUDITED}
    for f in ("harm_severity", "family_view"):
        values[f] = values[f].value if values[f] else ""
    values["source"] = source_value(item)
    values["child_ids"] = [c.child_id for c in item.children]
    values["ns_by_when"] = item.ns_by_when
    values["link_ids"] = item_service.link_ids(item)
    return values


def _read_item(form: FormData, category: Category, errors: FormErrors) -> dict[str, Any]:
    data: dict[str, Any] = {"text": text(form, "text") or ""}
    source = text(form, "source") or ""
    kind, _, pid = source.partition(":")
    data["source_kind"] = kind or None
    if kind not in ("", *SourceKind.__members__):
        raise BadForm()
    data["source_person_id"] = chosen_id(pid)
    data["source_name"] = text(form, "source_name")
    data["child_ids"] = id_list(form, "child_ids")
    if category in LINKS:
        data["link_ids"] = id_list(form, "link_ids")
    for f in EXTRA_FIELDS.get(category, []):
        if f in DATE_LABELS:
            data[f] = date_field(form, f, DATE_LABELS[f], errors)
        elif f == "ns_done":
            data[f] = form.get(f) == "yes"
        elif f == "pairs_with_id":
            data[f] = optional_id(form, f)
        elif f == "census_factors":
            data[f] = " ".join(v for v in form.getlist(f) if isinstance(v, str)) or None
        else:
            data[f] = text(form, f)
    return data


def _echo_item(form: FormData, data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    values["source"] = text(form, "source") or ""
    for f in DATE_LABELS:
        if f in data:
            values[f] = raw_date(form, f)
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
    item_service.require_changeable(session, case=case, mapping=mapping,
                                    actor=principal.actor)
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
    errors = FormErrors()
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
            return board_response(request, session, case, mapping, principal, focus=item.id)
    discard(session)
    # The form is only built again when it has to be shown again.
    ctx = _item_form_context(session, case, mapping, cat, None, principal, errors=errors,
                             values=_echo_item(form, data))
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
    item_service.require_changeable(session, case=case, mapping=mapping,
                                    actor=principal.actor)
    item = item_service.load(session, mapping=mapping, item_id=item_id)
    ctx = _item_form_context(session, case, mapping, item.category, item, principal)
    return _form_response(request, ctx, 200)


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
    version = hidden_int(form, "version")
    errors = FormErrors()
    data = _read_item(form, item.category, errors)
    schema = build(ItemUpdate, data, errors) if not errors else None
    status_code = 422
    extra: dict[str, Any] = {"version": version}
    if schema is not None:
        try:
            item_service.update(
                session, case=case, mapping=mapping, item=item, data=schema,
                expected_version=version, actor=principal.actor,
            )
        except PreconditionFailed:
            # Show the saved version beside theirs; keep theirs in the form; let them save
            # again on top of the version they have now seen.
            change = audit.last_change(session, entity_type="mapping_item", entity_id=item.id)
            extra["conflict"] = {
                "who": change.actor_name if change else "Someone else",
                "when": change.at if change else item.updated_at,
                "saved": display_text(item),
                "yours": data.get("text") or "",
            }
            extra["version"] = item.version
            errors["form"] = (
                "Someone else changed this item while you were editing it. Nothing you typed "
                "has been lost. Compare the two versions, then save again."
            )
            status_code = 409
        except DomainError as exc:
            errors.add_domain(exc)
            status_code = exc.status if exc.status == 409 else 422
        else:
            return board_response(request, session, case, mapping, principal, focus=item.id)
    discard(session)
    # The form is only built again when it has to be shown again.
    ctx = _item_form_context(session, case, mapping, item.category, item, principal,
                             errors=errors, values=_echo_item(form, data), **extra)
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
    version = hidden_int(form, "version")
    try:
        item_service.remove(
            session, case=case, mapping=mapping, item=item, expected_version=version,
            actor=principal.actor,
        )
    except DomainError as exc:
        return page_with_problem(request, session, case, mapping, principal, exc)
    return board_response(request, session, case, mapping, principal,
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
            return page_with_problem(request, session, case, mapping, principal, exc)
    return board_response(request, session, case, mapping, principal, focus=item.id,
                  moved=form.get("direction"))


# --- safety scale --------------------------------------------------------------------
