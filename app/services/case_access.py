"""Restricting a case (a member of staff's own family, a high-profile case) and naming who may
see it. Only a service manager decides; they stay named themselves, so the case never becomes
one that nobody may change. Every change is audited with the names before and after."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from app.errors import FieldError, Forbidden, Invalid
from app.models.base import utcnow
from app.models.case import Case, CaseAccess
from app.models.enums import Role
from app.models.user import User
from app.services import audit
from app.services.access import Principal
from app.services.case import check_version


def can_restrict(p: Principal) -> bool:
    return p.user is not None and p.token is None and p.user.role == Role.service_manager


def require_restrictor(p: Principal) -> None:
    if not can_restrict(p):
        raise Forbidden("Only a service manager can restrict a case or change who may see it.")


def named(session: Session, *, case: Case) -> list[User]:
    return list(session.scalars(
        select(User).join(CaseAccess, CaseAccess.user_id == User.id)
        .where(CaseAccess.case_id == case.id).order_by(User.name)))


def candidates(session: Session) -> list[User]:
    """People who may be named: active staff who work with cases."""
    return list(session.scalars(
        select(User).where(User.active.is_(True), User.role != Role.administrator)
        .options(selectinload(User.team)).order_by(User.name)))


def set_access(session: Session, *, case: Case, restricted: bool, user_ids: list[int],
               expected_version: int | None, principal: Principal) -> Case:
    require_restrictor(principal)
    check_version(case, expected_version)
    allowed = {u.id: u for u in candidates(session)}
    errors = [FieldError(["body", "user_ids", i], "Choose someone from the list of staff")
              for i, uid in enumerate(user_ids) if uid not in allowed]
    if not restricted and user_ids:
        errors.append(FieldError(["body", "user_ids"],
                                 "Name people only when the case is restricted"))
    if errors:
        raise Invalid(errors)
    me = principal.user
    assert me is not None
    wanted = list(dict.fromkeys(user_ids))
    if restricted and me.id not in wanted:
        wanted.append(me.id)
    if restricted and len(wanted) < 2:
        raise Invalid([FieldError(["body", "user_ids"],
                                  "Name at least one person besides you, usually the social "
                                  "worker and their team manager")])
    names_before = sorted(u.name for u in named(session, case=case))
    names_after = sorted(allowed[uid].name for uid in wanted) if restricted else []
    before = {"restricted": case.restricted, "named": names_before}
    after = {"restricted": restricted, "named": names_after}
    session.execute(delete(CaseAccess).where(CaseAccess.case_id == case.id))
    for uid in wanted if restricted else []:
        session.add(CaseAccess(case_id=case.id, user_id=uid))
    case.restricted = restricted
    if before != after:
        case.updated_at = utcnow()  # the case's version moves on
        session.flush()
        summary = (f"restricted the case to {', '.join(names_after)}" if restricted
                   else "lifted the restriction on the case")
        audit.record(session, actor=principal.actor, action="restrict", entity_type="case",
                     entity_id=case.id, case_id=case.id, summary=summary,
                     changes=audit.diff(before, after))
    return case
