"""Who may make and read the Children in Need census return: service managers only (and
tokens for the whole service, tested in tests/api/test_census.py); "Page not found" for
everyone else, so that the returns' existence is not shown to them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.census import CensusRun
from app.models.document import IssuedDocument
from app.models.enums import CensusStatus, Role
from app.models.team import Team
from app.models.user import User
from tests.access.world import (
    STATUTORY,
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
    other_route_test,
)

ONLY_MANAGERS = {Role.practitioner: 404, Role.supervisor: 404, Role.service_manager: 200,
                 Role.administrator: 404}


def _run(session: Session) -> int:
    doc = IssuedDocument(case_id=None, kind="CIN_CENSUS", title="Census", filename="c.xml",
                         media_type="application/xml", issued_to="DfE", issued_by_name="SM",
                         issued_at=utcnow(), sha256="0" * 64, size=9, content=b"<Message/>")
    session.add(doc)
    session.flush()
    run = CensusRun(year=2026, reference_date=date(2026, 3, 31), status=CensusStatus.done,
                    progress=100, stage="Finished", started_by_name="SM", document_id=doc.id,
                    findings=[])
    session.add(run)
    session.commit()
    return run.id


def _with_run(rest: str, api: bool = False) -> Any:
    def call(w: World, session: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
        prefix = "/api/v1" if api else ""
        return f"{prefix}/returns/cin/runs/{_run(session)}{rest}", {}
    return call


def _start(api: bool) -> Any:
    def call(w: World, session: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
        if api:
            return "/api/v1/returns/cin/runs", _json(w, {"year": 2026})
        return "/returns/cin", _form(w, year="2026")
    return call


OTHER_ROUTES = {
    ("GET", "/returns/cin"): ONLY_MANAGERS,
    ("POST", "/returns/cin"): {**ONLY_MANAGERS, Role.service_manager: 303},
    ("GET", "/returns/cin/runs/{run_id}"): ONLY_MANAGERS,
    ("GET", "/returns/cin/runs/{run_id}/file"): ONLY_MANAGERS,
    ("GET", "/api/v1/returns/cin/runs"): ONLY_MANAGERS,
    ("POST", "/api/v1/returns/cin/runs"): {**ONLY_MANAGERS, Role.service_manager: 202},
    ("GET", "/api/v1/returns/cin/runs/{run_id}"): ONLY_MANAGERS,
    ("GET", "/api/v1/returns/cin/runs/{run_id}/findings"): ONLY_MANAGERS,
    ("GET", "/api/v1/returns/cin/runs/{run_id}/file"): ONLY_MANAGERS,
}
CALLS = {
    ("POST", "/returns/cin"): _start(False),
    ("GET", "/returns/cin/runs/{run_id}"): _with_run(""),
    ("GET", "/returns/cin/runs/{run_id}/file"): _with_run("/file"),
    ("POST", "/api/v1/returns/cin/runs"): _start(True),
    ("GET", "/api/v1/returns/cin/runs/{run_id}"): _with_run("", True),
    ("GET", "/api/v1/returns/cin/runs/{run_id}/findings"): _with_run("/findings", True),
    ("GET", "/api/v1/returns/cin/runs/{run_id}/file"): _with_run("/file", True),
}

test_other_route = other_route_test(OTHER_ROUTES, CALLS)


def _details(w: World, k: str) -> str:
    return f"/cases/{cid(w, k)}/people/{w.children[k].id}/census"


CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/people/{person_id}/census"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _details(w, k), {}), rules=STATUTORY),
    ("POST", "/cases/{case_id}/people/{person_id}/census"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _details(w, k), _form(
            w, version=str(w.person_version(w.children[k])), sex="F", ethnicity="WBRI",
            disabilities="NONE")), rules=STATUTORY),
}

test_case_route = case_route_test(CASE_ROUTES)
