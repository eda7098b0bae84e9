"""Issue #22 part 3: a service manager restricts a case in the browser and names who may see
it; the people not named lose sight of it at once, the change is audited, and a stale form
or a restriction naming nobody else is refused with a reason."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.enums import Role
from tests.factories import login, make_case, make_team, make_token, make_user


def test_a_service_manager_restricts_a_case_to_two_people(
        client: TestClient, session: Session) -> None:
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    manager = make_user(session, team=team, role=Role.supervisor, name="Alex Morgan")
    colleague = make_user(session, team=team, name="Jo Reed")
    head = make_user(session, role=Role.service_manager, name="Priya Shah")
    case = make_case(session, team=team, worker=worker, family_name="Wren")
    token = make_token(session, scopes=["read"], team=team)
    session.commit()
    csrf = login(client, head)
    page = client.get(f"/cases/{case.id}/access")
    assert page.status_code == 200 and "Sam Patel" in page.text
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version is not None
    alone = client.post(f"/cases/{case.id}/access",
                        data={"csrf_token": csrf, "restricted": "yes", "version": version[1]})
    assert alone.status_code == 422 and "Name at least one person besides you" in alone.text
    r = client.post(f"/cases/{case.id}/access", follow_redirects=False, data={
        "csrf_token": csrf, "restricted": "yes", "version": version[1],
        "user_ids": [str(worker.id), str(manager.id)]})
    assert r.status_code == 303
    stale = client.post(f"/cases/{case.id}/access", data={
        "csrf_token": csrf, "restricted": "no", "version": version[1]})
    assert stale.status_code == 409 and "Someone else changed this case" in stale.text
    ev = session.scalar(select(AuditEvent).where(AuditEvent.action == "restrict"))
    assert ev is not None
    assert ev.summary == "restricted the case to Alex Morgan, Priya Shah, Sam Patel"
    assert ev.changes["restricted"] == {"before": False, "after": True}
    for user, seen in ((worker, 200), (manager, 200), (colleague, 404)):
        client.cookies.clear()
        login(client, user)
        assert client.get(f"/cases/{case.id}").status_code == seen, user.name
    client.cookies.clear()
    assert client.get(f"/api/v1/cases/{case.id}",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 404
    # The worker may not lift it.
    csrf = login(client, worker)
    refused = client.post(f"/cases/{case.id}/access", data={
        "csrf_token": csrf, "restricted": "no", "version": "1"})
    assert refused.status_code == 403
