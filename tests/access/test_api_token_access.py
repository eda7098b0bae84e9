"""Who may issue and revoke API tokens: administrators only.
Every route × every role (see tests/access/world.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.models.team import Team
from app.models.user import User
from app.services import auth
from app.services.audit import SYSTEM
from tests.access.world import (
    OtherCall,
    OtherRoutes,
    World,
    _form,
    _json,
    admin_only,
    other_route_test,
)

OTHER_ROUTES: OtherRoutes = {
    ("GET", "/admin/tokens/new"): admin_only(200),
    ("POST", "/admin/tokens"): admin_only(201),
    ("POST", "/admin/tokens/{token_id}/revoke"): admin_only(303),
    ("GET", "/api/v1/tokens"): admin_only(200),
    ("POST", "/api/v1/tokens"): admin_only(201),
    ("POST", "/api/v1/tokens/{token_id}/revoke"): admin_only(200),
}


def _token_id(s: Session) -> int:
    _, token = auth.issue_token(s, name="Data hub", scopes=["read"], team_id=None,
                                expires_in_days=30, actor=SYSTEM)
    s.commit()
    return token.id


def _revoke(prefix: str, form: bool) -> OtherCall:
    def call(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
        return f"{prefix}/{_token_id(s)}/revoke", _form(w) if form else _json(w)
    return call


CALLS: dict[tuple[str, str], OtherCall] = {
    ("POST", "/admin/tokens"): lambda w, s, t, m: ("/admin/tokens", _form(
        w, name="Data hub", scopes="read", team_id=str(t.id), expires_in_days="90")),
    ("POST", "/admin/tokens/{token_id}/revoke"): _revoke("/admin/tokens", True),
    ("POST", "/api/v1/tokens"): lambda w, s, t, m: ("/api/v1/tokens", _json(
        w, {"name": "Data hub", "scopes": ["read"], "expires_in_days": 90})),
    ("POST", "/api/v1/tokens/{token_id}/revoke"): _revoke("/api/v1/tokens", False),
}

test_other_route = other_route_test(OTHER_ROUTES, CALLS)
