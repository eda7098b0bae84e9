"""Issue #14 on the team board: a danger statement no safety plan rule answers, a rule that
slipped twice in four weeks, a child on a child protection plan with no Words and Pictures
explanation, and a late stage of the trajectory are each a filter of the board, set and
cleared by what is recorded (the practice summary follows every write)."""

from __future__ import annotations

from datetime import date, timedelta

from app.models.child_status import ChildStatus
from app.models.enums import Category, ChildStatusKind, Role
from tests.factories import (
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)


def _codes(client, auth, team, case) -> set[str]:  # type: ignore[no-untyped-def]
    board = client.get(f"/api/v1/teams/{team.id}/board", headers=auth).json()
    return set(next(i for i in board["items"] if i["case_id"] == case.id)["flags"])


def _filtered(client, auth, team, signal) -> list[int]:  # type: ignore[no-untyped-def]
    board = client.get(f"/api/v1/teams/{team.id}/board?signal={signal}", headers=auth).json()
    return [i["case_id"] for i in board["items"]]


def test_plan_words_pictures_and_trajectory_filters(client, session):
    team = make_team(session)
    manager = make_user(session, role=Role.supervisor, team=team)
    case = make_case(session, team=team, worker=manager)
    other = make_case(session, team=team, worker=manager)
    mia = make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Ryan may hit Jade")
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    base = f"/api/v1/cases/{case.id}"
    assert not {"danger_without_rule", "rule_slipping", "no_words_pictures",
                "trajectory_drift"} & _codes(client, auth, team, case)

    # A plan with no rule for the danger statement; then a rule for it.
    plan = client.post(f"{base}/safety-plans", headers=auth, json={
        "mapping_id": mapping.id, "made_on": str(date.today() - timedelta(days=30))}).json()
    assert "danger_without_rule" in _codes(client, auth, team, case)
    assert _filtered(client, auth, team, "danger_without_rule") == [case.id]
    rule = client.post(f"{base}/safety-plans/{plan['id']}/rules", headers=auth, json={
        "words": "Ryan stays away", "item_ids": [danger.id]}).json()
    assert "danger_without_rule" not in _codes(client, auth, team, case)

    # Slipped twice in four weeks (after the plan is agreed).
    client.post(f"{base}/safety-plans/{plan['id']}/signoffs", headers=auth, json={
        "name": "Jade", "agreed_on": str(date.today() - timedelta(days=29)),
        "how": "said_at_meeting"})
    checks = f"{base}/safety-plans/{plan['id']}/rules/{rule['id']}/checks"
    for days in (25, 10):
        client.post(checks, headers=auth, json={
            "checked_on": str(date.today() - timedelta(days=days)), "result": "slipped",
            "what_happened": "He came round"})
    assert "rule_slipping" in _codes(client, auth, team, case)
    assert _filtered(client, auth, team, "rule_slipping") == [case.id]

    # A child on a plan with no Words and Pictures explanation; then one.
    session.add(ChildStatus(case_id=case.id, child_id=mia.id,
                            kind=ChildStatusKind.child_protection_plan,
                            starts_on=date.today() - timedelta(days=20),
                            recorded_by_name="Sam"))
    session.commit()
    assert "no_words_pictures" in _codes(client, auth, team, case)
    wp = client.post(f"{base}/words-and-pictures", headers=auth, json={"title": "Our story"})
    wurl = f"{base}/words-and-pictures/{wp.json()['id']}"
    client.post(f"{wurl}/panels", headers=auth, data={"words": "Hello Mia."})
    client.post(f"{wurl}/explanations", headers=auth, json={
        "child_id": mia.id, "explained_on": str(date.today())})
    assert "no_words_pictures" not in _codes(client, auth, team, case)

    # A stage planned five weeks ago and not done; then done by the record.
    t = client.post(f"{base}/trajectory", headers=auth, json={"goal": "Safe at home"}).json()
    network = next(s for s in t["stages"] if s["key"] == "network")
    client.patch(f"{base}/trajectory/stages/{network['id']}",
                 headers={**auth, "If-Match": f'"trajectorystage-{network["id"]}-v1"'},
                 json={"planned_on": str(date.today() - timedelta(weeks=5))})
    assert "trajectory_drift" in _codes(client, auth, team, case)
    assert _filtered(client, auth, team, "trajectory_drift") == [case.id]
    member = client.post(f"{base}/network/members", headers=auth,
                         json={"name": "Nana", "role": "Gran"}).json()
    client.post(f"{base}/network/meetings", headers=auth, json={
        "held_on": str(date.today()), "member_ids": [member["id"]], "agreed": "Fridays"})
    assert "trajectory_drift" not in _codes(client, auth, team, case)
    assert not {"danger_without_rule", "rule_slipping", "no_words_pictures",
                "trajectory_drift"} & _codes(client, auth, team, other)
