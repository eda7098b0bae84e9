"""My Three Houses in the browser: record a session with a child (one thing they said per
line in each house), see it as three houses with their pictures, add and correct words, put
words into the current mapping, and record the child's say on who may see each house."""

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
from app.models.enums import Audience, Category, House, label
from app.models.person import Person
from app.models.three_houses import ThreeHouses
from app.routes.download import file_response
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, date_field, hidden_int, raw_date, text
from app.schemas.three_houses import EntryIn, ThreeHousesIn, ThreeHousesUpdate
from app.services import access
from app.services import document as document_service
from app.services import person as person_service
from app.services import picture as picture_service
from app.services import three_houses as th_service
from app.services.access import Principal
from app.services.picture import COLOURS
from app.templating import render

router = APIRouter(include_in_schema=False)
BASE = "/cases/{case_id}/children/{child_id}/three-houses"
AUDIENCES = [(a.value, words) for a, words in th_service.AUDIENCES.items()]
PLACES = {h.value: [(c.value, label(c.value)) for c in cats]
          for h, cats in th_service.PLACES.items()}


def session_url(case: Case, child: Person, th: ThreeHouses | None = None) -> str:
    url = f"/cases/{case.id}/children/{child.id}/three-houses"
    return f"{url}/{th.id}" if th is not None else url


def _sharing(form: FormData) -> dict[str, Any]:
    """The child's say on sharing as typed, validated with the rest of the form."""
    return {**{h.value: chosen(form, f"share_{h.value}") for h in House},
            "asked_by": text(form, "asked_by")}


def chosen(form: FormData, name: str) -> list[Audience]:
    """The audiences ticked in a group of checkboxes."""
    return [Audience(v) for v in form.getlist(name)
            if isinstance(v, str) and v in Audience.__members__]


def _form_errors(errors: FormErrors) -> FormErrors:
    """The sharing's "asked by" is named inside `sharing`; the form has it alone."""
    if "sharing" in errors:
        errors.setdefault("asked_by", errors.pop("sharing"))
    return errors


def _lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _form_ctx(case: Case, child: Person, **extra: Any) -> dict[str, Any]:
    return {"case": case, "child": child, "houses": th_service.HOUSES,
            "audiences": AUDIENCES, "errors": FormErrors(), "values": {}, **extra}


@router.get(BASE)
def list_page(request: Request, case: CaseDep, child_id: int, principal: PrincipalDep,
              session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    rows = th_service.list_for_child(session, case=case, child=child)
    return render(request, "three_houses/list.html", {
        "case": case, "child": child, "rows": rows,
        "counts": {th.id: th_service.entries(session, th) for th in rows},
        "houses": th_service.HOUSES, "can_edit": access.can_edit(principal, case)})


@router.get(BASE + "/new")
def new_form(request: Request, case: EditableCaseDep, child_id: int, principal: PrincipalDep,
             session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    return render(request, "three_houses/form.html", _form_ctx(
        case, child, values={"interviewer_name": principal.actor.name}, mode="new"))


@router.post(BASE)
async def create(request: Request, case: EditableCaseDep, child_id: int,
                 principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    form = await request.form()
    errors = FormErrors()
    held_on = date_field(form, "held_on", "The date of the session", errors)
    if held_on is None and "held_on" not in errors:
        errors["held_on"] = "Enter the date of the session"
    values: dict[str, Any] = {n: text(form, n) for n in ("place", "present", "interviewer_name")}
    houses = {h.value: _lines(text(form, h.value)) for h in House}
    data = build(ThreeHousesIn, {"held_on": held_on, **values, **houses,
                                 "sharing": _sharing(form)}, errors) if not errors else None
    if data is not None:
        try:
            th = th_service.create(session, case=case, child=child, data=data,
                                   actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, session_url(case, child, th) + "?saved=1")
    discard(session)
    return render(request, "three_houses/form.html", _form_ctx(
        case, child, mode="new", errors=_form_errors(errors),
        values={**values, "held_on": raw_date(form, "held_on"), "asked_by": text(form, "asked_by"),
                **{h.value: form.get(h.value) or "" for h in House},
                "sharing": {h.value: form.getlist(f"share_{h.value}") for h in House}}),
        status_code=422)


def page_ctx(session: Session, case: Case, child: Person, th: ThreeHouses,
              principal: Principal, **extra: Any) -> dict[str, Any]:
    houses = th_service.entries(session, th)
    pictures = picture_service.for_session(session, th)
    mapping = th_service.current_mapping(session, case=case)
    return {"case": case, "child": child, "th": th, "houses": houses,
            "house_names": th_service.HOUSES, "audiences": dict(AUDIENCES),
            "placed": th_service.placed(session, [e.id for es in houses.values() for e in es]),
            "pictures": pictures, "places": PLACES, "mapping": mapping,
            "can_place": mapping is not None and mapping.status.value == "draft",
            "can_edit": access.can_edit(principal, case), "colours": COLOURS,
            "errors": FormErrors(), "values": {}, "category_label": label, **extra}


@router.get(BASE + "/{three_houses_id}")
def session_page(request: Request, case: CaseDep, child_id: int, three_houses_id: int,
                 principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    return render(request, "three_houses/page.html",
                  page_ctx(session, case, child, th, principal))


@router.get(BASE + "/{three_houses_id}/details")
def details_form(request: Request, case: EditableCaseDep, child_id: int, three_houses_id: int,
                 principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    return render(request, "three_houses/form.html", _form_ctx(
        case, child, mode="details", th=th, values={
            "held_on": th.held_on, "place": th.place, "present": th.present,
            "interviewer_name": th.interviewer_name, "asked_by": th.sharing_asked_by,
            "sharing": th.sharing or {}, "version": th.version}))


@router.post(BASE + "/{three_houses_id}/details")
async def save_details(request: Request, case: EditableCaseDep, child_id: int,
                       three_houses_id: int, principal: PrincipalDep,
                       session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    form = await request.form()
    version = hidden_int(form, "version")
    errors = FormErrors()
    held_on = date_field(form, "held_on", "The date of the session", errors)
    if held_on is None and "held_on" not in errors:
        errors["held_on"] = "Enter the date of the session"
    values: dict[str, Any] = {n: text(form, n) for n in ("place", "present", "interviewer_name")}
    data = build(ThreeHousesUpdate, {"held_on": held_on, **values,
                                     "sharing": _sharing(form)}, errors) if not errors else None
    status = 422
    if data is not None:
        try:
            th_service.update(session, case=case, child=child, th=th, data=data,
                              expected_version=version, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
            status = page_status(exc)
        else:
            return see_other(request, session_url(case, child, th) + "?changed=1")
    discard(session)
    return render(request, "three_houses/form.html", _form_ctx(
        case, child, mode="details", th=th, errors=_form_errors(errors),
        values={**values, "held_on": raw_date(form, "held_on"),
                "asked_by": text(form, "asked_by"), "version": version,
                "sharing": {h.value: form.getlist(f"share_{h.value}") for h in House}}),
        status_code=status)


@router.post(BASE + "/{three_houses_id}/entries")
async def add_entry(request: Request, case: EditableCaseDep, child_id: int,
                    three_houses_id: int, principal: PrincipalDep,
                    session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    form = await request.form()
    errors = FormErrors()
    house = text(form, "house")
    field = f"words_{house}" if house in House.__members__ else "words"
    words = text(form, field)
    if field == "words":
        errors["form"] = "Choose which house these words go in"
    elif not words:
        errors[field] = f"Write what {child.given_name} said"
    data = build(EntryIn, {"house": house, "words": words}, errors) if not errors else None
    if data is not None:
        try:
            entry = th_service.add_entry(session, case=case, child=child, th=th, data=data,
                                         actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, session_url(case, child, th) + f"#entry-{entry.id}")
    if "words" in errors and field != "words":
        errors[field] = errors.pop("words")
    discard(session)
    return render(request, "three_houses/page.html",
                  page_ctx(session, case, child, th, principal, errors=errors,
                            values={field: form.get(field) or ""}),
                  status_code=422)


@router.post(BASE + "/{three_houses_id}/entries/{entry_id}/place")
async def place_entry(request: Request, case: EditableCaseDep, child_id: int,
                      three_houses_id: int, entry_id: int, principal: PrincipalDep,
                      session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    entry = th_service.load_entry(session, th, entry_id)
    form = await request.form()
    chosen = text(form, "category")
    errors = FormErrors()
    status = 422
    try:
        category = Category(chosen) if chosen else None
        item = th_service.place(session, case=case, child=child, th=th, entry=entry,
                                category=category, actor=principal.actor)
    except ValueError:
        errors[f"category_{entry.id}"] = "Choose where in the mapping these words go"
    except DomainError as exc:
        for e in exc.errors:
            errors.setdefault(f"category_{entry.id}", e.message)
        if not exc.errors:
            errors["form"] = exc.detail
        status = page_status(exc)
    else:
        return see_other(request, f"/cases/{case.id}/mappings/{item.mapping_id}"
                                  f"#item-{item.id}")
    discard(session)
    return render(request, "three_houses/page.html",
                  page_ctx(session, case, child, th, principal, errors=errors),
                  status_code=status)


@router.get(BASE + "/{three_houses_id}/what-you-told-us.pdf")
def child_copy(case: CaseDep, child_id: int, three_houses_id: int,
               session: SessionDep) -> Response:
    """The child's own copy, "What you told us"."""
    child = person_service.load_child(session, case=case, child_id=child_id)
    th = th_service.load(session, case=case, child=child, three_houses_id=three_houses_id)
    rendered = document_service.what_you_told_us(session, case, child, th)
    return file_response(rendered.content, media_type="application/pdf",
                         filename=rendered.filename, disposition="inline")
