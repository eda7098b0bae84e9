"""Each child has their own record of what applies to them: a worker records a child
protection plan for one child and a child in need plan for another, mistakes are shown
beside the fields, and the case page, the chronology and the API show each child's own."""

import re
from datetime import date, timedelta

from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.child_status import ChildStatus
from tests.factories import login, make_case, make_child, make_team, make_user


def _day(prefix: str, d: date) -> dict[str, str]:
    return {f"{prefix}-day": str(d.day), f"{prefix}-month": str(d.month),
            f"{prefix}-year": str(d.year)}


def test_each_child_has_their_own_plans(client, session):
    team = make_team(session)
    worker = make_user(session, team=team)
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 4, 2))
    leo = make_child(session, case=case, given_name="Leo", date_of_birth=date(2021, 9, 9))
    session.commit()
    csrf = login(client, worker)
    start = date.today() - timedelta(days=40)
    url = f"/cases/{case.id}/children/{mia.id}/status"

    no_category = client.post(url, data={"csrf_token": csrf, "kind": "child_protection_plan",
                                         **_day("starts_on", start)})
    assert no_category.status_code == 422
    assert "Choose the category of the child protection plan" in no_category.text
    before_birth = client.post(url, data={"csrf_token": csrf, "kind": "child_in_need",
                                          **_day("starts_on", date(2017, 1, 1))})
    assert before_birth.status_code == 422 and "before Mia was born" in before_birth.text
    assert session.scalar(select(func.count()).select_from(ChildStatus)) == 0

    ok = client.post(url, data={"csrf_token": csrf, "kind": "child_protection_plan",
                                "category": "neglect", **_day("starts_on", start)},
                     follow_redirects=False)
    assert ok.status_code == 303
    overlap = client.post(url, data={"csrf_token": csrf, "kind": "child_protection_plan",
                                     "category": "emotional",
                                     **_day("starts_on", start + timedelta(days=3))})
    assert overlap.status_code == 422 and "already has a child protection plan" in overlap.text
    assert client.post(f"/cases/{case.id}/children/{leo.id}/status", data={
        "csrf_token": csrf, "kind": "child_in_need", **_day("starts_on", start)},
        follow_redirects=False).status_code == 303

    page = client.get(f"/cases/{case.id}").text
    start_at = page.index(f'id="person-{mia.id}"')
    mia_card = page[start_at:page.find('id="person-', start_at + 10)]
    assert "Child protection plan (neglect) since" in mia_card
    assert "Child in need plan" not in mia_card
    chron = client.get(f"/cases/{case.id}/children/{mia.id}/chronology").text
    assert "Child protection plan (neglect) started" in chron

    # Ending it: the last day cannot come before the first.
    session.commit()
    row = session.scalars(select(ChildStatus).where(ChildStatus.child_id == mia.id)).one()
    end_url = f"{url}/{row.id}/end"
    early = client.post(end_url, data={"csrf_token": csrf, "version": str(row.version),
                                       **_day(f"ends_on_{row.id}", start - timedelta(days=1))})
    assert early.status_code == 422 and "on or after the first day" in early.text
    ended = client.post(end_url, data={"csrf_token": csrf, "version": str(row.version),
                                       **_day(f"ends_on_{row.id}", date.today())},
                        follow_redirects=False)
    assert ended.status_code == 303
    stale = client.post(end_url, data={"csrf_token": csrf, "version": str(row.version),
                                       **_day(f"ends_on_{row.id}", date.today())})
    assert stale.status_code == 409
    api = client.get(f"/api/v1/cases/{case.id}/children/{mia.id}/statuses",
                     headers={"X-CSRF-Token": csrf}).json()
    assert [(s["kind"], s["category"], s["ends_on"]) for s in api] == [
        ("child_protection_plan", "neglect", date.today().isoformat())]
    session.commit()
    summaries = session.scalars(select(AuditEvent.summary).where(
        AuditEvent.entity_type == "child_status").order_by(AuditEvent.id)).all()
    assert summaries[0].startswith("recorded child protection plan (neglect) for Mia from")
    assert summaries[-1].startswith("ended child protection plan (neglect) for Mia on")
    assert re.search(r"Leo", summaries[1])
