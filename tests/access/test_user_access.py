"""Who may manage staff accounts and teams (administrators only; anyone else is told the page
does not exist), and who may change their own password (everyone).
Every route × every role (see tests/access/world.py)."""

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
    admin_only,
    other_route_test,
)
from tests.factories import PASSWORD, make_user

OTHER_ROUTES: OtherRoutes = {
    ("GET", "/admin/users/new"): admin_only(200),
    ("POST", "/admin/users"): admin_only(201),
    ("GET", "/admin/users/{user_id}"): admin_only(200),
    ("POST", "/admin/users/{user_id}"): admin_only(303),
    ("POST", "/admin/users/{user_id}/password"): admin_only(200),
    ("POST", "/admin/teams"): admin_only(303),
    ("GET", "/api/v1/users"): admin_only(200),
    ("POST", "/api/v1/users"): admin_only(201),
    ("GET", "/api/v1/users/{user_id}"): admin_only(200),
    ("PATCH", "/api/v1/users/{user_id}"): admin_only(200),
    ("POST", "/api/v1/users/{user_id}/password"): admin_only(200),
    ("GET", "/api/v1/teams"): dict.fromkeys(ROLES, 200),
    ("POST", "/api/v1/teams"): admin_only(201),
    ("GET", "/account/password"): dict.fromkeys(ROLES, 200),
    ("POST", "/account/password"): dict.fromkeys(ROLES, 303),
}


def _other_user(session: Session, team: Team) -> User:
    user = make_user(session, role=Role.practitioner, team=team, name="Sam Other")
    session.commit()
    return user


def _new_user(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
    return "/admin/users", _form(w, name="New Person", email="new.person@example.org",
                                 role="practitioner", team_id=str(team.id))


def _edit_user(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
    other = _other_user(s, team)
    return f"/admin/users/{other.id}", _form(
        w, name="Sam Other", email=other.email, role="supervisor", team_id=str(team.id),
        active="yes", version=str(other.version))


def _user_path(suffix: str, **form: Any) -> OtherCall:
    def call(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
        other = _other_user(s, team)
        return suffix.format(id=other.id), _form(w, **form)
    return call


def _api_new_user(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
    return "/api/v1/users", _json(w, {"name": "New Person", "email": "new.person@example.org",
                                      "role": "practitioner", "team_id": team.id})


def _api_get_user(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
    return f"/api/v1/users/{_other_user(s, team).id}", {}


def _api_patch_user(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
    other = _other_user(s, team)
    return f"/api/v1/users/{other.id}", _json(w, {"active": False},
                                              f'"user-{other.id}-v{other.version}"')


def _api_reset(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
    return f"/api/v1/users/{_other_user(s, team).id}/password", _json(w)


def _own_password(w: World, s: Session, team: Team, me: User) -> tuple[str, dict[str, Any]]:
    return "/account/password", _form(w, current=PASSWORD, new="a brand new long password",
                                      confirm="a brand new long password")


CALLS: dict[tuple[str, str], OtherCall] = {
    ("POST", "/admin/users"): _new_user,
    ("GET", "/admin/users/{user_id}"): _user_path("/admin/users/{id}"),
    ("POST", "/admin/users/{user_id}"): _edit_user,
    ("POST", "/admin/users/{user_id}/password"): _user_path("/admin/users/{id}/password"),
    ("POST", "/admin/teams"): lambda w, s, t, m: ("/admin/teams", _form(w, team_name="East")),
    ("POST", "/api/v1/users"): _api_new_user,
    ("GET", "/api/v1/users/{user_id}"): _api_get_user,
    ("PATCH", "/api/v1/users/{user_id}"): _api_patch_user,
    ("POST", "/api/v1/users/{user_id}/password"): _api_reset,
    ("POST", "/api/v1/teams"): lambda w, s, t, m: ("/api/v1/teams", _json(w, {"name": "East"})),
    ("POST", "/account/password"): _own_password,
}

test_other_route = other_route_test(OTHER_ROUTES, CALLS)
