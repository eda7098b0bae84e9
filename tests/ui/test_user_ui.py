"""An administrator manages accounts and teams in the browser; a person given a temporary
password chooses their own before anything else."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.enums import Role
from app.models.team import Team
from app.models.user import User
from tests.factories import csrf_of, login, make_case, make_team, make_user


def _secret(page: str) -> str:
    found = re.search(r'<code class="app-secret" id="secret">([^<]+)</code>', page)
    assert found, page[:500]
    return found.group(1)


def _version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]


def test_a_new_user_gets_a_temporary_password_once_and_must_choose_their_own(app, client,
                                                                            session):
    team = make_team(session, name="North")
    admin = make_user(session, role=Role.administrator, name="Robin Ellis")
    session.commit()
    session.expire_all()
    csrf = login(client, admin)

    added = client.post("/admin/users", data={
        "csrf_token": csrf, "name": "Jo Newman", "email": "Jo.Newman@example.org",
        "role": "practitioner", "team_id": str(team.id), "phone": ""})
    assert added.status_code == 201
    assert added.headers["cache-control"] == "no-store"
    temporary = _secret(added.text)
    assert "only time it is shown" in added.text
    session.commit()
    session.expire_all()
    jo = session.scalars(select(User).where(User.email == "jo.newman@example.org")).one()
    assert jo.role == Role.practitioner and jo.team_id == team.id and jo.must_change_password
    # The admin's list shows the new account; it never shows the password again.
    home = client.get("/admin").text
    assert "Jo Newman" in home and "Temporary password" in home and temporary not in home
    assert temporary not in client.get(f"/admin/users/{jo.id}").text

    with TestClient(app, raise_server_exceptions=False) as jo_client:
        signed_in = jo_client.post("/login", data={"email": "jo.newman@example.org",
                                                   "password": temporary}, follow_redirects=False)
        assert signed_in.status_code == 303
        # Whatever they open, they are asked for their own password first; the API says why.
        cases = jo_client.get("/cases", follow_redirects=False)
        assert cases.status_code == 303 and cases.headers["location"] == "/account/password"
        assert jo_client.get("/api/v1/cases").status_code == 403
        page = jo_client.get("/account/password")
        assert "Choose your own password" in page.text
        csrf_jo = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        short = jo_client.post("/account/password", data={
            "csrf_token": csrf_jo, "current": temporary, "new": "short", "confirm": "short"})
        assert short.status_code == 422 and "at least 12 characters" in short.text
        mismatch = jo_client.post("/account/password", data={
            "csrf_token": csrf_jo, "current": temporary, "new": "river stone lantern",
            "confirm": "river stone lanterns"})
        assert mismatch.status_code == 422 and "not the same" in mismatch.text
        chosen = jo_client.post("/account/password", data={
            "csrf_token": csrf_jo, "current": temporary, "new": "river stone lantern",
            "confirm": "river stone lantern"}, follow_redirects=False)
        assert chosen.status_code == 303
        assert jo_client.get("/cases").status_code == 200
    # The temporary password no longer works; theirs does.
    with TestClient(app, raise_server_exceptions=False) as again:
        old = again.post("/login", data={"email": "jo.newman@example.org",
                                         "password": temporary}, follow_redirects=False)
        assert old.status_code == 422
        new = again.post("/login", data={"email": "jo.newman@example.org",
                                         "password": "river stone lantern"},
                         follow_redirects=False)
        assert new.status_code == 303
    session.commit()
    session.expire_all()
    actions = session.scalars(select(AuditEvent.action).where(
        AuditEvent.entity_type == "user", AuditEvent.entity_id == jo.id)
        .order_by(AuditEvent.id)).all()
    assert actions == ["create", "change_password"]


def test_mistakes_in_the_user_form_are_shown_beside_the_fields_and_add_nothing(client, session):
    team = make_team(session, name="North")
    admin = make_user(session, role=Role.administrator)
    make_user(session, team=team, email="taken@example.org")
    session.commit()
    session.expire_all()
    csrf = login(client, admin)
    before = session.scalar(select(func.count()).select_from(User))

    r = client.post("/admin/users", data={
        "csrf_token": csrf, "name": "Al Smith", "email": "TAKEN@example.org",
        "role": "practitioner", "team_id": ""})
    assert r.status_code == 422
    assert "Another account already uses this email address" in r.text
    assert "social workers and team managers belong to one" in r.text
    assert 'id="email-error"' in r.text and 'id="team_id-error"' in r.text
    assert 'value="Al Smith"' in r.text  # what was typed is kept
    bad = client.post("/admin/users", data={
        "csrf_token": csrf, "name": "", "email": "not an email", "role": "practitioner",
        "team_id": str(team.id)})
    assert bad.status_code == 422
    assert "Enter full name" in bad.text or "Enter name" in bad.text
    assert "right format" in bad.text
    session.commit()
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(User)) == before


def test_deactivating_ends_the_persons_sessions_and_a_stale_form_changes_nothing(app, client,
                                                                               session):
    team = make_team(session, name="North")
    admin = make_user(session, role=Role.administrator)
    worker = make_user(session, team=team, name="Kim Leaving")
    make_case(session, team=team, worker=worker, family_name="Open")
    session.commit()
    session.expire_all()
    with TestClient(app, raise_server_exceptions=False) as kim:
        login(kim, worker)
        assert kim.get("/cases").status_code == 200
        csrf = login(client, admin)
        form = client.get(f"/admin/users/{worker.id}").text
        assert "1 open case is allocated to Kim Leaving" in form
        version = _version(form)
        done = client.post(f"/admin/users/{worker.id}", data={
            "csrf_token": csrf, "name": "Kim Leaving", "email": worker.email,
            "role": "practitioner", "team_id": str(team.id), "active": "no",
            "version": version}, follow_redirects=False)
        assert done.status_code == 303
        # Their open browser is signed out at once.
        after = kim.get("/cases", follow_redirects=False)
        assert after.status_code == 303 and after.headers["location"].startswith("/login")
    stale = client.post(f"/admin/users/{worker.id}", data={
        "csrf_token": csrf, "name": "Kim Renamed", "email": worker.email,
        "role": "practitioner", "team_id": str(team.id), "active": "yes",
        "version": version})
    assert stale.status_code == 409 and 'value="Kim Renamed"' in stale.text
    session.commit()
    session.expire_all()
    kept = session.get(User, worker.id)
    assert kept.name == "Kim Leaving" and not kept.active
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "user", AuditEvent.entity_id == worker.id,
        AuditEvent.action == "deactivate")).one()
    assert event.changes["active"] == {"before": True, "after": False}
    assert event.actor_user_id == admin.id
    refused = client.post("/logout", data={"csrf_token": csrf})  # the admin stays fine
    assert refused.status_code in (200, 303)


def test_an_administrator_cannot_lock_themselves_out(client, session):
    admin = make_user(session, role=Role.administrator, name="Only Admin")
    session.commit()
    session.expire_all()
    csrf = login(client, admin)
    version = _version(client.get(f"/admin/users/{admin.id}").text)
    r = client.post(f"/admin/users/{admin.id}", data={
        "csrf_token": csrf, "name": "Only Admin", "email": admin.email,
        "role": "service_manager", "team_id": "", "active": "no", "version": version})
    assert r.status_code == 422
    assert "You cannot deactivate your own account" in r.text
    assert "You cannot take away your own administrator role" in r.text
    session.commit()
    session.expire_all()
    assert session.get(User, admin.id).active


def test_a_password_reset_shows_a_new_temporary_password_and_signs_them_out(app, client,
                                                                           session):
    team = make_team(session)
    admin = make_user(session, role=Role.administrator)
    worker = make_user(session, team=team)
    session.commit()
    session.expire_all()
    with TestClient(app, raise_server_exceptions=False) as theirs:
        login(theirs, worker)
        csrf = login(client, admin)
        r = client.post(f"/admin/users/{worker.id}/password", data={"csrf_token": csrf})
        assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
        temporary = _secret(r.text)
        assert "signed out everywhere" in r.text
        assert theirs.get("/cases", follow_redirects=False).headers["location"].startswith(
            "/login")
        ok = theirs.post("/login", data={"email": worker.email, "password": temporary},
                         follow_redirects=False)
        assert ok.status_code == 303
        assert theirs.get("/cases", follow_redirects=False).headers["location"] == (
            "/account/password")


def test_teams_are_added_by_name_once(client, session):
    admin = make_user(session, role=Role.administrator)
    make_team(session, name="North")
    session.commit()
    session.expire_all()
    csrf = login(client, admin)
    added = client.post("/admin/teams", data={"csrf_token": csrf, "team_name": "South"},
                        follow_redirects=False)
    assert added.status_code == 303
    dup = client.post("/admin/teams", data={"csrf_token": csrf, "team_name": "north"})
    assert dup.status_code == 422 and "There is already a team called north" in dup.text
    assert 'id="team_name-error"' in dup.text
    session.commit()
    session.expire_all()
    assert sorted(session.scalars(select(Team.name)).all()) == ["North", "South"]


def test_anyone_signed_in_changes_their_own_password(client, session):
    team = make_team(session)
    worker = make_user(session, team=team)
    session.commit()
    session.expire_all()
    login(client, worker)
    csrf = csrf_of(client)
    wrong = client.post("/account/password", data={
        "csrf_token": csrf, "current": "not my password", "new": "a new long password",
        "confirm": "a new long password"})
    assert wrong.status_code == 422 and "current password is not right" in wrong.text
    ok = client.post("/account/password", data={
        "csrf_token": csrf, "current": "correct horse battery", "new": "a new long password",
        "confirm": "a new long password"}, follow_redirects=False)
    assert ok.status_code == 303


def test_a_page_not_found_links_each_person_somewhere_they_can_go(client, session):
    team = make_team(session)
    admin = make_user(session, role=Role.administrator)
    worker = make_user(session, team=team)
    case = make_case(session, team=team, worker=worker)
    session.commit()
    login(client, admin)
    missing = client.get(f"/cases/{case.id}")
    assert missing.status_code == 404
    assert '<a class="govuk-link" href="/admin">Go to users and teams</a>' in missing.text
    assert client.get("/admin").status_code == 200  # and that link works
    login(client, worker)
    gone = client.get("/cases/999999")
    assert gone.status_code == 404 and 'href="/cases">Go to your cases</a>' in gone.text
