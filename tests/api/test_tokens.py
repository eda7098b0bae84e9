"""API tokens: bearer, hashed, scoped, expiring and revocable; last use recorded."""

from datetime import timedelta

from sqlalchemy import func, select, update

from app.models.auth import ApiToken
from app.models.base import utcnow
from app.services import auth
from app.services.audit import SYSTEM
from tests.factories import make_case, make_team, make_token


def test_missing_or_unknown_token_is_401(client):
    r = client.get("/api/v1/cases")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert (
        client.get("/api/v1/cases", headers={"Authorization": "Bearer sr_nope"}).status_code == 401
    )


def test_revoked_token_is_401(client, session):
    team = make_team(session)
    secret = make_token(session, scopes=["read"], team=team)
    session.commit()
    h = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/cases", headers=h).status_code == 200
    token = session.scalar(select(ApiToken))
    auth.revoke_token(session, token=token, actor=SYSTEM)
    session.commit()
    r = client.get("/api/v1/cases", headers=h)
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_a_token_revoked_by_another_replica_is_refused_once_its_trust_runs_out(
    client, session, monkeypatch
):
    team = make_team(session)
    secret = make_token(session, scopes=["read"], team=team)
    session.commit()
    h = {"Authorization": f"Bearer {secret}"}
    monkeypatch.setattr(auth, "TOKEN_TRUST_S", 3600.0)
    assert client.get("/api/v1/cases", headers=h).status_code == 200
    # Another app process revokes it: this process learns of it only from the database.
    session.execute(update(ApiToken).values(revoked_at=func.now()))
    session.commit()
    # Within the trust time this process still takes it (one query fewer per request) ...
    assert client.get("/api/v1/cases", headers=h).status_code == 200
    # ... and once the time is up it reads the row again and refuses the token.
    monkeypatch.setattr(auth, "TOKEN_TRUST_S", 0.0)
    r = client.get("/api/v1/cases", headers=h)
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_a_trusted_token_is_still_refused_the_moment_it_expires(client, session, monkeypatch):
    team = make_team(session)
    secret = make_token(session, scopes=["read"], team=team)
    token = session.scalar(select(ApiToken))
    token.expires_at = utcnow() + timedelta(seconds=1)
    session.commit()
    h = {"Authorization": f"Bearer {secret}"}
    monkeypatch.setattr(auth, "TOKEN_TRUST_S", 3600.0)
    assert client.get("/api/v1/cases", headers=h).status_code == 200
    monkeypatch.setattr(auth, "utcnow", lambda: token.expires_at)
    r = client.get("/api/v1/cases", headers=h)
    assert r.status_code == 401 and "expired" in r.json()["detail"]


def test_expired_token_is_401(client, session):
    team = make_team(session)
    secret = make_token(session, scopes=["read"], team=team)
    token = session.scalar(select(ApiToken))
    token.expires_at = token.created_at - timedelta(days=1)
    session.commit()
    r = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 401 and "expired" in r.json()["detail"]


def test_read_only_token_gets_403_on_writes_and_nothing_changes(client, session):
    team = make_team(session)
    case = make_case(session, team=team, family_name="Harper")
    secret = make_token(session, scopes=["read"], team=team)
    session.commit()
    h = {"Authorization": f"Bearer {secret}"}
    etag = client.get(f"/api/v1/cases/{case.id}", headers=h).headers["ETag"]
    r = client.patch(
        f"/api/v1/cases/{case.id}", json={"family_name": "X"}, headers={**h, "If-Match": etag}
    )
    assert r.status_code == 403 and "only read" in r.json()["detail"]
    assert (
        client.post(
            "/api/v1/cases", json={"family_name": "X", "team_id": team.id}, headers=h
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/cases/{case.id}", headers=h).json()["family_name"] == "Harper"


def test_team_token_does_not_reach_other_teams_and_last_use_is_recorded(client, session):
    t1, t2 = make_team(session), make_team(session)
    mine, theirs = make_case(session, team=t1), make_case(session, team=t2)
    secret = make_token(session, scopes=["read"], team=t1)
    session.commit()
    h = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"/api/v1/cases/{mine.id}", headers=h).status_code == 200
    assert client.get(f"/api/v1/cases/{theirs.id}", headers=h).status_code == 404
    session.expire_all()
    assert session.scalar(select(ApiToken)).last_used_at is not None


def test_token_is_stored_only_as_a_hash(session):
    team = make_team(session)
    secret = make_token(session, scopes=["read"], team=team)
    token = session.scalar(select(ApiToken))
    assert secret not in (token.token_hash, token.prefix) and token.token_hash == auth.sha256(
        secret
    )
