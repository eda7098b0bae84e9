"""Who may use the administrator's home.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    OtherRoutes,
    Role,
    other_route_test,
)

OTHER_ROUTES: OtherRoutes = {
    ("GET", "/admin"): {
        Role.practitioner: 404,
        Role.supervisor: 404,
        Role.service_manager: 404,
        Role.administrator: 200,
    },
}

test_other_route = other_route_test(OTHER_ROUTES)
