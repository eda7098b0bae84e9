"""Who may use the plain-language checker and the jargon list.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    ROLES,
    OtherRoutes,
    Role,
    other_route_test,
)

OTHER_ROUTES: OtherRoutes = {
    ("POST", "/api/v1/plain-language/check"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/v1/jargon"): dict.fromkeys(ROLES, 200),
    ("POST", "/plain-language/check"): dict.fromkeys(ROLES, 200),
    ("GET", "/admin/jargon"): {**dict.fromkeys(ROLES, 404), Role.administrator: 200},
    ("GET", "/admin/jargon/new"): {**dict.fromkeys(ROLES, 404), Role.administrator: 200},
    ("POST", "/admin/jargon"): {**dict.fromkeys(ROLES, 404), Role.administrator: 303},
    ("GET", "/admin/jargon/{term_id}/edit"): {
        **dict.fromkeys(ROLES, 404),
        Role.administrator: 200,
    },
    ("POST", "/admin/jargon/{term_id}"): {**dict.fromkeys(ROLES, 404), Role.administrator: 303},
}

test_other_route = other_route_test(OTHER_ROUTES)
