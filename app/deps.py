"""Request dependencies: who is asking, and the case they may reach."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.db import SessionDep, get_query_sessionmaker, get_read_sessionmaker, get_sessionmaker
from app.errors import Forbidden, NotFound, Unauthorised
from app.models.auth import ApiToken, UserSession
from app.models.case import Case
from app.models.mapping import Mapping
from app.services import access, auth
from app.services import case as case_service
from app.services import mapping as mapping_service
from app.services.access import Principal
from app.services.audit import Actor

SESSION_COOKIE = "sr_session"


class LoginRequired(Exception):
    """A browser request without a valid session: send them to the sign-in page."""


class PasswordChangeRequired(Exception):
    """Signed in with a temporary password: they choose their own before anything else."""


#: What a person with a temporary password may still reach.
PASSWORD_CHANGE_PATHS = ("/account/password", "/logout")


def _principal_from_request(request: Request, session: Session | None = None) -> Principal | None:
    # Read without taking SQLite's write lock (in `session` when the caller has a read session
    # open, otherwise in one of its own). Noting "last used" / "last seen" (at most once a
    # minute) is written in a short transaction of its own, never in the request's.
    request_id = getattr(request.state, "request_id", None)
    authz = request.headers.get("authorization", "")
    if session is None:
        with get_read_sessionmaker()() as s:
            principal = _lookup(s, request, authz, request_id)
            _note_use(s)
        return principal
    principal = _lookup(session, request, authz, request_id)
    _note_use(session)
    return principal


def _note_use(s: Session) -> None:
    stale = [obj for obj in s.dirty if isinstance(obj, (ApiToken, UserSession))]
    if not stale:
        return
    for obj in stale:
        # Out of the read session, so that nothing it runs later flushes the change there.
        s.expunge(obj)
    with get_sessionmaker()() as w, w.begin():
        for obj in stale:
            if isinstance(obj, ApiToken):
                w.execute(
                    update(ApiToken)
                    .where(ApiToken.id == obj.id)
                    .values(last_used_at=obj.last_used_at)
                    .execution_options(synchronize_session=False)
                )
            else:
                w.execute(
                    update(UserSession)
                    .where(UserSession.id == obj.id)
                    .values(last_seen_at=obj.last_seen_at)
                    .execution_options(synchronize_session=False)
                )


def _lookup(s: Session, request: Request, authz: str, request_id: str | None) -> Principal | None:
    if authz.lower().startswith("bearer "):
        token = auth.token_for(s, secret=authz[7:].strip())
        return Principal(
            actor=Actor(
                name=f"API token '{token.name}'",
                channel="api",
                token_id=token.id,
                request_id=request_id,
            ),
            token=token,
            scopes=token.scopes,
        )
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret:
        return None
    row = auth.session_user(s, secret=secret)
    if row is None:
        return None
    user = row.user
    channel = "api" if request.url.path.startswith("/api/") else "ui"
    return Principal(
        actor=Actor(name=user.name, channel=channel, user_id=user.id, request_id=request_id),
        user=user,
        scopes=frozenset({"read", "write"}),
        csrf_token=row.csrf_token,
    )


async def read_form_csrf(request: Request) -> None:
    """Starlette caches the parsed form, so the route reads the same form afterwards."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf_token")
        request.state.form_csrf = value if isinstance(value, str) else None


def get_principal(request: Request, _csrf: None = Depends(read_form_csrf)) -> Principal:
    return _principal(request)


def _principal(request: Request, session: Session | None = None) -> Principal:
    cached: Principal | None = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    principal = _principal_from_request(request, session)
    if principal is None:
        if request.url.path.startswith("/api/"):
            raise Unauthorised("Send a valid API token as 'Authorization: Bearer …'.")
        raise LoginRequired
    request.state.principal = principal
    request.state.user = principal.user
    request.state.csrf_token = principal.csrf_token
    if (principal.user is not None and principal.user.must_change_password
            and request.url.path not in PASSWORD_CHANGE_PATHS):
        if request.url.path.startswith("/api/"):
            raise Forbidden("Choose a new password in the browser first: this account was given "
                            "a temporary one.")
        raise PasswordChangeRequired
    if principal.user is not None and request.method not in ("GET", "HEAD", "OPTIONS"):
        check_csrf(request, principal)
    return principal


def check_csrf(request: Request, principal: Principal) -> None:
    """Cookie-authenticated writes must carry the session's CSRF token (form field or the
    X-CSRF-Token header that htmx sends). Bearer tokens are not sent by browsers by themselves,
    so API token requests need no CSRF token."""
    sent = request.headers.get("x-csrf-token") or getattr(request.state, "form_csrf", None)
    if not sent or sent != principal.csrf_token:
        raise Forbidden(
            "This form has expired or did not come from this service, so nothing was saved. "
            "Go back, reload the page and try again."
        )


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require_write_scope(principal: PrincipalDep) -> Principal:
    if not principal.can_write_api():
        raise Forbidden("This API token can only read. Ask for a token with the write scope.")
    return principal


WriterDep = Annotated[Principal, Depends(require_write_scope)]


def require_admin(principal: PrincipalDep) -> Principal:
    """Administration pages: Page not found for anyone else, as for other pages they cannot
    use."""
    if not access.administers(principal):
        raise NotFound()
    return principal


def get_case_for_user(case_id: int, principal: PrincipalDep, session: SessionDep) -> Case:
    """The one gate to a case: 404 when the case is outside the user's reach, so that its
    existence is not revealed. Opening a restricted case is itself audited."""
    return _reachable(principal, session, case_service.find(session, case_id))


def _reachable(principal: Principal, session: Session, case: Case | None) -> Case:
    return access.reach(session, principal, case)


CaseDep = Annotated[Case, Depends(get_case_for_user)]


@contextmanager
def case_for_reading(
    request: Request, case_id: int, *, related: bool = False
) -> Iterator[tuple[Principal, Session, Case]]:
    """The same gate as CaseDep, for the busiest read endpoints: the principal, a read-only
    session and the case (with its team and worker only if `related`), resolved in the
    endpoint's own thread and one session instead of a thread hop and a session per
    dependency. Run it through `db.readers()`."""
    with get_query_sessionmaker()() as session:
        principal = _principal(request, session)
        yield principal, session, _reachable(
            principal, session, case_service.find(session, case_id, related=related)
        )


def get_editable_case(case: CaseDep, principal: PrincipalDep) -> Case:
    if not access.can_edit(principal, case):
        if principal.token is not None:
            raise Forbidden("This API token can only read. Ask for a token with the write scope.")
        raise Forbidden(
            "You can read this case but not change it. Cases are changed by the allocated "
            "social worker or the team manager."
        )
    return case


EditableCaseDep = Annotated[Case, Depends(get_editable_case)]


def get_statutory_case(case: CaseDep, principal: PrincipalDep) -> Case:
    """A case whose statutory record (census details, events) this person may correct."""
    if not access.corrects_statutory(principal, case):
        return get_editable_case(case, principal)
    return case


StatutoryCaseDep = Annotated[Case, Depends(get_statutory_case)]


def if_match(if_match: Annotated[str | None, Header(alias="If-Match")] = None) -> str | None:
    return if_match


def get_mapping(mapping_id: int, case: CaseDep, session: SessionDep) -> Mapping:
    """A mapping on a case the user may see (the case gate runs first)."""
    return mapping_service.load(session, case=case, mapping_id=mapping_id)


MappingDep = Annotated[Mapping, Depends(get_mapping)]


def get_editable_mapping(mapping_id: int, case: EditableCaseDep, session: SessionDep) -> Mapping:
    return mapping_service.load(session, case=case, mapping_id=mapping_id)


EditableMappingDep = Annotated[Mapping, Depends(get_editable_mapping)]


def get_editable_mapping_alone(mapping_id: int, case: EditableCaseDep,
                               session: SessionDep) -> Mapping:
    """As get_editable_mapping, without who took part: for changes to what is inside a
    mapping (items, pairs, scores), two queries fewer on every addition."""
    return mapping_service.load(session, case=case, mapping_id=mapping_id, participants=False)


EditableMappingAloneDep = Annotated[Mapping, Depends(get_editable_mapping_alone)]
