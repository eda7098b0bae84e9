"""Issue #4 through /api/v1: the mapping flow an integrating system would drive."""

from __future__ import annotations

from app.models.enums import Role
from tests.factories import (
    login,
    make_adult,
    make_case,
    make_child,
    make_team,
    make_token,
    make_user,
)


def _setup(session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    manager = make_user(session, team=team, role=Role.supervisor, name="Chris Dale")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    jade = make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    return {"Authorization": f"Bearer {token}"}, case, mia, jade, manager


def test_the_mapping_flow(client, session):
    auth, case, mia, jade, manager = _setup(session)
    base = f"/api/v1/cases/{case.id}/mappings"

    created = client.post(
        base,
        json={"kind": "initial_assessment", "participants": [{"person_id": jade.id}]},
        headers=auth,
    )
    assert created.status_code == 201, created.text
    m = created.json()
    url = f"{base}/{m['id']}"
    assert created.headers["Location"] == url
    assert m["participants"][0]["name"] == "Jade Harper"
    assert {s["code"] for s in m["signals"]} >= {"empty_category", "no_scaling"}

    harm = client.post(
        f"{url}/items",
        json={
            "category": "harm",
            "harm_adult_action": "Lee hit Mia on the arm",
            "child_ids": [mia.id],
        },
        headers=auth,
    )
    assert harm.status_code == 201, harm.text
    danger = client.post(
        f"{url}/items",
        json={
            "category": "danger_statement",
            "ds_who_worried": "Children's Services",
            "ds_behaviour": "Lee may hit Mia again when he and Jade argue",
            "ds_impact": "Mia could be badly hurt.",
            "family_view": "disagrees",
            "family_view_words": "It was a one-off",
        },
        headers=auth,
    ).json()
    read = client.get(url, headers=auth).json()
    codes = {s["code"] for s in read["signals"]}
    assert "danger_without_goal" in codes and "harm_without_impact" in codes

    goal = client.post(
        f"{url}/items",
        json={
            "category": "safety_goal",
            "sg_carers_doing": "Jade and Lee sort out arguments away from Mia",
            "pairs_with_id": danger["id"],
        },
        headers=auth,
    )
    assert goal.status_code == 201
    # A second goal for the same danger statement is a rule error, not a silent re-pair.
    twice = client.post(
        f"{url}/items",
        json={"category": "safety_goal", "sg_carers_doing": "Other", "pairs_with_id": danger["id"]},
        headers=auth,
    )
    assert twice.status_code == 409
    assert twice.headers["content-type"] == "application/problem+json"

    for kind, name, score in (("worker", "Sam Patel", 3), ("parent", None, 7)):
        body = {"danger_id": danger["id"], "rater_kind": kind, "score": score}
        body |= {"rater_name": name} if name else {"rater_person_id": jade.id}
        r = client.post(f"{url}/ratings", json=body, headers=auth)
        assert r.status_code == 201, r.text
    bad = client.post(
        f"{url}/ratings",
        json={"rater_kind": "worker", "rater_name": "Sam", "score": 11},
        headers=auth,
    )
    assert bad.status_code == 422
    assert [e["loc"] for e in bad.json()["errors"]] == [["body", "score"]]

    full = client.get(url, headers=auth)
    body = full.json()
    assert body["pairs"] == [{"danger_id": danger["id"], "goal_id": goal.json()["id"]}]
    assert sorted((r["rater_name"], r["score"]) for r in body["ratings"]) == [
        ("Jade Harper", 7),
        ("Sam Patel", 3),
    ]
    assert len(body["columns"]["worried"]["harm"]) == 1
    codes = {s["code"] for s in body["signals"]}
    assert "danger_without_goal" not in codes and "no_scaling" not in codes

    # A stale write: 412, and nothing changes.
    etag = full.headers["ETag"]
    item_etag = client.patch(
        f"{url}/items/{danger['id']}",
        json={"ds_impact": "Mia could be badly hurt or frightened."},
        headers={**auth, "If-Match": f'"mappingitem-{danger["id"]}-v{danger["version"]}"'},
    )
    assert item_etag.status_code == 200, item_etag.text
    stale = client.patch(
        f"{url}/items/{danger['id']}",
        json={"ds_impact": "Overwritten?"},
        headers={**auth, "If-Match": f'"mappingitem-{danger["id"]}-v{danger["version"]}"'},
    )
    assert stale.status_code == 412
    stale_mapping = client.patch(url, json={"title": "New"}, headers={**auth, "If-Match": etag})
    assert stale_mapping.status_code == 412
    now = client.get(url, headers=auth).json()
    assert now["columns"]["worried"]["danger_statement"][0]["ds_impact"] == (
        "Mia could be badly hurt or frightened."
    )
    assert now["title"] is None

    # Only the team manager signs off: the worker is refused, and nothing changes.
    cur = client.get(url, headers=auth)
    refused = client.post(f"{url}/sign-off", headers={**auth, "If-Match": cur.headers["ETag"]})
    assert refused.status_code == 403
    assert client.get(url, headers=auth).json()["status"] == "draft"

    # Agree, then start a review: items and pairs come forward; the earlier one is unchanged.
    cur = client.get(url, headers=auth)
    agreed = client.post(
        f"{url}/agree",
        json={"note": "Jade agreed"},
        headers={**auth, "If-Match": cur.headers["ETag"]},
    )
    assert agreed.status_code == 200 and agreed.json()["status"] == "agreed"
    locked = client.post(
        f"{url}/items", json={"category": "grey_area", "text": "x"}, headers=auth
    )
    assert locked.status_code == 409
    review = client.post(f"{url}/review", json={}, headers=auth)
    assert review.status_code == 201
    new = review.json()
    assert new["previous_id"] == m["id"] and new["status"] == "draft"
    new_danger = new["columns"]["worried"]["danger_statement"][0]
    assert new_danger["carried_from_id"] == danger["id"]
    assert new["pairs"][0]["goal_id"] is not None
    assert new["ratings"] == []  # each review is scaled afresh
    old = client.get(url, headers=auth).json()
    assert old["status"] == "agreed" and len(old["ratings"]) == 2

    # The case's scaling series continues across the review for the carried-forward pair.
    client.post(
        f"{base}/{new['id']}/ratings",
        json={"danger_id": new_danger["id"], "rater_kind": "worker", "rater_name": "Sam Patel",
              "score": 5},
        headers=auth,
    )
    series = client.get(f"/api/v1/cases/{case.id}/scaling", headers=auth).json()
    (pair,) = [s for s in series if s["key"].startswith("pair-")]
    assert [p["score"] for p in pair["by_rater"]["Sam Patel"]] == [3, 5]

    # Every change is in the case history.
    history = client.get(f"/api/v1/cases/{case.id}/history", headers=auth).json()
    text = " ".join(e["summary"] for e in history["items"])
    assert "started a review mapping" in text and "shared with the family" in text


def test_labels_rename_categories_without_schema_change(client, session):
    auth, case, _, _, manager = _setup(session)
    csrf = login(client, manager)
    team_url = f"/api/v1/teams/{case.team_id}/labels"
    current = client.get(team_url)
    assert current.json()["labels"]["danger_statement"] == "Danger statements"
    r = client.put(
        team_url,
        json={"labels": {"danger_statement": "Worry statements", "safety_goal": "Wellbeing goals"}},
        headers={"X-CSRF-Token": csrf, "If-Match": current.headers["ETag"]},
    )
    assert r.status_code == 200, r.text
    stale = client.put(
        team_url,
        json={"labels": {"danger_statement": "Something else"}},
        headers={"X-CSRF-Token": csrf, "If-Match": current.headers["ETag"]},
    )
    assert stale.status_code == 412
    unknown = client.put(
        team_url,
        json={"labels": {"not_a_category": "X"}},
        headers={"X-CSRF-Token": csrf, "If-Match": r.headers["ETag"]},
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["loc"] == ["body", "labels", "not_a_category"]
    client.cookies.clear()

    m = client.post(
        f"/api/v1/cases/{case.id}/mappings", json={"kind": "review"}, headers=auth
    ).json()
    assert m["labels"]["danger_statement"] == "Worry statements"
    page_client_csrf = login(client, manager)
    assert page_client_csrf
    page = client.get(f"/cases/{case.id}/mappings/{m['id']}").text
    assert "Worry statements" in page and "Wellbeing goals" in page
    assert "Danger statements" not in page


def test_the_mapping_etag_moves_when_a_score_is_added(client, session):
    auth, case, _, _, _ = _setup(session)
    m = client.post(
        f"/api/v1/cases/{case.id}/mappings", json={"kind": "review"}, headers=auth
    )
    url = m.headers["Location"]
    before = client.get(url, headers=auth).headers["ETag"]
    client.post(
        f"{url}/ratings",
        json={"rater_kind": "worker", "rater_name": "Sam", "score": 4},
        headers=auth,
    )
    after = client.get(url, headers=auth)
    assert after.headers["ETag"] != before
    assert [r["score"] for r in after.json()["ratings"]] == [4]  # never a stale rendering
    stale = client.patch(url, json={"title": "x"}, headers={**auth, "If-Match": before})
    assert stale.status_code == 412


def test_a_whole_mapping_read_follows_label_changes_and_token_revocation(client, session):
    """The rendered body is reused between reads; the labels it shows and the right to read
    it are checked afresh every time."""
    from datetime import timedelta

    from sqlalchemy import select

    from app.models.auth import ApiToken
    from app.services import auth as auth_service
    from app.services import labels as label_service
    from app.services.audit import SYSTEM

    auth, case, _, _, _ = _setup(session)
    url = client.post(
        f"/api/v1/cases/{case.id}/mappings", json={"kind": "review"}, headers=auth
    ).headers["Location"]
    first = client.get(url, headers=auth)
    assert first.json()["labels"]["danger_statement"] == "Danger statements"
    assert client.get(url, headers=auth).content == first.content

    label_service.set_labels(session, team_id=None, labels={"danger_statement": "Worries"},
                             actor=SYSTEM)
    session.commit()
    assert client.get(url, headers=auth).json()["labels"]["danger_statement"] == "Worries"
    label_service.set_labels(session, team_id=case.team_id,
                             labels={"danger_statement": "Worry statements"}, actor=SYSTEM)
    session.commit()
    again = client.get(url, headers=auth)
    assert again.json()["labels"]["danger_statement"] == "Worry statements"
    assert again.headers["ETag"] == first.headers["ETag"]  # the mapping itself is unchanged

    token = session.scalar(select(ApiToken))
    token.last_used_at = token.last_used_at - timedelta(minutes=5)
    session.commit()
    noted = token.last_used_at
    auth_service.forget_tokens()  # as once its second of trust is over: the row is read again
    assert client.get(url, headers=auth).status_code == 200
    session.expire_all()
    assert session.scalar(select(ApiToken)).last_used_at > noted

    auth_service.revoke_token(session, token=session.scalar(select(ApiToken)), actor=SYSTEM)
    session.commit()
    revoked = client.get(url, headers=auth)
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]
    assert "columns" not in revoked.text


def test_a_change_landing_during_a_read_is_never_served_under_the_old_etag(
    client, session, monkeypatch
):
    """Someone scores the mapping between this read's version check and its rendering: the
    response's ETag names the version its body shows, and the next read shows the score."""
    from app.routes.api import mapping as api_mapping
    from app.services import mapping as mapping_service

    auth, case, _, _, _ = _setup(session)
    url = client.post(
        f"/api/v1/cases/{case.id}/mappings", json={"kind": "review"}, headers=auth
    ).headers["Location"]
    real_stamps = mapping_service.stamps

    def stamps_then_someone_scores(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real_stamps(*args, **kwargs)
        monkeypatch.setattr(api_mapping.mapping_service, "stamps", real_stamps)
        scored = client.post(f"{url}/ratings", headers=auth,
                             json={"rater_kind": "worker", "rater_name": "Sam", "score": 6})
        assert scored.status_code == 201, scored.text
        return found

    monkeypatch.setattr(api_mapping.mapping_service, "stamps", stamps_then_someone_scores)
    racing = client.get(url, headers=auth)
    assert racing.status_code == 200
    body = racing.json()
    assert racing.headers["ETag"] == f'"mapping-{body["id"]}-v{body["version"]}"'
    after = client.get(url, headers=auth)
    assert [r["score"] for r in after.json()["ratings"]] == [6]
    assert after.headers["ETag"] == f'"mapping-{body["id"]}-v{after.json()["version"]}"'
