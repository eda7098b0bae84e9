"""The audit trail: every change, who/when/what/before/after, in an unbroken hash chain."""

import subprocess
import sys

from sqlalchemy import select, text, update

from app.config import ROOT
from app.models.audit import AuditEvent
from app.models.enums import Role
from app.services import audit
from tests.factories import login, make_case, make_child, make_team, make_token, make_user


def _events(session, **where):
    session.commit()
    stmt = select(AuditEvent).order_by(AuditEvent.seq)
    for k, v in where.items():
        stmt = stmt.where(getattr(AuditEvent, k) == v)
    return list(session.scalars(stmt))


def test_api_change_is_recorded_with_field_before_and_after(client, session):
    team = make_team(session)
    case = make_case(session, team=team, family_name="Harper")
    child = make_child(session, case=case, given_name="Mia")
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}", "X-Request-ID": "req-abc-123"}
    got = client.get(f"/api/v1/cases/{case.id}/people/{child.id}", headers=auth)
    r = client.patch(
        f"/api/v1/cases/{case.id}/people/{child.id}",
        json={"date_of_birth": "2018-05-02"},
        headers={**auth, "If-Match": got.headers["ETag"]},
    )
    assert r.status_code == 200
    [ev] = _events(session, entity_type="person", action="update")
    assert ev.changes == {"date_of_birth": {"before": "2018-05-01", "after": "2018-05-02"}}
    assert ev.channel == "api" and ev.actor_token_id is not None
    assert ev.request_id == "req-abc-123"
    assert ev.case_id == case.id
    assert "changed date of birth from 1 May 2018 to 2 May 2018 for Mia Harper" in ev.summary

    history = client.get(f"/api/v1/cases/{case.id}/history", headers=auth).json()
    assert history["items"][0]["changes"]["date_of_birth"]["after"] == "2018-05-02"


def test_ui_change_reads_as_a_sentence_in_the_history_tab(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    other = make_user(session, team=team, name="Jo Kaur")
    session.commit()
    csrf = login(client, worker)
    r = client.post(
        f"/cases/{case.id}/edit",
        data={
            "csrf_token": csrf,
            "family_name": "Harper",
            "worker_id": str(other.id),
            "version": "1",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = client.get(f"/cases/{case.id}/history").text
    assert "Sam Patel changed allocated worker from Sam Patel to Jo Kaur on the case" in page
    [ev] = _events(session, action="allocate")
    assert ev.channel == "ui" and ev.actor_user_id == worker.id


def test_a_refused_change_leaves_no_event(client, session):
    team = make_team(session)
    case = make_case(session, team=team)
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    before = len(_events(session))
    r = client.post(
        f"/api/v1/cases/{case.id}/people",
        json={"kind": "child", "given_name": "A", "family_name": "B"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 422
    assert len(_events(session)) == before


def test_opening_a_restricted_case_is_logged(client, session):
    team = make_team(session)
    named = make_user(session, role=Role.supervisor, team=team, name="Alex Morgan")
    case = make_case(session, team=team, restricted_to=[named], family_name="Wren")
    session.commit()
    login(client, named)
    assert client.get(f"/cases/{case.id}").status_code == 200
    views = _events(session, action="view", case_id=case.id)
    assert len(views) == 1 and views[0].actor_user_id == named.id


def test_chain_verifies_and_names_the_first_altered_event(session):
    team = make_team(session)
    for name in ("One", "Two", "Three"):
        make_case(session, team=team, family_name=name)
    session.commit()
    assert audit.verify(session).ok
    events = _events(session)
    target = events[1]
    session.execute(
        update(AuditEvent).where(AuditEvent.id == target.id).values(summary="opened nothing")
    )
    session.commit()
    result = audit.verify(session)
    assert not result.ok and result.first_bad_seq == target.seq
    assert f"event {target.seq} was altered" in result.reason


def test_chain_notices_a_removed_event(session):
    team = make_team(session)
    for name in ("One", "Two", "Three"):
        make_case(session, team=team, family_name=name)
    session.commit()
    events = _events(session)
    session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": events[1].id})
    session.commit()
    result = audit.verify(session)
    assert not result.ok and result.first_bad_seq == events[1].seq
    # Removing the newest event is noticed too (the head remembers the end of the chain).
    session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": events[-1].id})
    session.commit()
    assert not audit.verify(session).ok


def test_verify_command_fails_naming_the_event(session, database):
    team = make_team(session)
    make_case(session, team=team, family_name="One")
    make_case(session, team=team, family_name="Two")
    session.commit()
    ok = subprocess.run(
        [sys.executable, "-m", "app", "audit", "verify"], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0 and "intact" in ok.stdout
    first = _events(session)[0]
    session.execute(
        update(AuditEvent).where(AuditEvent.id == first.id).values(actor_name="Someone else")
    )
    session.commit()
    bad = subprocess.run(
        [sys.executable, "-m", "app", "audit", "verify"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert f"first bad event: {first.seq}" in bad.stderr
