"""Issue #14 part 4 through /api/v1: the case plan goal in the family's words and the stages
to it; the record dates the stages it can (a network meeting, the plan agreed), a date typed
in wins; a stage past its planned date by more than the allowance is drift (a signal)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.enums import Role
from app.services import trajectory as trajectory_service
from tests.factories import make_case, make_team, make_token, make_user


def test_goal_stages_dates_from_the_record_and_drift(client, session):
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team)
    case = make_case(session, team=team, worker=worker)
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/cases/{case.id}/trajectory"
    assert client.get(url, headers=auth).status_code == 404
    bad = client.post(url, headers=auth, json={"goal": "   "})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "goal"
    t = client.post(url, headers=auth, json={
        "goal": "Mia and Leo are safe at home with Mum, and Nana helps"})
    assert t.status_code == 201, t.text
    stages = t.json()["stages"]
    assert [s["name"] for s in stages] == ["Preparing", "Network building",
                                          "Words and Pictures", "Safety plan developed",
                                          "Safety plan monitored", "Closure"]
    network = next(s for s in stages if s["key"] == "network")
    # Planned five weeks ago and not done: drift.
    planned = str(date.today() - timedelta(weeks=5))
    r = client.patch(f"{url}/stages/{network['id']}",
                     headers={**auth, "If-Match": f'"trajectorystage-{network["id"]}-v1"'},
                     json={"planned_on": planned})
    assert r.status_code == 200 and r.json()["drifting"] is True
    session.commit()
    assert [s.row.name for s in trajectory_service.drifting(session, case=case)] == [
        "Network building"]
    # A network meeting in the record dates the stage: no longer drift.
    member = client.post(f"/api/v1/cases/{case.id}/network/members", headers=auth,
                         json={"name": "Nana", "role": "Gran"}).json()
    held = str(date.today() - timedelta(days=3))
    m = client.post(f"/api/v1/cases/{case.id}/network/meetings", headers=auth, json={
        "held_on": held, "member_ids": [member["id"]], "agreed": "Nana has Mia on Fridays"})
    assert m.status_code == 201
    now = {s["key"]: s for s in client.get(url, headers=auth).json()["stages"]}
    assert now["network"]["done"] == held and now["network"]["drifting"] is False
    assert now["network"]["done_on"] is None
    # A date typed in wins; a future one is refused.
    closure = now["closure"]
    future = client.patch(f"{url}/stages/{closure['id']}",
                          headers={**auth, "If-Match": f'"trajectorystage-{closure["id"]}-v1"'},
                          json={"done_on": str(date.today() + timedelta(days=1))})
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "done_on"
    stale = client.patch(f"{url}/stages/{closure['id']}",
                         headers={**auth, "If-Match": f'"trajectorystage-{closure["id"]}-v9"'},
                         json={"name": "Case closed"})
    assert stale.status_code == 412
    extra = client.post(f"{url}/stages", headers=auth, json={"name": "Family group conference",
                                                             "planned_on": held})
    assert extra.status_code == 201 and extra.json()["position"] == 7
    session.commit()
    kinds = {e.entity_type for e in session.scalars(select(AuditEvent).where(
        AuditEvent.case_id == case.id))}
    assert {"trajectory", "trajectory_stage"} <= kinds
