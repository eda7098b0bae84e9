"""Who may see and change which case. Every case-scoped route goes through these rules
(via `app.deps.get_case_for_user`), so they live here and nowhere else.

- practitioner: edits cases allocated to them; reads the rest of their team's cases
- supervisor: reads and edits their team's cases
- service manager: reads every case
- administrator: manages users and teams; reads no case content
- restricted case: only users named on it, whatever their role
- API token: a team token reaches that team's cases; a service-wide token reaches all; neither
  reaches a restricted case. Writing needs the "write" scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from app.models.auth import ApiToken
from app.models.case import Case, CaseAccess
from app.models.enums import Role
from app.models.user import User
from app import db
from app.services import audit
from app.services.audit import Actor


@dataclass
class Principal:
    """The person or system behind a request."""

    actor: Actor
    user: User | None = None
    token: ApiToken | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    csrf_token: str = ""

    @property
    def role(self) -> Role | None:
        return self.user.role if self.user else None

    @property
    def team_id(self) -> int | None:
        if self.user:
            return self.user.team_id
        return self.token.team_id if self.token else None

    @property
    def reads_cases(self) -> bool:
        return self.role != Role.administrator

    def can_write_api(self) -> bool:
        return self.token is None or "write" in self.scopes


def _named(user_id: int) -> ColumnElement[bool]:
    return exists(
        select(CaseAccess.id).where(CaseAccess.case_id == Case.id, CaseAccess.user_id == user_id)
    )


def visible(p: Principal) -> ColumnElement[bool]:
    """SQL condition: the cases this principal may see."""
    if p.token is not None:
        reach = true() if p.token.team_id is None else Case.team_id == p.token.team_id
        return and_(reach, Case.restricted.is_(False))
    user = p.user
    if user is None or user.role == Role.administrator or not user.active:
        return false()
    if user.role == Role.service_manager:
        base: ColumnElement[bool] = true()
    elif user.team_id is None:
        base = Case.worker_id == user.id
    else:
        base = or_(Case.team_id == user.team_id, Case.worker_id == user.id)
    return or_(
        and_(Case.restricted.is_(False), base), and_(Case.restricted.is_(True), _named(user.id))
    )


def can_see(p: Principal, case: Case, named: bool) -> bool:
    if p.token is not None:
        return not case.restricted and (p.token.team_id in (None, case.team_id))
    user = p.user
    if user is None or user.role == Role.administrator or not user.active:
        return False
    if case.restricted:
        return named
    if user.role == Role.service_manager:
        return True
    return case.team_id == user.team_id or case.worker_id == user.id


def can_edit(p: Principal, case: Case) -> bool:
    """Assumes can_see. Closed cases can still be edited (to correct the record) and reopened."""
    if p.token is not None:
        return "write" in p.scopes
    user = p.user
    if user is None:
        return False
    if user.role == Role.supervisor:
        return case.team_id == user.team_id or case.restricted
    if user.role == Role.practitioner:
        return case.worker_id == user.id
    return False


def note_restricted_view(session: Session, p: Principal, case: Case) -> None:
    """Opening a restricted case is audited, and the view happened even if the request then
    fails. A writing request records it in its own transaction (SQLite has one write lock,
    which that request holds: a second writer would wait for it and fail), and again on its
    own should that transaction roll back. A reading request holds no write lock, so the view
    is written at once in a short transaction of its own."""

    # Plain values: after a rollback the case is expired, and reading it would start a new
    # transaction on the request's session while this one waits for its lock.
    case_id, actor = case.id, p.actor

    def write(s: Session) -> None:
        audit.record(
            s,
            actor=actor,
            action="view",
            entity_type="case",
            entity_id=case_id,
            case_id=case_id,
            summary="opened the restricted case",
        )

    if db.is_writer(session):
        db.keep_after_rollback(session, write)
    else:
        with db.get_sessionmaker()() as s, s.begin():
            write(s)
