"""Adding and changing the people on a case in the browser."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from app.db import SessionDep, discard
from app.deps import EditableCaseDep, PrincipalDep
from app.errors import DomainError, PreconditionFailed
from app.models.case import Case
from app.models.enums import AdultRole, Gender, PersonKind, label
from app.models.person import Person
from app.routes.ui import census as census_details
from app.routes.ui.case import _case_context, see_other
from app.routes.ui.forms import FormErrors, build, date_field, hidden_int, raw_date, text
from app.schemas.person import PersonCreate, PersonUpdate
from app.services import census_codes, language
from app.services import person as person_service
from app.templating import is_htmx, render

router = APIRouter(include_in_schema=False)

GENDERS = [(g.value, label(g)) for g in Gender]
ADULT_GENDERS = [(g.value, label(g)) for g in Gender if g != Gender.unborn]
ROLES = [(r.value, label(r)) for r in AdultRole]


def _form_context(session: SessionDep, case: Case, kind: str, **extra: Any) -> dict[str, Any]:
    children = [
        p for p in person_service.list_for_case(session, case=case) if p.kind == PersonKind.child
    ]
    return {
        "case": case,
        "kind": kind,
        "children": children,
        "genders": GENDERS if kind == "child" else ADULT_GENDERS,
        "roles": ROLES,
        "census": census_details.CHOICES,
        "census_split": census_codes.split,
        "languages": sorted(language.PREFERRED.items(), key=lambda kv: (kv[0] != "en", kv[1])),
        "errors": FormErrors(),
        "values": {},
        **extra,
    }


def _read(form: FormData, kind: str, children: list[Person], errors: FormErrors) -> dict[str, Any]:
    data: dict[str, Any] = {
        "given_name": text(form, "given_name"),
        "family_name": text(form, "family_name"),
        "phone": text(form, "phone"),
        "email": text(form, "email"),
        "address": text(form, "address"),
        "language": text(form, "language"),
    }
    data["date_of_birth"] = date_field(form, "date_of_birth", "Date of birth", errors)
    data["gender"] = text(form, "gender")
    data["deceased"] = form.get("deceased") == "yes"
    data["died_on"] = date_field(form, "died_on", "The date they died", errors)
    if kind == "child":
        data["expected_date"] = date_field(form, "expected_date", "Expected date", errors)
        data["disability"] = text(form, "disability")
        data.update(census_details.read_details(form))
    else:
        data["role"] = text(form, "role")
        data["organisation"] = text(form, "organisation")
        data["relationships"] = [
            {"child_id": c.id, "relationship": rel}
            for c in children
            if (rel := text(form, f"relationship-{c.id}"))
        ]
    return data


def _echo(form: FormData, data: dict[str, Any]) -> dict[str, Any]:
    """What the worker typed, to put back in the form beside the errors."""
    values = {k: v for k, v in data.items()
              if k not in ("date_of_birth", "expected_date", "died_on")}
    values["date_of_birth"] = raw_date(form, "date_of_birth")
    values["expected_date"] = raw_date(form, "expected_date")
    values["died_on"] = raw_date(form, "died_on")
    for key in form:
        if key.startswith("relationship-"):
            values[key] = text(form, key) or ""
    values["archived"] = form.get("archived") == "yes"
    return values


@router.get("/cases/{case_id}/people/new")
def new_person(
    request: Request, case: EditableCaseDep, session: SessionDep, kind: str = "child"
) -> Response:
    kind = "adult" if kind == "adult" else "child"
    heading = "Add a child" if kind == "child" else "Add an adult"
    ctx = _form_context(
        session, case, kind, heading=heading, action=f"/cases/{case.id}/people", person=None
    )
    return render(request, "person/form.html", ctx, block="person_form")


@router.post("/cases/{case_id}/people")
async def create_person(
    request: Request, case: EditableCaseDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    form = await request.form()
    kind = "adult" if form.get("kind") == "adult" else "child"
    ctx = _form_context(
        session,
        case,
        kind,
        heading="Add a child" if kind == "child" else "Add an adult",
        action=f"/cases/{case.id}/people",
        person=None,
    )
    errors: FormErrors = ctx["errors"]
    data = _read(form, kind, ctx["children"], errors)
    schema = build(PersonCreate, {"kind": kind, **data}, errors) if not errors else None
    if schema is not None:
        try:
            person = person_service.create(session, case=case, data=schema, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            if is_htmx(request):
                page = _case_context(session, case, principal)
                page["added"] = f"{person.full_name} has been added"
                return render(
                    request,
                    "case/page.html",
                    page,
                    block="people",
                    headers={"HX-Retarget": "#people", "HX-Reswap": "outerHTML"},
                )
            return see_other(request, f"/cases/{case.id}#person-{person.id}")
    discard(session)
    ctx["values"] = _echo(form, data)
    return render(request, "person/form.html", ctx, status_code=422, block="person_form")


def _values_from(person: Person) -> dict[str, Any]:
    values: dict[str, Any] = {c: getattr(person, c) for c in person_service.AUDITED}
    values["gender"] = person.gender.value if person.gender else ""
    values["role"] = person.role.value if person.role else ""
    for r in person.relationships:
        values[f"relationship-{r.child_id}"] = r.relation
    return values


@router.get("/cases/{case_id}/people/{person_id}/edit")
def edit_person_page(
    request: Request, person_id: int, case: EditableCaseDep, session: SessionDep
) -> Response:
    person = person_service.load(session, case=case, person_id=person_id)
    ctx = _form_context(
        session,
        case,
        person.kind.value,
        heading=f"Change {person.full_name}",
        action=f"/cases/{case.id}/people/{person.id}",
        person=person,
        version=person.version,
        values=_values_from(person),
    )
    return render(request, "person/form.html", ctx, block="person_form")


@router.post("/cases/{case_id}/people/{person_id}")
async def edit_person(
    request: Request,
    person_id: int,
    case: EditableCaseDep,
    principal: PrincipalDep,
    session: SessionDep,
) -> Response:
    person = person_service.load(session, case=case, person_id=person_id)
    form = await request.form()
    kind = person.kind.value
    version = hidden_int(form, "version")
    ctx = _form_context(
        session,
        case,
        kind,
        heading=f"Change {person.full_name}",
        action=f"/cases/{case.id}/people/{person.id}",
        person=person,
        version=version,
    )
    errors: FormErrors = ctx["errors"]
    data = _read(form, kind, ctx["children"], errors)
    data["archived"] = form.get("archived") == "yes"
    if kind == "child":
        data.setdefault("role", None)
    schema = build(PersonUpdate, data, errors) if not errors else None
    if schema is not None:
        try:
            person_service.update(
                session,
                case=case,
                person=person,
                data=schema,
                expected_version=version,
                actor=principal.actor,
            )
        except PreconditionFailed:
            # Show what is saved now beside what they typed, so nothing they typed is lost.
            ctx["conflict"] = (
                "Someone else changed this person while you were editing, so your changes "
                "have not been saved. Their version is shown on the case page; your changes "
                "are still in the form below. Check them and save again."
            )
            ctx["version"] = person.version
            errors["form"] = "Someone else changed this record. Check and save again."
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, f"/cases/{case.id}#person-{person.id}")
    discard(session)
    ctx["values"] = _echo(form, data)
    return render(request, "person/form.html", ctx, status_code=422, block="person_form")
