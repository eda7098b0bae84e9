"""Who may use signing in and out, the home page, health and the API description.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    ROLES,
    OtherRoutes,
    other_route_test,
)

OTHER_ROUTES: OtherRoutes = {
    ("GET", "/api/v1/openapi.json"): dict.fromkeys(ROLES, 200),
    ("GET", "/healthz"): dict.fromkeys(ROLES, 200),
    ("GET", "/login"): dict.fromkeys(ROLES, 200),
    ("POST", "/login"): dict.fromkeys(ROLES, 422),  # empty form: asks for email and password,
    ("POST", "/logout"): dict.fromkeys(ROLES, 303),
    ("GET", "/"): dict.fromkeys(ROLES, 303),
}

test_other_route = other_route_test(OTHER_ROUTES)
