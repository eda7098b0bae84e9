"""Who may use team boards and the meeting view.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    OtherRoutes,
    Role,
    _ui,
    case_route_test,
    other_route_test,
)

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/meeting"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k, "/meeting"), {})
    ),
}

OTHER_ROUTES: OtherRoutes = {
    ("GET", "/teams/{team_id}/board"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/teams/{team_id}/board.csv"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/api/v1/teams/{team_id}/board"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/api/v1/teams/{team_id}/board.csv"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/teams"): {
        Role.practitioner: 404,
        Role.supervisor: 303,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
}

test_case_route = case_route_test(CASE_ROUTES)

test_other_route = other_route_test(OTHER_ROUTES)
