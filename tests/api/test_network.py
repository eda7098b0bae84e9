"""Issue #13 (the safety network, parts 4 and 5) through /api/v1: members from the case or
from outside it, who was told the worries and what they were shown, agreement and
commitments, meetings; the signal "no network members told about the worries" on the
mapping and the board."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.enums import Category, Role
from tests.factories import (
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)


class World:
    def __init__(self, client: TestClient, session: Session) -> None:
        self.team = make_team(session)
        self.manager = make_user(session, role=Role.supervisor, team=self.team)
        self.case = make_case(session, team=self.team, worker=self.manager)
        mia = make_child(session, case=self.case, given_name="Mia")
        self.gran = make_adult(session, case=self.case, given_name="Pat",
                               children=[(mia, "grandmother")])
        self.mapping = make_mapping(session, case=self.case)
        self.danger = make_item(session, mapping=self.mapping,
                                category=Category.danger_statement,
                                ds_behaviour="Lee may hit Mia when he drinks")
        token = make_token(session, scopes=["read", "write"], team=self.team)
        session.commit()
        self.client, self.session = client, session
        self.auth = {"Authorization": f"Bearer {token}"}
        self.url = f"/api/v1/cases/{self.case.id}/network"

    def codes(self) -> set[str]:
        """The case's flags on the team board (the mapping's read is the mapping's own)."""
        board = self.client.get(f"/api/v1/teams/{self.team.id}/board",
                                headers=self.auth).json()
        return set(next(i for i in board["items"] if i["case_id"] == self.case.id)["flags"])


def test_members_are_told_the_worries_and_the_signal_clears(client, session):
    w = World(client, session)
    assert "network_not_told" in w.codes()
    gran = client.post(f"{w.url}/members", headers=w.auth, json={
        "person_id": w.gran.id, "role": "Gran; has Mia after school"})
    assert gran.status_code == 201, gran.text
    assert gran.json()["name"] == "Pat Harper" and gran.json()["agreement"] == "not_yet"
    khan = client.post(f"{w.url}/members", headers=w.auth, json={
        "name": "Mrs Khan", "phone": "07700 900123", "role": "Neighbour",
        "told_on": str(date.today()), "told_what": "The danger statements",
        "agreement": "agreed", "commitments": "Mia can knock any time"}).json()
    net = client.get(w.url, headers=w.auth).json()
    assert net["size"] == 2 and net["told"] == 1
    # The first member told is listed first.
    assert [m["name"] for m in net["members"]] == ["Mrs Khan", "Pat Harper"]
    assert "network_not_told" not in w.codes()
    # Told, then taken off: the signal is back.
    gone = client.post(f"{w.url}/members/{khan['id']}/remove", headers={
        **w.auth, "If-Match": f'"networkmember-{khan["id"]}-v{khan["version"]}"'})
    assert gone.status_code == 204
    assert "network_not_told" in w.codes()
    url = f"{w.url}/members/{gran.json()['id']}"
    tag = client.get(url, headers=w.auth).headers["ETag"]
    told = client.patch(url, headers={**w.auth, "If-Match": tag}, json={
        "told_on": str(date.today() - timedelta(days=2)),
        "told_what": "The danger statements and the safety goals", "agreement": "agreed"})
    assert told.status_code == 200 and told.json()["told_on"]
    stale = client.patch(url, headers={**w.auth, "If-Match": tag}, json={"phone": "1"})
    assert stale.status_code == 412
    assert "network_not_told" not in w.codes()
    events = {e.action for e in session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "network_member"))}
    assert events == {"create", "update", "remove"}


def test_bad_members_and_meetings_get_the_field_and_nothing_is_kept(client, session):
    w = World(client, session)
    other = make_case(session, team=w.team, worker=w.manager, family_name="Other")
    stranger = make_adult(session, case=other, given_name="Sam")
    session.commit()
    cases = [
        ({"role": "Gran"}, ["body", "name"]),
        ({"person_id": stranger.id, "role": "x"}, ["body", "person_id"]),
        ({"name": "A", "role": "x", "told_on": str(date.today() + timedelta(days=3)),
          "told_what": "x"}, ["body", "told_on"]),
        ({"name": "A", "role": "x", "told_on": str(date.today())}, ["body", "told_what"]),
    ]
    for body, loc in cases:
        r = client.post(f"{w.url}/members", headers=w.auth, json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["errors"][0]["loc"] == loc, (body, r.json())
    first = client.post(f"{w.url}/members", headers=w.auth,
                        json={"person_id": w.gran.id, "role": "Gran"})
    twice = client.post(f"{w.url}/members", headers=w.auth,
                        json={"person_id": w.gran.id, "role": "Gran"})
    assert first.status_code == 201 and twice.status_code == 422
    bad = client.post(f"{w.url}/meetings", headers=w.auth, json={
        "held_on": str(date.today()), "agreed": "Plan", "member_ids": [999999],
        "next_meeting_on": str(date.today() - timedelta(days=1))})
    assert bad.status_code == 422
    assert {tuple(e["loc"]) for e in bad.json()["errors"]} == {
        ("body", "member_ids", 0), ("body", "next_meeting_on")}
    assert client.get(w.url, headers=w.auth).json()["meetings"] == []


def test_a_meeting_names_who_came_and_the_next_step_that_asked_for_it(client, session):
    w = World(client, session)
    step = make_item(session, mapping=w.mapping, category=Category.next_step,
                     text="Hold a network meeting with Gran")
    session.commit()
    gran = client.post(f"{w.url}/members", headers=w.auth,
                       json={"person_id": w.gran.id, "role": "Gran"}).json()
    r = client.post(f"{w.url}/meetings", headers=w.auth, json={
        "held_on": str(date.today()), "member_ids": [gran["id"]], "others": "Sam (worker)",
        "agreed": "Gran has Mia after school", "next_step_id": step.id,
        "next_meeting_on": str(date.today() + timedelta(weeks=4))})
    assert r.status_code == 201, r.text
    meeting = client.get(w.url, headers=w.auth).json()["meetings"][0]
    assert meeting["member_ids"] == [gran["id"]] and meeting["next_step_id"] == step.id



def test_a_network_member_not_on_the_case_gives_a_safety_score(client, session):
    """Part 6: a member of the network is a rater on the safety scale, under their name."""
    w = World(client, session)
    khan = client.post(f"{w.url}/members", headers=w.auth, json={
        "name": "Mrs Khan", "role": "Neighbour"}).json()
    url = f"/api/v1/cases/{w.case.id}/mappings/{w.mapping.id}/ratings"
    ok = client.post(url, headers=w.auth, json={
        "danger_id": w.danger.id, "rater_kind": "network", "rater_member_id": khan["id"],
        "score": 6})
    assert ok.status_code == 201, ok.text
    assert ok.json()["rater_name"] == "Mrs Khan" and ok.json()["rater_member_id"] == khan["id"]
    # Only as the network; only this case's members.
    wrong = client.post(url, headers=w.auth, json={
        "danger_id": w.danger.id, "rater_kind": "parent", "rater_member_id": khan["id"],
        "score": 3})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "rater_member_id"
    other = client.post(url, headers=w.auth, json={
        "danger_id": w.danger.id, "rater_kind": "network", "rater_member_id": 999999,
        "score": 3})
    assert other.status_code == 422
    mapping = client.get(f"/api/v1/cases/{w.case.id}/mappings/{w.mapping.id}",
                         headers=w.auth).json()
    assert [(r["rater_name"], r["rater_kind"], r["score"]) for r in mapping["ratings"]] == [
        ("Mrs Khan", "network", 6)]
