"""The Children in Need census return in the browser, for service managers: start a run (it
runs in the background; the page shows its progress), read what the Department's rules found,
each with a link to the record to fix, and download the file."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import PrincipalDep, StatutoryCaseDep
from app.errors import NotFound
from app.models.case import Case, CaseAccess
from app.models.census import CensusRun
from app.models.person import Person
from app.routes.ui.act import attempt
from app.routes.ui.forms import FormErrors, build, hidden_int, text
from app.schemas.person import PersonUpdate
from app.services import access, census_codes, census_validation
from app.services import census_run as run_service
from app.services import person as person_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)


def _manager(principal: PrincipalDep) -> Principal:
    if principal.user is None or not access.runs_returns(principal):
        raise NotFound()
    return principal


Manager = Annotated[Principal, Depends(_manager)]


def _years() -> tuple[list[tuple[int, str]], int]:
    """The years the Department's rules cover; this year's census first (checked as the year
    goes, to find problems early), then the finished ones."""
    current = census_codes.collection_year(date.today())
    years = census_codes.years_with_rules(current)
    return ([(y, f"{y - 1} to {y} (up to 31 March {y})") for y in reversed(years)],
            current if current in years else max(years))


def _home(session: Session, **extra: Any) -> dict[str, Any]:
    years, default = _years()
    return {"runs": run_service.recent(session), "years": years, "default": default,
            "stopped": run_service.stopped, "errors": FormErrors(), **extra}


def _rows(session: Session, principal: Principal, run: CensusRun) -> list[dict[str, Any]]:
    """The findings with the child's name and a link, where this manager may see the case."""
    found = run.findings or []
    child_ids = {f["child_id"] for f in found if f.get("child_id")}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(child_ids)))}
    cases = {c.id: c for c in session.scalars(
        select(Case).where(Case.id.in_({p.case_id for p in people.values()})))}
    named = set(session.scalars(select(CaseAccess.case_id).where(
        CaseAccess.user_id == (principal.user.id if principal.user else 0))))
    rows = []
    for f in found:
        child_id = f.get("child_id")
        person = people.get(child_id) if isinstance(child_id, int) else None
        case = cases.get(person.case_id) if person else None
        seen = case is not None and access.can_see(principal, case, case.id in named)
        rows.append({**f, "person": person if seen else None, "case": case,
                     "hidden": case is not None and not seen,
                     "link": census_validation.link(f) if seen else None})
    return rows


@router.get("/returns/cin")
def census_page(request: Request, _: Manager, session: SessionDep) -> Response:
    return render(request, "census/page.html", _home(session))


@router.post("/returns/cin")
async def start_census(request: Request, principal: Manager, session: SessionDep) -> Response:
    form = await request.form()
    raw = text(form, "year") or ""
    year = int(raw) if raw.isdigit() and len(raw) == 4 else 0

    def act() -> str:
        run = run_service.start(session, year=year, actor=principal.actor)
        return f"/returns/cin/runs/{run.id}"

    def again(errors: FormErrors, status: int) -> Response:
        return render(request, "census/page.html", _home(session, errors=errors),
                      status_code=status)

    return attempt(request, session, act, again)


@router.get("/returns/cin/runs/{run_id}")
def run_page(request: Request, run_id: int, principal: Manager, session: SessionDep) -> Response:
    run = run_service.load(session, run_id)
    ctx = {"run": run, "stopped": run_service.stopped(run),
           "rows": _rows(session, principal, run),
           "sha256": run_service.read(session, run).sha256}
    return render(request, "census/run.html", ctx, block="run")


@router.get("/returns/cin/runs/{run_id}/file")
def run_file(run_id: int, _: Manager, session: SessionDep) -> Response:
    doc = run_service.file_of(session, run_service.load(session, run_id))
    return Response(doc.content, media_type="application/xml", headers={
        "Content-Disposition": f'attachment; filename="{doc.filename}"',
        "X-Content-SHA256": doc.sha256})


CENSUS_FIELDS = ("sex", "ethnicity", "disabilities", "upn", "upn_unknown")
#: The census code lists a child's form offers.
CHOICES = {kind: census_codes.choices(kind)
           for kind in ("sex", "ethnicity", "disability", "upn_unknown")}


def read_details(form: Any) -> dict[str, Any]:
    """A child's census details as sent by a form (this page's, or the whole person form's)."""
    values: dict[str, Any] = {f: text(form, f) for f in ("sex", "ethnicity", "upn",
                                                          "upn_unknown")}
    if values["upn"]:
        values["upn"] = values["upn"].upper().replace(" ", "")
    values["disabilities"] = " ".join(
        v for v in form.getlist("disabilities") if isinstance(v, str) and v.strip()) or None
    return values


def _details(case: Case, child: Person, **extra: Any) -> dict[str, Any]:
    return {"case": case, "child": child, "errors": FormErrors(),
            "values": {f: getattr(child, f) for f in CENSUS_FIELDS},
            "census": CHOICES, "split": census_codes.split, **extra}


@router.get("/cases/{case_id}/people/{person_id}/census")
def details_page(request: Request, case: StatutoryCaseDep, person_id: int,
                 session: SessionDep) -> Response:
    """A child's census details alone: what the return needs, changed by their worker or by
    the service manager fixing what the return's checks found."""
    child = person_service.load_child(session, case=case, child_id=person_id)
    return render(request, "census/details.html", _details(case, child))


@router.post("/cases/{case_id}/people/{person_id}/census")
async def change_details(request: Request, case: StatutoryCaseDep, person_id: int,
                         principal: PrincipalDep, session: SessionDep) -> Response:
    child = person_service.load_child(session, case=case, child_id=person_id)
    form = await request.form()
    version = hidden_int(form, "version")
    values = read_details(form)
    errors = FormErrors()
    data = build(PersonUpdate, values, errors)

    def again(errs: FormErrors, status: int) -> Response:
        return render(request, "census/details.html",
                      _details(case, child, errors=errs, values=values), status_code=status)

    if data is None:
        return again(errors, 422)
    update: PersonUpdate = data

    def act() -> str:
        person_service.update(session, case=case, person=child, data=update,
                              expected_version=version, actor=principal.actor)
        return f"/cases/{case.id}/people/{child.id}/census?saved=1"

    return attempt(request, session, act, again)
