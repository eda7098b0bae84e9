"""Issue #22, the mapping as practised, through /api/v1: the family's position recorded per
person, sign-off that does not wait for agreement, the team manager scoring at sign-off, raters
who are people, links between harm, danger statements, goals and steps, and group-supervision
maps kept out of the family's record."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models.enums import AdultRole, Role
from tests.factories import (
    login,
    make_adult,
    make_case,
    make_child,
    make_team,
    make_token,
    make_user,
)


class World:
    def __init__(self, client: TestClient, session: Session) -> None:
        team = make_team(session)
        self.team = team
        self.worker = make_user(session, team=team, name="Sam Patel")
        self.manager = make_user(session, team=team, role=Role.supervisor, name="Chris Dale")
        self.case = make_case(session, team=team, worker=self.worker, family_name="Harper")
        self.mia = make_child(session, case=self.case, given_name="Mia")
        self.jade = make_adult(session, case=self.case, given_name="Jade",
                               children=[(self.mia, "mother")])
        self.lee = make_adult(session, case=self.case, given_name="Lee",
                              children=[(self.mia, "father")])
        self.nurse = make_adult(session, case=self.case, given_name="Ana", family_name="Lopez",
                                role=AdultRole.professional)
        token = make_token(session, scopes=["read", "write"], team=team)
        session.commit()
        self.client = client
        self.auth = {"Authorization": f"Bearer {token}"}
        self.base = f"/api/v1/cases/{self.case.id}/mappings"

    def mapping(self, kind: str = "initial_assessment") -> str:
        r = self.client.post(self.base, json={"kind": kind}, headers=self.auth)
        assert r.status_code == 201, r.text
        return f"{self.base}/{r.json()['id']}"

    def add(self, url: str, **body: Any) -> dict[str, Any]:
        r = self.client.post(f"{url}/items", json=body, headers=self.auth)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def etag(self, url: str) -> str:
        return str(self.client.get(url, headers=self.auth).headers["ETag"])

    def as_manager(self) -> dict[str, str]:
        self.client.cookies.clear()
        return {"X-CSRF-Token": login(self.client, self.manager)}


def test_a_map_the_father_disagrees_with_is_shared_scored_and_signed_off(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    url = w.mapping()
    danger = w.add(url, category="danger_statement", ds_behaviour="Lee may hit Mia again")
    for body in ({"rater_kind": "worker", "rater_name": "Sam Patel", "score": 3},
                 {"rater_kind": "parent", "rater_person_id": w.lee.id, "score": 8}):
        r = client.post(f"{url}/ratings", json=body, headers=w.auth)
        assert r.status_code == 201, r.text

    # Shared with each person's position: Lee disagrees, in his words; Jade partly agrees.
    shared = client.post(f"{url}/agree", headers={**w.auth, "If-Match": w.etag(url)}, json={
        "note": "Read through at home",
        "positions": [
            {"person_id": w.lee.id, "position": "disagrees", "words": "I never touched her"},
            {"person_id": w.jade.id, "position": "partly_agrees"},
        ]})
    assert shared.status_code == 200, shared.text
    body = shared.json()
    assert body["status"] == "agreed"
    assert {(p["name"], p["position"], p["words"]) for p in body["family_positions"]} == {
        ("Lee Harper", "disagrees", "I never touched her"),
        ("Jade Harper", "partly_agrees", None)}

    # Once shared, the worker can no longer score it; the team manager still can.
    late = client.post(f"{url}/ratings", headers=w.auth,
                       json={"rater_kind": "worker", "rater_name": "Sam Patel", "score": 4})
    assert late.status_code == 409
    manager = w.as_manager()
    scored = client.post(f"{url}/ratings", headers=manager,
                         json={"rater_kind": "supervisor", "danger_id": danger["id"], "score": 2,
                               "reason": "Nothing has changed yet"})
    assert scored.status_code == 201, scored.text
    assert scored.json()["rater_name"] == "Chris Dale"
    assert scored.json()["rater_user_id"] == w.manager.id
    # The family's scores stay as they were given when it was shared.
    jade_score = [r for r in client.get(url).json()["ratings"] if r["rater_name"] == "Lee Harper"]
    kept = client.patch(f"{url}/ratings/{jade_score[0]['id']}", json={"score": 1},
                        headers={**manager, "If-Match": f'"rating-{jade_score[0]["id"]}-v1"'})
    assert kept.status_code == 409

    # Signed off although Lee disagrees; the note and his position stay on the record.
    signed = client.post(f"{url}/sign-off", json={"note": "Bottom line stands: no contact"},
                         headers={**manager, "If-Match": w.etag(url)})
    assert signed.status_code == 200, signed.text
    body = signed.json()
    assert body["status"] == "signed_off"
    assert body["signed_off_note"] == "Bottom line stands: no contact"
    assert "disagrees" in {p["position"] for p in body["family_positions"]}
    # After sign-off nothing moves: no score, no position, no undo.
    assert client.post(f"{url}/ratings", headers=manager,
                       json={"rater_kind": "supervisor", "score": 5}).status_code == 409
    assert client.post(f"{url}/family-positions", headers={**manager, "If-Match": w.etag(url)},
                       json={"positions": [{"person_id": w.lee.id, "position": "agrees"}]}
                       ).status_code == 409
    assert client.post(f"{url}/reopen", headers={**manager, "If-Match": w.etag(url)}
                       ).status_code == 409
    history = client.get(f"/api/v1/cases/{w.case.id}/history").json()["items"]
    said = " ".join(e["summary"] for e in history)
    assert "Lee Harper's position on the mapping: “disagrees”" in said
    assert "signed off the mapping" in said


def test_sign_off_needs_no_agreement_and_sharing_can_be_undone(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    url = w.mapping()
    w.add(url, category="existing_strength", text="Jade walks Mia to school")
    shared = client.post(f"{url}/agree", json={}, headers={**w.auth, "If-Match": w.etag(url)})
    assert shared.status_code == 200
    undone = client.post(f"{url}/reopen", headers={**w.auth, "If-Match": w.etag(url)})
    assert undone.status_code == 200 and undone.json()["status"] == "draft"
    w.add(url, category="grey_area", text="Who collects Mia on Fridays")
    # The team manager signs off the draft directly; the worker may not.
    refused = client.post(f"{url}/sign-off", headers={**w.auth, "If-Match": w.etag(url)})
    assert refused.status_code == 403
    manager = w.as_manager()
    signed = client.post(f"{url}/sign-off", headers={**manager, "If-Match": w.etag(url)})
    assert signed.status_code == 200 and signed.json()["status"] == "signed_off"
    # Positions can be recorded on their own while a mapping is open, moving its ETag on.
    other = w.mapping()
    before = w.etag(other)
    r = client.post(f"{other}/family-positions", headers={**manager, "If-Match": before},
                    json={"positions": [{"person_id": w.jade.id, "position": "agrees"}]})
    assert r.status_code == 200 and r.headers["ETag"] != before
    stale = client.post(f"{other}/family-positions", headers={**manager, "If-Match": before},
                        json={"positions": [{"person_id": w.jade.id, "position": "disagrees"}]})
    assert stale.status_code == 412
    stranger = client.post(f"{other}/family-positions",
                           headers={**manager, "If-Match": r.headers["ETag"]},
                           json={"positions": [{"person_id": 99_999, "position": "agrees"}]})
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["loc"] == ["body", "positions", 0, "person_id"]


def test_a_score_belongs_to_a_person_whose_role_fits(client: TestClient, session: Session) -> None:
    w = World(client, session)
    url = w.mapping()
    cases = [
        ({"rater_kind": "parent", "rater_name": "Jade Harper"}, "rater_person_id"),
        ({"rater_kind": "parent", "rater_person_id": w.mia.id}, "rater_person_id"),
        ({"rater_kind": "child", "rater_person_id": w.jade.id}, "rater_person_id"),
        ({"rater_kind": "professional", "rater_person_id": w.jade.id}, "rater_person_id"),
        ({"rater_kind": "worker", "rater_person_id": w.jade.id}, "rater_person_id"),
        ({"rater_kind": "parent", "rater_person_id": w.jade.id, "rater_user_id": w.worker.id},
         "rater_user_id"),
    ]
    for body, field in cases:
        r = client.post(f"{url}/ratings", json={**body, "score": 5}, headers=w.auth)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["errors"][0]["loc"] == ["body", field], (body, r.json())
    assert client.get(url, headers=w.auth).json()["ratings"] == []
    for body in ({"rater_kind": "child", "rater_person_id": w.mia.id},
                 {"rater_kind": "professional", "rater_person_id": w.nurse.id},
                 {"rater_kind": "professional", "rater_name": "Dr Obi, GP"},
                 {"rater_kind": "worker", "rater_user_id": w.worker.id}):
        r = client.post(f"{url}/ratings", json={**body, "score": 5}, headers=w.auth)
        assert r.status_code == 201, (body, r.text)
    names = sorted(r["rater_name"] for r in client.get(url, headers=w.auth).json()["ratings"])
    assert names == ["Ana Lopez", "Dr Obi, GP", "Mia Harper", "Sam Patel"]


def test_a_persons_scores_stay_one_line_when_their_name_changes(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    url = w.mapping()
    client.post(f"{url}/ratings", headers=w.auth,
                json={"rater_kind": "parent", "rater_person_id": w.jade.id, "score": 4})
    client.post(f"{url}/agree", json={}, headers={**w.auth, "If-Match": w.etag(url)})
    review = client.post(f"{url}/review", json={}, headers=w.auth).json()
    # Jade takes a new family name between the two meetings.
    person = client.get(f"/api/v1/cases/{w.case.id}/people/{w.jade.id}", headers=w.auth)
    renamed = client.patch(f"/api/v1/cases/{w.case.id}/people/{w.jade.id}",
                           json={"family_name": "Okoro"},
                           headers={**w.auth, "If-Match": person.headers["ETag"]})
    assert renamed.status_code == 200, renamed.text
    client.post(f"{w.base}/{review['id']}/ratings", headers=w.auth,
                json={"rater_kind": "parent", "rater_person_id": w.jade.id, "score": 6})
    (overall,) = client.get(f"/api/v1/cases/{w.case.id}/scaling", headers=w.auth).json()
    assert list(overall["by_rater"]) == ["Jade Okoro"]
    assert [p["score"] for p in overall["by_rater"]["Jade Okoro"]] == [4, 6]


def _etag(item: dict[str, Any]) -> str:
    return f'"mappingitem-{item["id"]}-v{item["version"]}"'


def test_links_ground_harm_and_serve_goals_and_come_forward_in_a_review(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    url = w.mapping()
    harm = w.add(url, category="harm", harm_adult_action="Lee hit Mia",
                 harm_impact="Mia had a bruise")
    danger = w.add(url, category="danger_statement", ds_behaviour="Lee may hit Mia again")
    goal = w.add(url, category="safety_goal", sg_carers_doing="Jade keeps Mia safe",
                 pairs_with_id=danger["id"], sg_sustain_weeks=26)
    step = w.add(url, category="next_step", text="Jade and Gran make a plan")
    done = w.add(url, category="next_step", text="Referral to the school nurse", ns_done=True,
                 link_ids=[goal["id"]])
    codes = {s["code"]: s for s in client.get(url, headers=w.auth).json()["signals"]
             if s["code"] in ("harm_not_linked", "step_without_goal")}
    assert codes["harm_not_linked"]["item_id"] == harm["id"]
    assert codes["step_without_goal"]["item_id"] == step["id"]

    # A harm links to danger statements only; a next step to goals only.
    wrong = client.patch(f"{url}/items/{harm['id']}", json={"link_ids": [goal["id"]]},
                         headers={**w.auth, "If-Match": _etag(harm)})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["loc"] == ["body", "link_ids", 0]
    linked = client.patch(f"{url}/items/{harm['id']}", json={"link_ids": [danger["id"]]},
                          headers={**w.auth, "If-Match": _etag(harm)})
    assert linked.status_code == 200 and linked.json()["link_ids"] == [danger["id"]]
    client.patch(f"{url}/items/{step['id']}", json={"link_ids": [goal["id"]]},
                 headers={**w.auth, "If-Match": _etag(step)})
    safety = w.add(url, category="existing_safety", text="Gran has Mia after school",
                   es_from="2026-01-05", es_to="2026-03-02", link_ids=[goal["id"]])
    assert safety["es_from"] == "2026-01-05"
    backwards = client.post(f"{url}/items", headers=w.auth, json={
        "category": "existing_safety", "text": "x", "es_from": "2026-03-02",
        "es_to": "2026-01-05"})
    assert backwards.status_code == 422
    codes = {s["code"] for s in client.get(url, headers=w.auth).json()["signals"]}
    assert not codes & {"harm_not_linked", "step_without_goal"}

    client.post(f"{url}/agree", json={}, headers={**w.auth, "If-Match": w.etag(url)})
    new = client.post(f"{url}/review", json={}, headers=w.auth).json()
    items = {i["carried_from_id"]: i for col in new["columns"].values()
             for cat in col.values() for i in cat}
    # Done next steps stay behind; the rest come forward with their links remapped.
    assert done["id"] not in items and step["id"] in items
    assert items[harm["id"]]["link_ids"] == [items[danger["id"]]["id"]]
    assert items[step["id"]]["link_ids"] == [items[goal["id"]]["id"]]
    assert items[safety["id"]]["link_ids"] == [items[goal["id"]]["id"]]
    assert items[goal["id"]]["sg_sustain_weeks"] == 26
    # Review again from the same mapping: the one in progress is named, not a second one.
    again = client.post(f"{url}/review", json={}, headers=w.auth)
    assert again.status_code == 409 and "already in progress" in again.json()["detail"]


def test_empty_categories_are_signals_only_where_the_kind_of_map_expects_them(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    empty = {}
    for kind in ("initial_assessment", "review", "closure", "group_supervision"):
        url = w.mapping(kind)
        signals = client.get(url, headers=w.auth).json()["signals"]
        empty[kind] = sorted(s["category"] for s in signals if s["code"] == "empty_category")
    assert "existing_safety" not in empty["initial_assessment"]
    assert "harm" in empty["initial_assessment"]
    assert "existing_safety" in empty["review"]
    assert "complicating_factor" not in empty["review"]
    assert empty["closure"] == ["danger_statement", "existing_safety", "safety_goal"]
    assert empty["group_supervision"] == []


def test_a_group_supervision_map_stays_out_of_the_familys_record(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    family = w.mapping()
    w.add(family, category="existing_strength", text="Jade walks Mia to school")
    team = w.mapping("group_supervision")
    w.add(team, category="grey_area", text="Is Lee still around?")
    # The board's latest mapping is the family's, though the team's map is newer.
    manager = w.as_manager()
    board = client.get(f"/api/v1/teams/{w.team.id}/board", headers=manager).json()
    (row,) = [r for r in board["items"] if r["case_id"] == w.case.id]
    assert row["latest_mapping_id"] == int(family.rsplit("/", 1)[1])
    # It is never printed for, shared with or issued to the family.
    ui = team.replace("/api/v1", "")
    assert client.get(f"{ui}/family.pdf").status_code == 409
    assert client.post(f"{team}/agree", json={}, headers={**manager, "If-Match": w.etag(team)}
                       ).status_code == 409
    issued = client.post(f"{team}/issue", json={"issued_to": "Jade Harper"}, headers=manager)
    assert issued.status_code == 409, issued.text
    assert "never given to the family" in issued.json()["detail"]


def test_the_board_shows_who_is_far_apart_not_an_average(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    url = w.mapping()
    danger = w.add(url, category="danger_statement", ds_behaviour="Lee may hit Mia again")
    for body in ({"rater_kind": "worker", "rater_name": "Sam Patel", "score": 3},
                 {"rater_kind": "parent", "rater_person_id": w.lee.id, "score": 8},
                 {"rater_kind": "parent", "rater_person_id": w.jade.id, "score": 8},
                 {"rater_kind": "parent", "rater_person_id": w.jade.id, "score": 6,
                  "danger_id": danger["id"]},
                 {"rater_kind": "worker", "rater_name": "Sam Patel", "score": 5,
                  "danger_id": danger["id"]}):
        assert client.post(f"{url}/ratings", json=body, headers=w.auth).status_code == 201
    manager = w.as_manager()
    board = client.get(f"/api/v1/teams/{w.team.id}/board", headers=manager).json()
    (row,) = [r for r in board["items"] if r["case_id"] == w.case.id]
    assert (row["lowest_overall"], row["lowest_overall_by"]) == (3, "Sam Patel")
    assert (row["highest_overall"], row["highest_overall_by"]) == (8, "Jade Harper, Lee Harper")
    assert row["widest_gap"] == 5 and "raters_apart" in row["flags"]
    apart = client.get(f"/api/v1/teams/{w.team.id}/board?signal=raters_apart",
                       headers=manager).json()
    assert [r["case_id"] for r in apart["items"]] == [w.case.id]
    # Sam changes his mind: each rater's latest score counts, and the gap closes.
    client.cookies.clear()
    client.post(f"{url}/ratings", headers=w.auth,
                json={"rater_kind": "worker", "rater_name": "Sam Patel", "score": 7})
    manager = w.as_manager()
    board = client.get(f"/api/v1/teams/{w.team.id}/board", headers=manager).json()
    (row,) = [r for r in board["items"] if r["case_id"] == w.case.id]
    assert row["lowest_overall"] == 7 and row["widest_gap"] == 1
    assert "raters_apart" not in row["flags"]
    page = client.get(f"/teams/{w.team.id}/board").text
    assert "Sam Patel" in page and "Jade Harper, Lee Harper" in page


def test_the_team_manager_corrects_a_shared_mapping_before_signing_it_off(
    client: TestClient, session: Session
) -> None:
    w = World(client, session)
    url = w.mapping()
    item = w.add(url, category="existing_strength", text="Gran helps on Mondays")
    shared = client.post(f"{url}/agree", headers={**w.auth, "If-Match": w.etag(url)}, json={})
    assert shared.status_code == 200, shared.text
    item_url = f"{url}/items/{item['id']}"
    etag = f'"mappingitem-{item["id"]}-v{item["version"]}"'

    # The worker's system can no longer change it; the team manager can, audited.
    refused = client.patch(item_url, headers={**w.auth, "If-Match": etag},
                           json={"text": "Gran helps every day"})
    assert refused.status_code == 409
    manager = w.as_manager()
    fixed = client.patch(item_url, headers={**manager, "If-Match": etag},
                         json={"text": "Gran helps on Mondays and Thursdays"})
    assert fixed.status_code == 200, fixed.text
    added = client.post(f"{url}/items", headers=manager,
                        json={"category": "complicating_factor", "text": "Dad's shifts change"})
    assert added.status_code == 201, added.text
    history = client.get(f"/api/v1/cases/{w.case.id}/history", headers=manager).json()
    mine = [e for e in history["items"] if e["entity_type"] == "mapping_item"
            and e["actor_name"] == "Chris Dale"]
    assert [e["action"] for e in mine] == ["create", "update"]
    assert mine[1]["changes"]["text"] == {"before": "Gran helps on Mondays",
                                          "after": "Gran helps on Mondays and Thursdays"}

    signed = client.post(f"{url}/sign-off", json={}, headers={**manager, "If-Match": w.etag(url)})
    assert signed.status_code == 200, signed.text
    after = client.patch(item_url, headers={**manager, "If-Match": fixed.headers["ETag"]},
                         json={"text": "Too late"})
    assert after.status_code == 409
