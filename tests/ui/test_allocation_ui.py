"""Who works on a case: a team manager adds cover from another team for a date range (they
can then read and change the case, and lose it when the cover ends) and moves the case to
another team and worker in the browser."""

import re
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.models.allocation import CaseAllocation
from app.models.audit import AuditEvent
from app.models.case import Case
from app.models.enums import Role
from app.models.user import User
from tests.factories import login, make_case, make_team, make_user


def _day(prefix: str, d: date) -> dict[str, str]:
    return {f"{prefix}-day": str(d.day), f"{prefix}-month": str(d.month),
            f"{prefix}-year": str(d.year)}


def _edit(client: TestClient, case_id: int, csrf: str, name: str) -> int:
    page = client.get(f"/cases/{case_id}/edit")
    if page.status_code != 200:
        return page.status_code
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    return client.post(f"/cases/{case_id}/edit", data={
        "csrf_token": csrf, "family_name": name, "reference": "", "worker_id": "",
        "version": version}, follow_redirects=False).status_code


def test_cover_from_another_team_works_on_the_case_only_while_it_runs(app, client, session):
    north, south = make_team(session, name="North"), make_team(session, name="South")
    manager = make_user(session, role=Role.supervisor, team=north, name="Alex Morgan")
    worker = make_user(session, team=north, name="Sam Patel")
    cover = make_user(session, team=south, name="Dee Cover")
    case = make_case(session, team=north, worker=worker, family_name="Wren")
    session.commit()
    csrf = login(client, manager)
    today = date.today()

    missing = client.post(f"/cases/{case.id}/allocation/colleagues", data={
        "csrf_token": csrf, "user_id": str(cover.id), "kind": "cover",
        **_day("starts_on", today)})
    assert missing.status_code == 422 and "Enter the last day of the cover" in missing.text
    backwards = client.post(f"/cases/{case.id}/allocation/colleagues", data={
        "csrf_token": csrf, "user_id": str(cover.id), "kind": "cover",
        **_day("starts_on", today), **_day("ends_on", today - timedelta(days=1))})
    assert backwards.status_code == 422 and "on or after the first day" in backwards.text
    session.commit()
    assert session.scalar(select(CaseAllocation.id)) is None

    with TestClient(app, raise_server_exceptions=False) as dee:
        dee_csrf = login(dee, cover)
        assert dee.get(f"/cases/{case.id}").status_code == 404  # not theirs yet
        added = client.post(f"/cases/{case.id}/allocation/colleagues", data={
            "csrf_token": csrf, "user_id": str(cover.id), "kind": "cover",
            "note": "annual leave", **_day("starts_on", today),
            **_day("ends_on", today + timedelta(days=14))}, follow_redirects=False)
        assert added.status_code == 303
        again = client.post(f"/cases/{case.id}/allocation/colleagues", data={
            "csrf_token": csrf, "user_id": str(cover.id), "kind": "co_worker",
            **_day("starts_on", today + timedelta(days=3))})
        assert again.status_code == 422 and "already on the case" in again.text

        # While the cover runs, Dee finds the case in their list and changes it.
        assert "Wren" in dee.get("/cases").text
        assert "Dee Cover: cover until" in client.get(f"/cases/{case.id}").text
        assert _edit(dee, case.id, dee_csrf, "Wren-Hale") == 303
        session.commit()
        session.expire_all()
        change = session.scalars(select(AuditEvent).where(
            AuditEvent.case_id == case.id, AuditEvent.actor_user_id == cover.id)).one()
        assert change.changes["family_name"]["after"] == "Wren-Hale"

        # Ended today, the cover still runs today; ended from yesterday's date, it has gone.
        row = session.scalars(select(CaseAllocation)).one()
        page = client.get(f"/cases/{case.id}/allocation").text
        assert "Working on the case" in page and "annual leave" in page
        ended = client.post(f"/cases/{case.id}/allocation/colleagues/{row.id}/end",
                            data={"csrf_token": csrf, "version": str(row.version)},
                            follow_redirects=False)
        assert ended.status_code == 303
        session.commit()
        session.expire_all()
        assert session.get(CaseAllocation, row.id).ends_on == today
        row_obj = session.get(CaseAllocation, row.id)
        row_obj.ends_on = today - timedelta(days=1)  # as it will be tomorrow
        row_obj.starts_on = today - timedelta(days=5)
        session.commit()
        assert dee.get(f"/cases/{case.id}").status_code == 404
        assert "Wren" not in dee.get("/cases").text
    summaries = session.scalars(select(AuditEvent.summary).where(
        AuditEvent.entity_type == "case_allocation").order_by(AuditEvent.id)).all()
    assert summaries[0].startswith("added Dee Cover as cover from ")
    assert summaries[1].startswith("ended Dee Cover's cover (last day ")


def test_a_team_manager_moves_a_case_to_another_team_and_loses_sight_of_it(client, session):
    north, south = make_team(session, name="North"), make_team(session, name="South")
    manager = make_user(session, role=Role.supervisor, team=north)
    worker = make_user(session, team=north)
    make_user(session, team=south, name="Nia South")
    practitioner = make_user(session, team=north)
    case = make_case(session, team=north, worker=worker, family_name="Wren")
    session.commit()
    nia = session.scalars(select(User).where(User.name == "Nia South")).one()

    # A social worker may look but not move it.
    csrf_p = login(client, practitioner)
    page = client.get(f"/cases/{case.id}/allocation").text
    assert "Move the case" not in page
    refused = client.post(f"/cases/{case.id}/allocation/transfer", data={
        "csrf_token": csrf_p, "destination": f"worker:{south.id}:{nia.id}", "version": "1"})
    assert refused.status_code == 403

    csrf = login(client, manager)
    page = client.get(f"/cases/{case.id}/allocation").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    wrong = client.post(f"/cases/{case.id}/allocation/transfer", data={
        "csrf_token": csrf, "destination": f"worker:{north.id}:{nia.id}", "version": version})
    assert wrong.status_code == 422 and "must be in the case" in wrong.text
    moved = client.post(f"/cases/{case.id}/allocation/transfer", data={
        "csrf_token": csrf, "destination": f"worker:{south.id}:{nia.id}", "version": version},
        follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/cases"
    assert client.get(f"/cases/{case.id}").status_code == 404
    stale = client.post(f"/cases/{case.id}/allocation/transfer", data={
        "csrf_token": csrf, "destination": f"team:{north.id}", "version": version})
    assert stale.status_code == 404  # out of their reach now
    session.commit()
    session.expire_all()
    moved_case = session.get(Case, case.id)
    assert moved_case.team_id == south.id and moved_case.worker_id == nia.id
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.case_id == case.id, AuditEvent.action == "allocate")).one()
    assert "changed team from North to South" in event.summary
    assert event.actor_user_id == manager.id
