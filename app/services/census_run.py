"""Runs of the Children in Need census return: started by a service manager (page or API) and
done in the background by a job worker (app/jobs.py), or at once on the command line. Each run
builds the XML from the record, validates it with the Department's rules for its year, keeps
the file in the documents register with its SHA-256, and keeps each finding with where it
points in the record."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app import jobs
from app.db import get_read_sessionmaker, get_sessionmaker
from app.errors import FieldError, Invalid, NotFound
from app.models.census import CensusRun
from app.models.document import IssuedDocument
from app.models.enums import CensusStatus
from app.schemas.census import CensusFindingRead, CensusRunRead
from app.services import audit, census, census_codes, census_validation
from app.services.audit import Actor

log = logging.getLogger(__name__)
KIND = "CIN_CENSUS"
#: A run still "running" this long after its last progress was cut short (the worker
#: stopped); it shows as stopped and may be started again.
STALE = timedelta(minutes=10)


def _now() -> datetime:
    return datetime.now(UTC)


def check_year(year: int, field: str = "year") -> None:
    if census_codes.ruleset(year) is None:
        years = ", ".join(str(y) for y in census_codes.years_with_rules(date.today().year))
        raise Invalid([FieldError(["body", field], f"There are no Department rules for the "
                                                   f"census ending 31 March {year} in this "
                                                   f"version. Years with rules: {years}")])


def start(session: Session, *, year: int, actor: Actor, queue: bool = True) -> CensusRun:
    """A queued run; the job is sent once this transaction is committed (`queue=False`: the
    caller performs it itself)."""
    check_year(year)
    run = CensusRun(year=year, reference_date=census.period(year)[1],
                    status=CensusStatus.queued, progress=0, stage="Waiting to start",
                    started_by_name=actor.name)
    session.add(run)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="census_run",
                 entity_id=run.id, case_id=None,
                 summary=f"started the Children in Need census return for {year}")
    run_id = run.id
    if queue:
        event.listen(session, "after_commit", lambda _s: _send(run_id), once=True)
    return run


def _send(run_id: int) -> None:
    """After the run is committed (a worker must find it). Should the queue refuse, the run
    stays queued and shows as stopped after a while, to start again; the request stands."""
    try:
        jobs.enqueue(census_job, run_id)
    except Exception:
        log.exception("census run %s could not be queued", run_id)


def _progress(run_id: int) -> Any:
    def update(percent: int, stage: str) -> None:
        with get_sessionmaker()() as s, s.begin():
            run = s.get(CensusRun, run_id)
            if run is not None:
                run.progress, run.stage = percent, stage[:200]
    return update


def perform(run_id: int) -> None:
    """Build, validate and keep a run's return. Any failure is recorded on the run in words."""
    update = _progress(run_id)
    with get_sessionmaker()() as s, s.begin():
        run = s.get(CensusRun, run_id)
        if run is None or run.status not in (CensusStatus.queued, CensusStatus.running):
            return
        run.status, run.stage = CensusStatus.running, "Gathering the children from the record"
        year = run.year
    try:
        with get_read_sessionmaker()() as s:
            built = census.build(s, year=year, serial=run_id, progress=update)
        update(40, f"Checking {built.children:,} children against the Department's rules")
        findings = census_validation.validate(built.xml, year, built.traces, progress=update)
        findings[:0] = census_validation.unreferred(built.unreferred)
    except Exception:
        log.exception("census run %s failed", run_id)
        with get_sessionmaker()() as s, s.begin():
            run = s.get(CensusRun, run_id)
            if run is not None:
                run.status, run.finished_at = CensusStatus.failed, _now()
                run.problem = ("The return could not be made. Nothing was lost; start it again, "
                               "and if it fails again tell the system's support team (run "
                               f"{run_id}).")
        return
    with get_sessionmaker()() as s, s.begin():
        run = s.get(CensusRun, run_id)
        if run is None:
            return
        doc = IssuedDocument(
            case_id=None, kind=KIND, title=f"Children in Need census {year}",
            filename=f"cin-census-{year}-run{run_id}.xml", media_type="application/xml",
            issued_to="Department for Education (not yet sent)", issued_by_name=run.started_by_name,
            issued_at=_now(), sha256=hashlib.sha256(built.xml).hexdigest(),
            size=len(built.xml), content=built.xml)
        s.add(doc)
        s.flush()
        run.document_id = doc.id
        run.children = built.children
        run.findings = [f.as_dict() for f in findings]
        run.errors = sum(1 for f in findings if f.kind == "error")
        run.queries = len(findings) - run.errors
        run.status, run.progress, run.finished_at = CensusStatus.done, 100, _now()
        run.stage = "Finished"


@jobs.huey.task(retries=0)  # type: ignore[untyped-decorator]  # huey ships no types
def census_job(run_id: int) -> None:
    perform(run_id)


def stopped(run: CensusRun) -> bool:
    return run.status in (CensusStatus.queued, CensusStatus.running) and \
        run.updated_at < _now() - STALE


def load(session: Session, run_id: int) -> CensusRun:
    run = session.get(CensusRun, run_id)
    if run is None:
        raise NotFound("We could not find that census run.")
    return run


def recent(session: Session, limit: int = 20) -> list[CensusRun]:
    return list(session.scalars(select(CensusRun).order_by(CensusRun.id.desc()).limit(limit)))


def file_of(session: Session, run: CensusRun) -> IssuedDocument:
    if run.document_id is None:
        raise NotFound("This run has no file yet.")
    doc = session.scalar(select(IssuedDocument).where(IssuedDocument.id == run.document_id))
    if doc is None:
        raise NotFound("This run has no file yet.")
    return doc


def read(session: Session, run: CensusRun) -> CensusRunRead:
    sha = session.scalar(select(IssuedDocument.sha256).where(
        IssuedDocument.id == run.document_id)) if run.document_id else None
    return CensusRunRead(
        id=run.id, year=run.year, reference_date=run.reference_date, status=run.status,
        stopped=stopped(run), progress=run.progress, stage=run.stage, children=run.children,
        errors=run.errors, queries=run.queries, problem=run.problem, sha256=sha,
        started_by_name=run.started_by_name, created_at=run.created_at,
        finished_at=run.finished_at)


def _api_link(f: dict[str, Any]) -> str | None:
    case_id, child_id, entity, entity_id = (f.get("case_id"), f.get("child_id"),
                                           f.get("entity"), f.get("entity_id"))
    if case_id is None:
        return None
    base = f"/api/v1/cases/{case_id}"
    return {"person": f"{base}/people/{child_id}",
            "case_event": f"{base}/children/{child_id}/events"
            + (f"/{entity_id}" if entity_id else ""),
            "child_status": f"{base}/children/{child_id}/statuses"}.get(str(entity))


def findings(run: CensusRun) -> list[CensusFindingRead]:
    return [CensusFindingRead(
        code=f["code"], kind=f["kind"], words=f["words"], rule=f["rule"],
        child_id=f.get("child_id"), case_id=f.get("case_id"), entity=f.get("entity"),
        entity_id=f.get("entity_id"), field=f.get("field"),
        link=census_validation.link(f), api=_api_link(f)) for f in run.findings or []]
