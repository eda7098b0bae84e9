"""Staff accounts, managed by an administrator: add, change role and team, deactivate, reset
the password. A new or reset account gets a temporary password, shown once; the person
chooses their own when they next sign in. Every change is audited."""

from __future__ import annotations

import secrets

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, selectinload

from app.errors import Conflict, FieldError, Invalid, NotFound
from app.models.auth import LoginAttempt, UserSession
from app.models.base import utcnow
from app.models.case import Case
from app.models.enums import CaseStatus, Role
from app.models.team import Team
from app.models.user import User
from app.schemas.user import TeamIn, UserIn, UserUpdate
from app.services import audit, auth
from app.services.access import HOLDS_CASES
from app.services.audit import Actor

AUDITED = ["name", "email", "phone", "role", "team_id", "active"]
#: Letters and digits that cannot be mistaken for one another when read out or copied.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """Four groups of four, e.g. `k7mq-x2ra-9fhe-tw3p`: 80 bits, easy to read out."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def load(session: Session, user_id: int) -> User:
    user = session.scalar(
        select(User).where(User.id == user_id).options(selectinload(User.team))
    )
    if user is None:
        raise NotFound()
    return user


def list_all(session: Session) -> list[User]:
    return list(session.scalars(
        select(User).options(selectinload(User.team)).order_by(User.active.desc(), User.name)
    ))


def open_cases(session: Session, user: User) -> int:
    """Open cases still allocated to them (to move before they leave)."""
    return session.scalar(
        select(func.count()).select_from(Case).where(
            Case.worker_id == user.id, Case.status == CaseStatus.open
        )
    ) or 0


def _check(session: Session, *, email: str, role: Role, team_id: int | None,
           user_id: int | None) -> list[FieldError]:
    errors = []
    taken = session.scalar(
        select(User.id).where(func.lower(User.email) == email.lower(), User.id != (user_id or 0))
    )
    if taken is not None:
        errors.append(FieldError(["email"], "Another account already uses this email address"))
    if role in HOLDS_CASES and team_id is None:
        errors.append(FieldError(
            ["team_id"], "Choose a team: social workers and team managers belong to one"
        ))
    if team_id is not None and session.get(Team, team_id) is None:
        errors.append(FieldError(["team_id"], "Choose a team from the list"))
    return errors


def create(session: Session, *, data: UserIn, actor: Actor) -> tuple[User, str]:
    """The account and its temporary password (shown once)."""
    errors = _check(session, email=data.email, role=data.role, team_id=data.team_id,
                    user_id=None)
    if errors:
        raise Invalid(errors)
    password = temporary_password()
    user = User(
        name=data.name, email=data.email.lower(), role=data.role, team_id=data.team_id,
        phone=data.phone or None, password_hash=auth.hash_password(password),
        must_change_password=True, active=True,
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor=actor, action="create", entity_type="user", entity_id=user.id,
        case_id=None, summary=f"added the account of {user.name} ({user.role.value})",
        changes=audit.diff({}, audit.snapshot(user, AUDITED)),
    )
    return user, password


def update(session: Session, *, user: User, data: UserUpdate, expected_version: int,
           actor: Actor) -> User:
    """Change what was sent. An administrator cannot deactivate their own account or take
    away their own administrator role (someone must be left to manage accounts)."""
    if expected_version != user.version:
        raise Conflict(
            f"The account of {user.name} changed while you were editing (it may have signed "
            "in), so nothing was saved. Check the form and save again."
        )
    sent = data.model_dump(exclude_unset=True)
    for key in ("name", "email", "role", "active"):
        if key in sent and sent[key] is None:
            raise Invalid([FieldError([key], f"Enter {key.replace('_', ' ')}")])
    role = sent.get("role", user.role)
    team_id = sent.get("team_id", user.team_id)
    email = sent.get("email", user.email)
    errors = _check(session, email=email, role=role, team_id=team_id, user_id=user.id)
    if actor.user_id == user.id:
        if sent.get("active") is False:
            errors.append(FieldError(["active"], "You cannot deactivate your own account"))
        if role != Role.administrator:
            errors.append(FieldError(
                ["role"], "You cannot take away your own administrator role: ask another "
                          "administrator"))
    if errors:
        raise Invalid(errors)
    before = audit.snapshot(user, AUDITED)
    for key, value in sent.items():
        setattr(user, key, value.lower() if key == "email" else value)
    if "phone" in sent:
        user.phone = sent["phone"] or None
    session.flush()
    changes = audit.diff(before, audit.snapshot(user, AUDITED))
    if not changes:
        return user
    if changes.get("active", {}).get("after") is False:
        _end_sessions(session, user)
    active = changes.get("active", {}).get("after")
    action = "update" if active is None else "reactivate" if active else "deactivate"
    audit.record(
        session, actor=actor, action=action, entity_type="user", entity_id=user.id,
        case_id=None, summary=_summary(user, action, changes), changes=changes,
    )
    return user


def _summary(user: User, action: str, changes: dict[str, dict[str, object]]) -> str:
    if action == "deactivate":
        return f"deactivated the account of {user.name}"
    if action == "reactivate":
        return f"reactivated the account of {user.name}"
    return f"changed the account of {user.name}: " + ", ".join(sorted(changes)).replace("_id", "")


def _end_sessions(session: Session, user: User) -> None:
    session.execute(
        sql_update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def reset_password(session: Session, *, user: User, actor: Actor) -> str:
    """A new temporary password (shown once); their sessions end and the sign-in back-off is
    cleared, so they can sign in at once."""
    password = temporary_password()
    user.password_hash = auth.hash_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    session.execute(sql_delete(LoginAttempt).where(LoginAttempt.email == user.email))
    _end_sessions(session, user)
    session.flush()
    audit.record(
        session, actor=actor, action="reset_password", entity_type="user", entity_id=user.id,
        case_id=None, summary=f"reset the password of {user.name}",
    )
    return password


def change_own_password(session: Session, *, user: User, current: str, new: str,
                        confirm: str) -> None:
    """A person choosing their own password (after a temporary one, or at any time)."""
    errors = []
    if not auth.verify(user.password_hash, current):
        errors.append(FieldError(["current"], "Your current password is not right"))
    if len(new) < 12:
        errors.append(FieldError(["new"], "Your new password must be at least 12 characters"))
    elif len(new) > auth.MAX_PASSWORD:
        errors.append(FieldError(["new"], "Your new password must be 1,024 characters or fewer"))
    elif new == current:
        errors.append(FieldError(["new"], "Choose a password different from the current one"))
    if new and confirm != new:
        errors.append(FieldError(["confirm"], "The two new passwords are not the same"))
    if errors:
        raise Invalid(errors)
    user.password_hash = auth.hash_password(new)
    user.must_change_password = False
    session.flush()
    audit.record(
        session, actor=Actor(name=user.name, channel="ui", user_id=user.id),
        action="change_password", entity_type="user", entity_id=user.id, case_id=None,
        summary=f"{user.name} chose a new password",
    )


# --- teams ---------------------------------------------------------------------------------


def teams(session: Session) -> list[Team]:
    return list(session.scalars(select(Team).order_by(Team.name)))


def create_team(session: Session, *, data: TeamIn, actor: Actor) -> Team:
    if session.scalar(select(Team.id).where(func.lower(Team.name) == data.name.lower())):
        raise Invalid([FieldError(["name"], f"There is already a team called {data.name}")])
    team = Team(name=data.name)
    session.add(team)
    session.flush()
    audit.record(
        session, actor=actor, action="create", entity_type="team", entity_id=team.id,
        case_id=None, summary=f"added the team {team.name}",
        changes={"name": {"before": None, "after": team.name}},
    )
    return team
