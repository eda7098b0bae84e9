"""Accounts, teams and tokens through the API: for an administrator signed in to the service,
never for an API token; If-Match on changes; problem details with the field path."""

from sqlalchemy import select

from app.models.enums import Role
from app.models.user import User
from app.services import auth
from app.services.audit import SYSTEM
from tests.factories import login, make_team, make_user


def _admin(client, session):
    team = make_team(session, name="North")
    admin = make_user(session, role=Role.administrator)
    session.commit()
    return team, {"X-CSRF-Token": login(client, admin)}


def test_an_administrator_adds_and_changes_an_account_with_if_match(client, session):
    team, headers = _admin(client, session)
    made = client.post("/api/v1/users", headers=headers, json={
        "name": "Jo Newman", "email": "jo@example.org", "role": "supervisor",
        "team_id": team.id})
    assert made.status_code == 201
    body = made.json()
    assert body["user"]["must_change_password"] is True and len(body["temporary_password"]) == 19
    assert made.headers["cache-control"] == "no-store"
    url = made.headers["location"]
    etag = client.get(url, headers=headers).headers["etag"]

    assert client.patch(url, headers=headers, json={"active": False}).status_code == 428
    changed = client.patch(url, headers={**headers, "If-Match": etag},
                           json={"role": "practitioner", "phone": "01632 960 111"})
    assert changed.status_code == 200 and changed.json()["role"] == "practitioner"
    stale = client.patch(url, headers={**headers, "If-Match": etag}, json={"active": False})
    assert stale.status_code == 412
    session.commit()
    session.expire_all()
    jo = session.scalars(select(User).where(User.email == "jo@example.org")).one()
    assert jo.active and jo.role == Role.practitioner

    dup = client.post("/api/v1/users", headers=headers, json={
        "name": "Jo Again", "email": "JO@example.org", "role": "service_manager"})
    assert dup.status_code == 422
    assert dup.headers["content-type"].startswith("application/problem+json")
    assert dup.json()["errors"] == [{"field": "email", "loc": ["email"], "message":
                                     "Another account already uses this email address"}]
    no_team = client.post("/api/v1/users", headers=headers, json={
        "name": "Al", "email": "al@example.org", "role": "practitioner"})
    assert [e["field"] for e in no_team.json()["errors"]] == ["team_id"]

    reset = client.post(f"{url}/password", headers=headers)
    assert reset.status_code == 200 and reset.json()["temporary_password"]
    teams = client.post("/api/v1/teams", headers=headers, json={"name": "South"})
    assert teams.status_code == 201
    assert [t["name"] for t in client.get("/api/v1/teams", headers=headers).json()] == [
        "North", "South"]


def test_no_api_token_manages_accounts_or_tokens(client, session):
    make_team(session)
    secret, _ = auth.issue_token(session, name="Hub", scopes=["read", "write"], team_id=None,
                                 expires_in_days=30, actor=SYSTEM)
    session.commit()
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/users", headers=bearer).status_code == 404
    assert client.post("/api/v1/users", headers=bearer, json={
        "name": "X", "email": "x@example.org", "role": "administrator"}).status_code == 404
    assert client.post("/api/v1/tokens", headers=bearer, json={
        "name": "More", "scopes": ["write"], "expires_in_days": 30}).status_code == 404
    assert client.get("/api/v1/teams", headers=bearer).status_code == 200
    session.commit()
    assert session.scalar(select(User.id).where(User.email == "x@example.org")) is None


def test_an_administrator_issues_and_revokes_a_token_through_the_api(client, session):
    team, headers = _admin(client, session)
    issued = client.post("/api/v1/tokens", headers=headers, json={
        "name": "Hub", "scopes": ["write"], "team_id": team.id, "expires_in_days": 10})
    assert issued.status_code == 201
    body = issued.json()
    assert body["token"]["scopes"] == ["read", "write"] and body["secret"].startswith("sr_")
    listed = client.get("/api/v1/tokens", headers=headers).json()
    assert [t["name"] for t in listed] == ["Hub"] and body["secret"] not in str(listed)
    forever = client.post("/api/v1/tokens", headers=headers, json={
        "name": "Hub", "scopes": ["read"], "expires_in_days": 1000})
    assert forever.status_code == 422
    assert forever.json()["errors"][0]["field"] == "expires_in_days"
    revoked = client.post(f"/api/v1/tokens/{body['token']['id']}/revoke", headers=headers)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert client.get("/api/v1/teams", headers={
        "Authorization": f"Bearer {body['secret']}"}).status_code == 401
