"""Passwords, sign-in with back-off, browser sessions and API tokens."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload

from app.config import get_settings
from app.errors import FieldError, Invalid, Unauthorised
from app.models.auth import ApiToken, LoginAttempt, UserSession
from app.models.base import utcnow
from app.models.user import User
from app.services import audit
from app.services.audit import Actor

_settings = get_settings()
_hasher = PasswordHasher(
    time_cost=_settings.argon2_time_cost,
    memory_cost=_settings.argon2_memory_cost,
    parallelism=_settings.argon2_parallelism,
)
# After this many failures for one email in the window, each further try must wait.
FREE_FAILURES = 5
WINDOW = timedelta(minutes=15)
MAX_DELAY = timedelta(minutes=15)
TOKEN_PREFIX = "sr_"


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise Invalid([FieldError(["password"], "Password must be at least 12 characters")])
    return _hasher.hash(password)


def verify(hash_: str | None, password: str) -> bool:
    if not hash_:
        _hasher.hash(password)  # same work either way, so timing does not reveal accounts
        return False
    try:
        return _hasher.verify(hash_, password)
    except (VerificationError, InvalidHashError):
        return False


def _wait_needed(session: Session, email: str, now: datetime) -> timedelta:
    failures = (
        session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(
                LoginAttempt.email == email,
                LoginAttempt.succeeded.is_(False),
                LoginAttempt.at > now - WINDOW,
            )
        )
        or 0
    )
    if failures < FREE_FAILURES:
        return timedelta(0)
    last = session.scalar(
        select(func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.succeeded.is_(False)
        )
    )
    delay = min(MAX_DELAY, timedelta(seconds=30 * 2 ** (failures - FREE_FAILURES)))
    if last is None:
        return timedelta(0)
    if last.tzinfo is None:
        from datetime import UTC

        last = last.replace(tzinfo=UTC)
    remaining = last + delay - now
    return max(remaining, timedelta(0))


class LoginRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


#: The longest email address there can be (RFC 5321), and the longest password we hash.
MAX_EMAIL = 254
MAX_PASSWORD = 1024


def authenticate(session: Session, *, email: str, password: str) -> User:
    """Check a password. After five failures in 15 minutes the account must wait, doubling each
    time, so guessing is slow; the message never says whether the email exists."""
    email = email.strip().lower()
    if len(email) > MAX_EMAIL or len(password) > MAX_PASSWORD:
        # No account has such an email, and hashing a password that long would only burn
        # time: the same answer as any wrong email or password.
        raise LoginRefused("The email address or password is not right. Check them and try again.")
    now = utcnow()
    wait = _wait_needed(session, email, now)
    if wait > timedelta(0):
        minutes = max(1, int(wait.total_seconds() // 60) + (1 if wait.total_seconds() % 60 else 0))
        raise LoginRefused(
            f"Too many attempts to sign in with this email. Wait {minutes} minute"
            f"{'s' if minutes != 1 else ''} and try again, or ask an administrator to reset "
            "your password."
        )
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    ok = verify(user.password_hash if user else None, password)
    session.add(LoginAttempt(email=email, at=now, succeeded=ok and bool(user and user.active)))
    if not ok or user is None or not user.active:
        if user is not None:
            user.failed_logins += 1
        raise LoginRefused("The email address or password is not right. Check them and try again.")
    user.failed_logins = 0
    user.last_login_at = now
    if _hasher.check_needs_rehash(user.password_hash or ""):
        user.password_hash = _hasher.hash(password)
    return user


def start_session(session: Session, *, user: User) -> tuple[str, UserSession]:
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    row = UserSession(
        token_hash=sha256(secret),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=now + timedelta(seconds=get_settings().session_max_age_seconds),
        last_seen_at=now,
    )
    session.add(row)
    session.flush()
    return secret, row


# Idle sessions end after this long without a request, whatever their absolute expiry.
IDLE_TIMEOUT = timedelta(minutes=60)


# Every request runs one of these two lookups, so each statement is built (and its cache key
# worked out) once, with the hash as a bound parameter.
_SESSION_BY_HASH = (
    select(UserSession)
    .where(UserSession.token_hash == bindparam("token_hash"))
    .options(joinedload(UserSession.user))
)
_TOKEN_BY_HASH = select(ApiToken).where(ApiToken.token_hash == bindparam("token_hash"))


def session_user(session: Session, *, secret: str) -> UserSession | None:
    row = session.scalar(_SESSION_BY_HASH, {"token_hash": sha256(secret)})
    now = utcnow()
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    if row.last_seen_at + IDLE_TIMEOUT <= now or not row.user.active:
        return None
    if now - row.last_seen_at > timedelta(minutes=1):
        row.last_seen_at = now  # coarse, so reads do not write on every request
    return row


def end_session(session: Session, *, secret: str) -> None:
    row = session.scalar(select(UserSession).where(UserSession.token_hash == sha256(secret)))
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()


def issue_token(
    session: Session,
    *,
    name: str,
    scopes: list[str],
    team_id: int | None,
    expires_in_days: int | None,
    actor: Actor,
    created_by_id: int | None = None,
) -> tuple[str, ApiToken]:
    """Returns the secret (shown once) and the stored token."""
    bad = [s for s in scopes if s not in ("read", "write")]
    if bad or not scopes:
        raise Invalid([FieldError(["scopes"], "Scopes must be read, write or both")])
    if "write" in scopes and "read" not in scopes:
        scopes = ["read", *scopes]
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name,
        token_hash=sha256(secret),
        prefix=secret[:10],
        scopes=sorted(set(scopes)),
        team_id=team_id,
        created_by_id=created_by_id,
        expires_at=utcnow() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity_type="api_token",
        entity_id=token.id,
        case_id=None,
        summary=f"issued API token '{name}' ({', '.join(token.scopes)})",
        changes={
            "scopes": {"before": None, "after": token.scopes},
            "team_id": {"before": None, "after": team_id},
        },
    )
    return secret, token


def revoke_token(session: Session, *, token: ApiToken, actor: Actor) -> None:
    _trusted.pop(token.token_hash, None)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(
            session,
            actor=actor,
            action="revoke",
            entity_type="api_token",
            entity_id=token.id,
            case_id=None,
            summary=f"revoked API token '{token.name}'",
        )


@dataclass(frozen=True)
class TokenGrant:
    """What a request needs of its API token, copied out of the token's row."""

    id: int
    name: str
    team_id: int | None
    scopes: frozenset[str]
    expires_at: datetime | None

    @classmethod
    def of(cls, token: ApiToken) -> TokenGrant:
        return cls(token.id, token.name, token.team_id, frozenset(token.scopes), token.expires_at)


#: A token found good is trusted by this process for this long before its row is read again, so
#: a busy system's requests are not each one more query. A token revoked through this process is
#: forgotten at once; revoked through another replica, it is refused here within this time.
TOKEN_TRUST_S = 1.0
#: Past this many tokens trusted at once the process forgets them all (only good tokens are kept,
#: so this bounds memory, not guessing).
_TRUSTED_MAX = 1000
_trusted: dict[str, tuple[float, TokenGrant]] = {}


def forget_tokens() -> None:
    """Trust no token without reading its row again (the tests empty the database between them)."""
    _trusted.clear()


def token_for(session: Session, *, secret: str) -> TokenGrant:
    token_hash = sha256(secret)
    now = utcnow()
    held = _trusted.get(token_hash)
    if held is not None and time.monotonic() - held[0] < TOKEN_TRUST_S:
        grant = held[1]
    else:
        _trusted.pop(token_hash, None)
        token = session.scalar(_TOKEN_BY_HASH, {"token_hash": token_hash})
        if token is None:
            raise Unauthorised("The API token is not recognised.")
        if token.revoked_at is not None:
            raise Unauthorised("The API token has been revoked.")
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            token.last_used_at = now  # written apart from the request (deps._note_use)
        grant = TokenGrant.of(token)
        if len(_trusted) >= _TRUSTED_MAX:
            _trusted.clear()
        _trusted[token_hash] = (time.monotonic(), grant)
    if grant.expires_at is not None and grant.expires_at <= now:
        raise Unauthorised("The API token has expired.")
    return grant
