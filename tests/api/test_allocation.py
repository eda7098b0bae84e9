"""Who works on a case through the API: a write token adds cover (which then reaches the
case), ends it with If-Match, and moves the case."""

from datetime import date, timedelta

from app.services import auth
from app.services.audit import SYSTEM
from tests.factories import login, make_case, make_team, make_user


def test_cover_and_moves_through_the_api(client, session):
    north, south = make_team(session, name="North"), make_team(session, name="South")
    worker = make_user(session, team=north)
    cover = make_user(session, team=south, name="Dee Cover")
    case = make_case(session, team=north, worker=worker)
    secret, _ = auth.issue_token(session, name="HR", scopes=["read", "write"], team_id=north.id,
                                 expires_in_days=30, actor=SYSTEM)
    reader, _ = auth.issue_token(session, name="BI", scopes=["read"], team_id=north.id,
                                 expires_in_days=30, actor=SYSTEM)
    session.commit()
    bearer = {"Authorization": f"Bearer {secret}"}
    url = f"/api/v1/cases/{case.id}/allocation"
    today = date.today()

    read_only = client.post(f"{url}/colleagues", headers={"Authorization": f"Bearer {reader}"},
                            json={"user_id": cover.id, "kind": "co_worker",
                                  "starts_on": today.isoformat()})
    assert read_only.status_code == 403
    bad = client.post(f"{url}/colleagues", headers=bearer, json={
        "user_id": cover.id, "kind": "cover", "starts_on": today.isoformat()})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "ends_on"
    added = client.post(f"{url}/colleagues", headers=bearer, json={
        "user_id": cover.id, "kind": "cover", "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=5)).isoformat(), "note": "leave"})
    assert added.status_code == 201 and added.json()["running"] is True
    etag = added.headers["etag"]

    dee = login(client, cover)
    assert client.get(f"/api/v1/cases/{case.id}", headers={"X-CSRF-Token": dee}).status_code == 200
    client.cookies.clear()

    listed = client.get(url, headers=bearer).json()
    assert [c["user"]["name"] for c in listed["colleagues"]] == ["Dee Cover"]
    end_url = f"{url}/colleagues/{added.json()['id']}/end"
    assert client.post(end_url, headers=bearer, json={}).status_code == 428
    ended = client.post(end_url, headers={**bearer, "If-Match": etag},
                        json={"ends_on": (today + timedelta(days=1)).isoformat()})
    assert ended.status_code == 200 and ended.json()["ends_on"] == (
        today + timedelta(days=1)).isoformat()
    assert client.post(end_url, headers={**bearer, "If-Match": etag}, json={}).status_code == 412

    case_etag = client.get(url, headers=bearer).headers["etag"]
    moved = client.put(url, headers={**bearer, "If-Match": case_etag},
                       json={"team_id": north.id, "worker_id": None})
    assert moved.status_code == 200 and moved.json()["worker"] is None
    again = client.put(url, headers={**bearer, "If-Match": case_etag},
                       json={"team_id": north.id, "worker_id": worker.id})
    assert again.status_code == 412
