"""Issue #15 parts 1, 2 and 5 through /api/v1: a child's dated events with census codes, the
census details on the child's record, what the record proposes (a signed-off assessment
mapping gives the assessment, authorised that day, with the factors tagged on its harm and
danger statements), and the bad input each refused on its field with nothing saved."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.case_event import CaseEvent
from app.models.enums import Category, MappingKind, Role
from app.services import census_codes
from app.services import mapping as mapping_service
from tests.factories import (
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)


def _setup(session):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team)
    boss = make_user(session, role=Role.supervisor, team=team)
    case = make_case(session, team=team, worker=worker)
    mia = make_child(session, case=case, date_of_birth=date(2018, 5, 1))
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    return case, mia, boss, {"Authorization": f"Bearer {token}"}


def _errors(r):  # type: ignore[no-untyped-def]
    assert r.status_code == 422, r.text
    return {e["field"]: e["message"] for e in r.json()["errors"]}


def test_bad_events_are_refused_on_their_field_and_nothing_is_saved(client, session):
    case, mia, _, auth = _setup(session)
    url = f"/api/v1/cases/{case.id}/children/{mia.id}/events"
    before_birth = _errors(client.post(url, headers=auth, json={
        "kind": "referral", "happened_on": "2017-01-02", "code": "2A", "need_code": "N1"}))
    assert "more than 40 weeks before Mia was born" in before_birth["happened_on"]
    review_before_birth = _errors(client.post(url, headers=auth, json={
        "kind": "cp_review", "happened_on": "2018-04-01"}))
    assert "before Mia was born" in review_before_birth["happened_on"]
    codes = _errors(client.post(url, headers=auth, json={
        "kind": "referral", "happened_on": "2025-06-02", "code": "ZZ"}))
    assert codes["code"] == "Choose where the referral came from, from the list"
    assert codes["need_code"] == "Choose the main need, or tick “no further action”"
    wrong_field = _errors(client.post(url, headers=auth, json={
        "kind": "closure", "happened_on": "2025-06-02", "code": "RC7",
        "strategy_on": "2025-06-01"}))
    assert "does not have this" in wrong_field["strategy_on"]
    factors = _errors(client.post(url, headers=auth, json={
        "kind": "assessment", "happened_on": "2025-06-03", "completed_on": "2025-07-01",
        "factors": "21 3B"}))
    assert "cannot go with other factors" in factors["factors"]
    late = _errors(client.post(url, headers=auth, json={
        "kind": "assessment", "happened_on": "2025-06-03", "completed_on": "2025-06-01"}))
    assert "on or after the day it started" in late["completed_on"]
    closing = _errors(client.post(url, headers=auth, json={
        "kind": "closure", "happened_on": "2025-06-02", "code": "RC7"}))
    assert "no referral for Mia" in closing["happened_on"]
    session.commit()
    assert session.scalar(select(func.count()).select_from(CaseEvent)) == 0
    # A referral; a second while it is open is refused; a closure with a plan open too.
    ok = client.post(url, headers=auth, json={
        "kind": "referral", "happened_on": "2025-06-02", "code": "2A", "need_code": "N1"})
    assert ok.status_code == 201 and ok.json()["described"] == (
        "Referral from School: abuse or neglect")
    again = _errors(client.post(url, headers=auth, json={
        "kind": "referral", "happened_on": "2025-08-02", "code": "6", "need_code": "N1"}))
    assert "still open. Record its closure first" in again["happened_on"]
    plan = client.post(f"/api/v1/cases/{case.id}/children/{mia.id}/statuses", headers=auth,
                       json={"kind": "child_in_need", "starts_on": "2025-07-01"})
    assert plan.status_code == 201
    open_plan = _errors(client.post(url, headers=auth, json={
        "kind": "closure", "happened_on": "2025-09-01", "code": "RC7"}))
    assert "still has a child in need plan" in open_plan["happened_on"]
    client.post(f"/api/v1/cases/{case.id}/children/{mia.id}/statuses/{plan.json()['id']}/end",
                headers={**auth, "If-Match": plan.headers["ETag"]}, json={"ends_on": "2025-08-31"})
    closed = client.post(url, headers=auth, json={
        "kind": "closure", "happened_on": "2025-09-01", "code": "RC7"})
    assert closed.status_code == 201, closed.text


def test_change_needs_the_version_and_is_audited_and_withdrawn_not_deleted(client, session):
    case, mia, _, auth = _setup(session)
    url = f"/api/v1/cases/{case.id}/children/{mia.id}/events"
    made = client.post(url, headers=auth, json={
        "kind": "referral", "happened_on": "2025-06-02", "code": "2A", "need_code": "N1"})
    event = f"{url}/{made.json()['id']}"
    assert client.patch(event, headers=auth, json={"code": "6"}).status_code == 428
    changed = client.patch(event, headers={**auth, "If-Match": made.headers["ETag"]},
                           json={"code": "6"})
    assert changed.status_code == 200 and changed.json()["described"].startswith(
        "Referral from Police")
    stale = client.patch(event, headers={**auth, "If-Match": made.headers["ETag"]},
                         json={"code": "3A"})
    assert stale.status_code == 412
    gone = client.post(f"{event}/withdraw", headers={**auth, "If-Match": changed.headers["ETag"]})
    assert gone.status_code == 200 and gone.json()["withdrawn"] is True
    assert client.get(url, headers=auth).json() == []
    assert len(client.get(f"{url}?withdrawn=true", headers=auth).json()) == 1
    session.commit()
    audit = session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "case_event")
                            .order_by(AuditEvent.id)).all()
    assert [a.action for a in audit] == ["create", "update", "update"]
    assert audit[1].changes["code"] == {"before": "2A", "after": "6"}


def test_a_signed_off_assessment_mapping_proposes_the_assessment_with_its_factors(
        client, session):
    case, mia, boss, auth = _setup(session)
    held = date.today() - timedelta(days=20)
    m = make_mapping(session, case=case, kind=MappingKind.initial_assessment, held_on=held)
    make_item(session, mapping=m, category=Category.harm, harm_adult_action="Ryan hit Jade",
              census_factors="3B")
    make_item(session, mapping=m, category=Category.danger_statement,
              ds_behaviour="Ryan may hit Jade again", census_factors="3B 1C")
    session.commit()
    # Factors only on harm and danger statements.
    wrong = client.post(f"/api/v1/cases/{case.id}/mappings/{m.id}/items", headers=auth,
                        json={"category": "existing_strength", "text": "Gran helps",
                              "census_factors": "3B"})
    assert _errors(wrong)["census_factors"].startswith("Census factors are tagged on harm")
    session.commit()
    url = f"/api/v1/cases/{case.id}/children/{mia.id}"
    proposed = client.get(f"{url}/event-proposals", headers=auth).json()
    assert proposed == [{"child_id": mia.id, "kind": "assessment", "happened_on": str(held),
                         "completed_on": None, "factors": None, "mapping_id": m.id,
                         "because": proposed[0]["because"], "event_id": None}]
    started = client.post(f"{url}/events", headers=auth, json={
        "kind": "assessment", "happened_on": str(held), "mapping_id": m.id})
    assert started.status_code == 201
    assert client.get(f"{url}/event-proposals", headers=auth).json() == []
    signed = _sign_off(session, case, m, boss)
    proposed = client.get(f"{url}/event-proposals", headers=auth).json()
    assert len(proposed) == 1
    p = proposed[0]
    assert p["event_id"] == started.json()["id"] and p["completed_on"] == str(signed)
    assert p["factors"] == "1C 3B"  # in the census's order
    done = client.patch(f"{url}/events/{p['event_id']}",
                        headers={**auth, "If-Match": started.headers["ETag"]},
                        json={"completed_on": p["completed_on"], "factors": p["factors"]})
    assert done.status_code == 200 and done.json()["described"].startswith(
        "Assessment, authorised")
    assert client.get(f"{url}/event-proposals", headers=auth).json() == []


def _sign_off(session, case, mapping, boss) -> date:  # type: ignore[no-untyped-def]
    from app.models.mapping import Mapping
    from app.services.audit import Actor

    m = session.get(Mapping, mapping.id)
    mapping_service.sign_off(session, case=case, mapping=m, supervisor=boss,
                             expected_version=None,
                             actor=Actor(user_id=boss.id, name=boss.name, channel="system"))
    session.commit()
    session.refresh(m)
    return m.signed_off_at.date()


def test_census_details_on_the_child_are_checked_against_the_census_codes(client, session):
    case, mia, _, auth = _setup(session)
    url = f"/api/v1/cases/{case.id}/people/{mia.id}"
    etag = client.get(url, headers=auth).headers["ETag"]
    good = census_codes.with_check_letter("201000000042")
    bad_letter = ("A" if good[0] != "A" else "B") + good[1:]
    r = client.patch(url, headers={**auth, "If-Match": etag}, json={
        "ethnicity": "XXXX", "upn": bad_letter, "disabilities": "NONE LD", "sex": "F"})
    errors = _errors(r)
    assert errors["ethnicity"].startswith("“XXXX” is not an ethnicity code")
    assert "first letter does not match" in errors["upn"]
    assert errors["disabilities"] == "“No disability” cannot go with another disability"
    both = _errors(client.patch(url, headers={**auth, "If-Match": etag}, json={
        "upn": good, "upn_unknown": "UN1"}))
    assert "leave the reason it is not known empty" in both["upn_unknown"]
    ok = client.patch(url, headers={**auth, "If-Match": etag}, json={
        "ethnicity": "WBRI", "upn": good, "disabilities": "LD AUT", "sex": "F"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["disabilities"] == "LD AUT" and ok.json()["sex"] == "F"
