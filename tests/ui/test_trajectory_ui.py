"""Issue #14 part 4 in the browser without JavaScript: the case plan goal set from the case
page, the stages planned, a late stage marked on the case page, the record marking a stage
done, a date typed in, and a stale change refused."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

from sqlalchemy import select

from app.models.trajectory import TrajectoryStage
from tests.factories import login, make_case, make_mapping, make_team, make_user


def _flat(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)))


def _day(prefix: str, d: date) -> dict[str, str]:
    return {f"{prefix}-day": str(d.day), f"{prefix}-month": str(d.month),
            f"{prefix}-year": str(d.year)}


def test_goal_stages_and_drift(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_mapping(session, case=case)
    session.commit()
    csrf = login(client, worker)
    assert "Case plan goal Not set yet" in _flat(client.get(f"/cases/{case.id}").text)
    bad = client.post(f"/cases/{case.id}/trajectory", data={"csrf_token": csrf, "goal": ""})
    assert bad.status_code == 422 and 'id="goal-error"' in bad.text
    r = client.post(f"/cases/{case.id}/trajectory", data={
        "csrf_token": csrf, "goal": "Mia is safe at home with Mum"}, follow_redirects=False)
    assert r.status_code == 303
    session.commit()
    stages = {s.key: s for s in session.scalars(select(TrajectoryStage))}
    net = stages["network"]
    late = date.today() - timedelta(weeks=4)
    r = client.post(f"/cases/{case.id}/trajectory/stages/{net.id}", data={
        "csrf_token": csrf, "version": str(net.version), "name": "Network building",
        **_day("planned_on", late)}, follow_redirects=False)
    assert r.status_code == 303
    text = _flat(client.get(f"/cases/{case.id}").text)
    assert "Mia is safe at home with Mum" in text
    assert f"Late Network building: planned for {late:%-d %B %Y}" in text
    quality = _flat(client.get(f"/cases/{case.id}/quality").text)
    assert f"“Network building” was planned for {late:%-d %B %Y} and is not done yet" in quality
    # Done, typed in: no longer late; a stale change is refused.
    stale = client.post(f"/cases/{case.id}/trajectory/stages/{net.id}", data={
        "csrf_token": csrf, "version": str(net.version), "name": "Overwritten"})
    assert stale.status_code == 409
    session.commit()
    session.refresh(net)
    r = client.post(f"/cases/{case.id}/trajectory/stages/{net.id}", data={
        "csrf_token": csrf, "version": str(net.version), "name": "Network building",
        **_day("planned_on", late), **_day("done_on", date.today())}, follow_redirects=False)
    assert r.status_code == 303
    page = _flat(client.get(f"/cases/{case.id}/trajectory").text)
    assert f"Network building {late:%-d %B %Y} Done {date.today():%-d %B %Y}" in page
    assert "Late" not in _flat(client.get(f"/cases/{case.id}").text)
