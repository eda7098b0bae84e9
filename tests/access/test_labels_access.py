"""Who may use category names for a team or the whole service.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    ROLES,
    OtherRoutes,
    Role,
    other_route_test,
)

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
}

test_other_route = other_route_test(OTHER_ROUTES)
