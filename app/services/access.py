"""Who may see and change which case. Every case-scoped route goes through these rules
(via `app.deps.get_case_for_user`), so they live here and nowhere else.

- practitioner: edits cases allocated to them; reads the rest of their team's cases
- supervisor: reads and edits their team's cases
- service manager: reads every case
- administrator: manages users and teams; reads no case content
- co-worker or cover (for its dates): reads and edits that case as its allocated worker does
- restricted case: only users named on it, whatever their role
- API token: a team token reaches that team's cases; a service-wide token reaches all; neither
  reaches a restricted case. Writing needs the "write" scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session, object_session

from app import db
from app.errors import NotFound
from app.models.allocation import CaseAllocation
from app.models.case import Case, CaseAccess
from app.models.enums import Role
from app.models.user import User
from app.services import audit
from app.services.audit import Actor
from app.services.auth import TokenGrant


@dataclass
class Principal:
    """The person or system behind a request."""

    actor: Actor
    user: User | None = None
    token: TokenGrant | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    csrf_token: str = ""
    #: case id -> whether this person is its co-worker or cover today (asked once a request).
    covering: dict[int, bool] = field(default_factory=dict)

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


#: The roles that hold cases: a case is allocated to one of them, and they open new cases.
HOLDS_CASES = (Role.practitioner, Role.supervisor)


def is_team_manager(user: User | None, team_id: int | None) -> bool:
    """The manager of that team (a supervisor in it)."""
    return (
        user is not None
        and user.role == Role.supervisor
        and team_id is not None
        and user.team_id == team_id
    )


def can_open_case_in(p: Principal, team_id: int | None) -> bool:
    """Whether a new case may be opened in `team_id` (None: in the person's own team). A
    practitioner or team manager opens cases in their own team; a team token in its team, a
    service-wide token anywhere (both need the write scope)."""
    if p.token is not None:
        return "write" in p.scopes and p.token.team_id in (None, team_id)
    user = p.user
    if user is None or user.role not in HOLDS_CASES:
        return False
    return user.team_id is not None and team_id in (None, user.team_id)


def can_sign_off(p: Principal | User | None, case: Case) -> bool:
    """Only the manager of the case's team signs off a mapping of it."""
    user = p.user if isinstance(p, Principal) else p
    return is_team_manager(user, case.team_id)


def can_note_supervision(p: Principal, case: Case) -> bool:
    """Notes from supervision are recorded by the manager of the case's team."""
    return is_team_manager(p.user, case.team_id)


def can_see_board(p: Principal, team_id: int) -> bool:
    """A team's board: its manager, a service manager, or a token for that team or the whole
    service."""
    if p.token is not None:
        return p.token.team_id in (None, team_id)
    return p.role == Role.service_manager or is_team_manager(p.user, team_id)


def board_team(p: Principal) -> int | None:
    """The team whose board a person goes straight to (a team manager's own)."""
    return p.team_id if p.role == Role.supervisor else None


def can_choose_board(p: Principal) -> bool:
    """Whether a person chooses among every team's board (service managers)."""
    return p.role == Role.service_manager


def can_rename_labels(p: Principal, team_id: int | None) -> bool:
    """Category names: a team's by its manager, a service manager or an administrator; the
    whole service's (team_id None) by a service manager or an administrator. A service-wide
    token with the write scope may set either."""
    if p.token is not None:
        return "write" in p.scopes and p.token.team_id is None
    if p.role in (Role.service_manager, Role.administrator):
        return True
    return team_id is not None and is_team_manager(p.user, team_id)


def runs_returns(p: Principal, write: bool = False) -> bool:
    """The statutory returns (the CIN census): service managers, and tokens for the whole
    service (with the write scope to start a run)."""
    if p.token is not None:
        return p.token.team_id is None and (not write or "write" in p.scopes)
    return p.role == Role.service_manager


def corrects_statutory(p: Principal, case: Case) -> bool:
    """Who may change a child's statutory record (census details, events) on a case they
    reach: whoever may change the case, and a service manager, who makes the return and
    fixes what its checks find."""
    return can_edit(p, case) or (p.user is not None and runs_returns(p))


def administers(p: Principal) -> bool:
    """Administrators manage accounts and lists; they read no case content."""
    return p.role == Role.administrator


def menu(p: Principal | None) -> list[tuple[str, str]]:
    """The service navigation a person is shown: (words, address) of the places they may use."""
    if p is None or p.user is None:
        return []
    if administers(p):
        return [("Users and teams", "/admin"), ("Jargon list", "/admin/jargon")]
    items = [("Cases", "/cases")]
    own = board_team(p)
    if own is not None:
        items += [("Team board", f"/teams/{own}/board"), ("Category names", f"/teams/{own}/labels")]
    elif can_choose_board(p):
        items += [("Team boards", "/teams"), ("Category names", "/labels")]
    if runs_returns(p):
        items += [("Statutory returns", "/returns/cin")]
    return items


def board_cases(p: Principal, team_id: int, summary: Any) -> ColumnElement[bool]:
    """SQL condition on the practice summary (`summary`): the team's open cases this person
    may open on the board (restricted ones only if named on them)."""
    named: ColumnElement[bool] = (
        exists().where(CaseAccess.case_id == summary.case_id, CaseAccess.user_id == p.user.id)
        if p.user
        else false()
    )
    return and_(
        summary.team_id == team_id,
        summary.is_open.is_(True),
        or_(summary.restricted.is_(False), named),
    )


def _running(today: date) -> ColumnElement[bool]:
    return and_(CaseAllocation.starts_on <= today,
                or_(CaseAllocation.ends_on.is_(None), CaseAllocation.ends_on >= today))


def _covering_sql(user_id: int) -> ColumnElement[bool]:
    """SQL condition: the user is a co-worker or cover of the case today."""
    return exists(select(CaseAllocation.id).where(
        CaseAllocation.case_id == Case.id, CaseAllocation.user_id == user_id,
        _running(date.today())))


def covers(p: Principal, case: Case) -> bool:
    """Whether this person is a co-worker or cover of the case today."""
    user = p.user
    if user is None or case.id is None:
        return False
    if case.id not in p.covering:
        s = object_session(case)
        p.covering[case.id] = s is not None and bool(s.scalar(select(exists().where(
            CaseAllocation.case_id == case.id, CaseAllocation.user_id == user.id,
            _running(date.today())))))
    return p.covering[case.id]


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
        base = or_(Case.worker_id == user.id, _covering_sql(user.id))
    else:
        base = or_(Case.team_id == user.team_id, Case.worker_id == user.id,
                   _covering_sql(user.id))
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
    return case.team_id == user.team_id or case.worker_id == user.id or covers(p, case)


def can_edit(p: Principal, case: Case) -> bool:
    """Assumes can_see. Closed cases can still be edited (to correct the record) and reopened."""
    if p.token is not None:
        return "write" in p.scopes
    user = p.user
    if user is None:
        return False
    if user.role == Role.supervisor:
        return case.team_id == user.team_id or case.restricted or covers(p, case)
    if user.role == Role.practitioner:
        return case.worker_id == user.id or covers(p, case)
    return False


def can_allocate(p: Principal, case: Case) -> bool:
    """Who moves a case to another team or worker, and adds a co-worker or cover: the
    manager of the case's team or a service manager (a restricted case only if named on it,
    which reaching it already checked); a token with the write scope."""
    if p.token is not None:
        return "write" in p.scopes
    return p.role == Role.service_manager or is_team_manager(p.user, case.team_id)


def reach(session: Session, p: Principal, case: Case | None) -> Case:
    """The one gate to a case: NotFound (404) when it is missing or outside this person's
    reach, so that its existence is not revealed. Opening a restricted case is audited."""
    if not p.reads_cases or case is None:
        raise NotFound()
    # Being named on the case matters only for a restricted one.
    named = case.restricted and p.user is not None and bool(
        session.scalar(
            select(exists().where(CaseAccess.case_id == case.id, CaseAccess.user_id == p.user.id))
        )
    )
    if not can_see(p, case, named):
        raise NotFound()
    if case.restricted:
        note_restricted_view(session, p, case)
    return case


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
