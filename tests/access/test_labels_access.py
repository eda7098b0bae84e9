"""Who may use category names, and what each kind of mapping is expected to have, for a team
or the whole service.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.models.team import Team
from app.models.user import User
from tests.access.world import (
    ROLES,
    OtherCall,
    OtherRoutes,
    Role,
    World,
    _form,
    _json,
    other_route_test,
)

SERVICE_WIDE = {Role.practitioner: 403, Role.supervisor: 403, Role.service_manager: "ok",
                Role.administrator: "ok"}
TEAM = {**SERVICE_WIDE, Role.supervisor: "ok"}


def _rule(base: dict[Role, Any], ok: int) -> dict[Role, int]:
    return {r: ok if v == "ok" else v for r, v in base.items()}

OTHER_ROUTES: OtherRoutes = {
    ("GET", "/api/v1/labels"): dict.fromkeys(ROLES, 200),
    ("PUT", "/api/v1/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 403,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("GET", "/api/v1/teams/{team_id}/labels"): dict.fromkeys(ROLES, 200),
    ("GET", "/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 403,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("POST", "/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 403,
        Role.service_manager: 303,
        Role.administrator: 303,
    },
    ("GET", "/teams/{team_id}/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("POST", "/teams/{team_id}/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 303,
        Role.service_manager: 303,
        Role.administrator: 303,
    },
    ("PUT", "/api/v1/teams/{team_id}/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("GET", "/api/v1/expected-categories"): dict.fromkeys(ROLES, 200),
    ("PUT", "/api/v1/expected-categories"): _rule(SERVICE_WIDE, 200),
    ("GET", "/api/v1/teams/{team_id}/expected-categories"): dict.fromkeys(ROLES, 200),
    ("PUT", "/api/v1/teams/{team_id}/expected-categories"): _rule(TEAM, 200),
    ("GET", "/expected"): _rule(SERVICE_WIDE, 200),
    ("POST", "/expected"): _rule(SERVICE_WIDE, 303),
    ("GET", "/teams/{team_id}/expected"): _rule(TEAM, 200),
    ("POST", "/teams/{team_id}/expected"): _rule(TEAM, 303),
}

_CLOSURE = {"closure": ["danger_statement", "existing_safety"]}


def _put(path: str) -> OtherCall:
    def call(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
        return path.replace("{team_id}", str(team.id)), _json(w, {"expected": _CLOSURE}, "*")
    return call


def _post(path: str) -> OtherCall:
    def call(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
        return path.replace("{team_id}", str(team.id)), _form(
            w, version="0", expect="closure:existing_safety")
    return call


CALLS: dict[tuple[str, str], OtherCall] = {
    ("PUT", "/api/v1/expected-categories"): _put("/api/v1/expected-categories"),
    ("PUT", "/api/v1/teams/{team_id}/expected-categories"): _put(
        "/api/v1/teams/{team_id}/expected-categories"),
    ("POST", "/expected"): _post("/expected"),
    ("POST", "/teams/{team_id}/expected"): _post("/teams/{team_id}/expected"),
}

test_other_route = other_route_test(OTHER_ROUTES, CALLS)
