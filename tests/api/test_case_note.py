"""Issue #22 part 1 through /api/v1: case notes and visits (children seen, seen alone, what a
visit told us), edited with If-Match and a history, and a child's chronology drawn from them
and from the rest of the record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.enums import Category, Role
from tests.factories import (
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)

TODAY = date.today()


class World:
    def __init__(self, client: TestClient, session: Session) -> None:
        team = make_team(session)
        self.worker = make_user(session, team=team, name="Sam Patel")
        self.colleague = make_user(session, team=team, name="Ola Brown")
        self.manager = make_user(session, team=team, role=Role.supervisor, name="Chris Dale")
        self.case = make_case(session, team=team, worker=self.worker, family_name="Harper")
        self.mia = make_child(session, case=self.case, given_name="Mia")
        self.kai = make_child(session, case=self.case, given_name="Kai")
        mapping = make_mapping(session, case=self.case)
        self.danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                                text="Mia may be left alone at night")
        other = make_case(session, team=team, worker=self.worker, family_name="Other")
        self.stranger = make_child(session, case=other, given_name="Zed")
        self.foreign_item = make_item(session, mapping=make_mapping(session, case=other),
                                      category=Category.harm, text="Elsewhere")
        token = make_token(session, scopes=["read", "write"], team=team)
        session.commit()
        self.session = session
        self.client = client
        self.auth = {"Authorization": f"Bearer {token}"}
        self.base = f"/api/v1/cases/{self.case.id}"

    def visit(self, **extra: Any) -> dict[str, Any]:
        body = {"kind": "visit", "occurred_on": str(TODAY - timedelta(days=2)),
                "occurred_time": "16:15", "title": "Home visit after school",
                "body": "Mia showed me her room.", "location": "The family home",
                "children": [{"child_id": self.mia.id, "seen": True, "seen_alone": True},
                             {"child_id": self.kai.id, "seen": True}],
                "item_ids": [self.danger.id], **extra}
        r = self.client.post(f"{self.base}/notes", json=body, headers=self.auth)
        assert r.status_code == 201, r.text
        return dict(r.json())


def test_a_visit_records_who_was_seen_alone_and_what_it_told_us(
        client: TestClient, session: Session) -> None:
    w = World(client, session)
    note = w.visit()
    assert note["kind"] == "visit" and note["occurred_time"] == "16:15:00"
    seen = {c["name"]: (c["seen"], c["seen_alone"]) for c in note["children"]}
    assert seen == {"Mia Harper": (True, True), "Kai Harper": (True, False)}
    assert [i["item_id"] for i in note["items"]] == [w.danger.id]
    assert note["items"][0]["text"] == "Mia may be left alone at night"
    got = client.get(f"{w.base}/notes/{note['id']}", headers=w.auth)
    assert got.status_code == 200 and got.headers["ETag"] == f'"casenote-{note["id"]}-v1"'
    listed = client.get(f"{w.base}/notes?kind=visit", headers=w.auth).json()
    assert [n["id"] for n in listed] == [note["id"]]
    assert client.get(f"{w.base}/notes?kind=phone_call", headers=w.auth).json() == []
    ev = session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "case_note"))
    assert ev is not None and ev.summary == "recorded a visit: “Home visit after school”"
    assert ev.changes["children"]["after"] == {"Mia Harper": "seen alone", "Kai Harper": "seen"}


def test_what_cannot_be_true_is_refused_with_the_field_named(
        client: TestClient, session: Session) -> None:
    w = World(client, session)
    cases = [
        ({"children": [{"child_id": w.mia.id, "seen_alone": True}]},
         "children.0.seen_alone", "seen alone, so tick that they were seen"),
        ({"children": [{"child_id": w.stranger.id}]}, "children.0.child_id",
         "Choose a child on this case"),
        ({"item_ids": [w.foreign_item.id]}, "item_ids.0", "from a mapping on this case"),
        ({"occurred_on": str(TODAY + timedelta(days=1))}, "occurred_on",
         "today or in the past"),
        ({"kind": "phone_call", "children": [{"child_id": w.mia.id, "seen": True}],
          "location": None}, "children.0.seen", "for visits only"),
        ({"title": "  "}, "title", "Enter a short summary"),
        ({"occurred_time": "25:00"}, "occurred_time", "real time"),
    ]
    for extra, field, words in cases:
        body = {"kind": "visit", "occurred_on": str(TODAY), "title": "Visit", **extra}
        r = client.post(f"{w.base}/notes", json=body, headers=w.auth)
        assert r.status_code == 422, (extra, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        problem = {e["field"]: e["message"] for e in r.json()["errors"]}
        assert field in problem and words in problem[field], (extra, problem)
    assert client.get(f"{w.base}/notes", headers=w.auth).json() == []


def test_changing_a_note_needs_the_current_version_and_keeps_its_history(
        client: TestClient, session: Session) -> None:
    w = World(client, session)
    note = w.visit()
    url = f"{w.base}/notes/{note['id']}"
    etag = client.get(url, headers=w.auth).headers["ETag"]
    assert client.patch(url, json={"body": "x"}, headers=w.auth).status_code == 428
    r = client.patch(url, json={"body": "Mia showed me her room and her drawings.",
                                "significant": True},
                     headers={**w.auth, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["significant"] is True and r.json()["version"] == 2
    stale = client.patch(url, json={"title": "Lost"}, headers={**w.auth, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get(url, headers=w.auth).json()["title"] == "Home visit after school"
    # Only the children changing still moves the version on.
    etag2 = r.headers["ETag"]
    r = client.patch(url, json={"children": [{"child_id": w.mia.id, "seen": True}]},
                     headers={**w.auth, "If-Match": etag2})
    assert r.status_code == 200 and r.json()["version"] == 3
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "case_note", AuditEvent.entity_id == note["id"])
        .order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["create", "update", "update"]
    assert events[1].changes["body"] == {"before": "Mia showed me her room.",
                                         "after": "Mia showed me her room and her drawings."}
    assert events[2].changes["children"]["before"]["Mia Harper"] == "seen alone"
    assert events[2].changes["children"]["after"] == {"Mia Harper": "seen"}


def test_only_the_author_or_the_team_manager_changes_a_note(
        client: TestClient, session: Session) -> None:
    w = World(client, session)
    csrf = login(client, w.manager)
    r = client.post(f"{w.base}/notes", json={"kind": "meeting", "occurred_on": str(TODAY),
                                             "title": "Core group"},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201 and r.json()["author_name"] == "Chris Dale"
    url = f"{w.base}/notes/{r.json()['id']}"
    client.cookies.clear()
    csrf = login(client, w.worker)
    etag = client.get(url).headers["ETag"]
    refused = client.patch(url, json={"title": "Mine now"},
                           headers={"X-CSRF-Token": csrf, "If-Match": etag})
    assert refused.status_code == 403
    assert "wrote this note or the team manager" in refused.json()["detail"]
    mine = client.post(f"{w.base}/notes", json={"kind": "phone_call", "occurred_on": str(TODAY),
                                                "title": "Call with school"},
                       headers={"X-CSRF-Token": csrf}).json()
    client.cookies.clear()
    csrf = login(client, w.manager)
    mine_url = f"{w.base}/notes/{mine['id']}"
    etag = client.get(mine_url).headers["ETag"]
    r = client.patch(mine_url, json={"title": "Call with Oak Primary"},
                     headers={"X-CSRF-Token": csrf, "If-Match": etag})
    assert r.status_code == 200 and r.json()["title"] == "Call with Oak Primary"


def test_the_chronology_draws_on_the_whole_record_for_each_child(
        client: TestClient, session: Session) -> None:
    w = World(client, session)
    w.visit()
    only_kai = client.post(f"{w.base}/notes", json={
        "kind": "phone_call", "occurred_on": str(TODAY - timedelta(days=1)),
        "title": "Kai's school rang", "significant": True,
        "children": [{"child_id": w.kai.id}]}, headers=w.auth)
    assert only_kai.status_code == 201
    family = client.post(f"{w.base}/notes", json={
        "kind": "other", "occurred_on": str(TODAY), "title": "Family moved house",
        "significant": True}, headers=w.auth)
    assert family.status_code == 201
    routine = client.post(f"{w.base}/notes", json={
        "kind": "phone_call", "occurred_on": str(TODAY), "title": "Left a message",
        "children": [{"child_id": w.mia.id}]}, headers=w.auth)
    assert routine.status_code == 201
    mia = client.get(f"{w.base}/children/{w.mia.id}/chronology", headers=w.auth).json()
    titles = [e["title"] for e in mia]
    assert "Visit: Home visit after school" in titles
    assert "Other: Family moved house" in titles  # about the whole family
    assert "Phone call: Kai's school rang" not in titles  # about Kai only
    assert "Phone call: Left a message" not in titles  # not significant
    assert titles[0] == "Born" and "Case opened" in titles
    assert any(e["title"].startswith("Mapping:") for e in mia)
    visit = next(e for e in mia if e["source"] == "visit")
    assert visit["detail"] == "Mia was seen alone"
    assert visit["by"].startswith("API token 'token ")
    assert [e["date"] for e in mia] == sorted(e["date"] for e in mia)
    kai = client.get(f"{w.base}/children/{w.kai.id}/chronology?source=visit&source=note",
                     headers=w.auth).json()
    assert [e["title"] for e in kai] == ["Visit: Home visit after school",
                                         "Phone call: Kai's school rang",
                                         "Other: Family moved house"]
    assert kai[0]["detail"] == "Kai was seen"
    since = client.get(f"{w.base}/children/{w.kai.id}/chronology?source=note&"
                       f"date_from={TODAY}", headers=w.auth).json()
    assert [e["title"] for e in since] == ["Other: Family moved house"]
    bad = client.get(f"{w.base}/children/{w.kai.id}/chronology?source=gossip&"
                     f"date_from={TODAY}&date_to={TODAY - timedelta(days=3)}", headers=w.auth)
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"source", "date_to"}
    assert client.get(f"{w.base}/children/{w.stranger.id}/chronology",
                      headers=w.auth).status_code == 404
