"""The browser pages, driven through HTTP as a browser without JavaScript would."""

import re
from datetime import date, timedelta

from sqlalchemy import select

from app.models.auth import UserSession
from app.models.person import Person
from tests.factories import PASSWORD, login, make_case, make_child, make_team, make_user


def _world(session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    session.commit()
    return team, worker, case


def test_pages_need_sign_in(client):
    r = client.get("/cases", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/cases"


def test_wrong_password_gets_a_plain_message(client, session):
    _, worker, _ = _world(session)
    r = client.post("/login", data={"email": worker.email, "password": "nope"})
    assert r.status_code == 422
    assert "The email address or password is not right" in r.text
    assert 'class="govuk-error-summary"' in r.text


def test_repeated_failures_make_the_account_wait_even_with_the_right_password(client, session):
    _, worker, _ = _world(session)
    for _ in range(5):
        client.post("/login", data={"email": worker.email, "password": "wrong password"})
    r = client.post("/login", data={"email": worker.email, "password": PASSWORD})
    assert r.status_code == 422
    assert "Too many attempts" in r.text


def test_case_list_shows_and_finds_the_family(client, session):
    team, worker, case = _world(session)
    make_case(session, team=team, worker=worker, family_name="Okafor")
    session.commit()
    login(client, worker)
    page = client.get("/cases")
    assert "<bdi>Harper</bdi> family" in page.text and "<bdi>Okafor</bdi> family" in page.text
    found = client.get("/cases?q=mia")  # a child's first name finds the family
    assert "<bdi>Harper</bdi> family" in found.text and "Okafor" not in found.text
    fragment = client.get("/cases?q=oka", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="results">')
    assert "<html" not in fragment.text


def test_add_child_missing_date_of_birth_then_fixed(client, session):
    _, worker, case = _world(session)
    csrf = login(client, worker)
    form = {"csrf_token": csrf, "kind": "child", "given_name": "Leo", "family_name": "Cole"}
    bad = client.post(f"/cases/{case.id}/people", data=form)
    assert bad.status_code == 422
    # The message sits in the date-of-birth group and in the summary linking to it.
    group = re.search(
        r'<div class="govuk-form-group govuk-form-group--error">\s*'
        r"<fieldset[^>]*>\s*<legend[^>]*>Date of birth</legend>.*?</fieldset>",
        bad.text,
        re.S,
    )
    assert group and "Enter the child&#39;s date of birth" in group.group(0)
    assert 'href="#date_of_birth"' in bad.text
    assert 'value="Leo"' in bad.text  # what was typed is kept
    assert session.scalar(select(Person).where(Person.given_name == "Leo")) is None

    ok = client.post(
        f"/cases/{case.id}/people",
        data={
            **form,
            "date_of_birth-day": "3",
            "date_of_birth-month": "11",
            "date_of_birth-year": "2022",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    page = client.get(ok.headers["location"])
    assert "Leo Cole" in page.text and "3 November 2022" in page.text


def test_impossible_date_is_named(client, session):
    _, worker, case = _world(session)
    csrf = login(client, worker)
    r = client.post(
        f"/cases/{case.id}/people",
        data={
            "csrf_token": csrf,
            "kind": "child",
            "given_name": "Leo",
            "family_name": "Cole",
            "date_of_birth-day": "31",
            "date_of_birth-month": "2",
            "date_of_birth-year": "2020",
        },
    )
    assert r.status_code == 422
    assert "Date of birth must be a real date" in r.text


def test_htmx_add_person_swaps_the_people_section(client, session):
    _, worker, case = _world(session)
    csrf = login(client, worker)
    r = client.post(
        f"/cases/{case.id}/people",
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
        data={
            "kind": "adult",
            "given_name": "Pat",
            "family_name": "Harper",
            "role": "relative",
            f"relationship-{_child_id(session, case)}": "grandmother",
        },
    )
    assert r.status_code == 200
    assert r.headers["HX-Retarget"] == "#people"
    assert "Pat Harper has been added" in r.text and "Grandmother to Mia" in r.text
    assert "<html" not in r.text


def _child_id(session, case):
    return session.scalar(select(Person.id).where(Person.case_id == case.id))


def test_form_post_without_csrf_token_is_refused_and_changes_nothing(client, session):
    _, worker, case = _world(session)
    login(client, worker)
    r = client.post(
        f"/cases/{case.id}/people",
        data={
            "kind": "child",
            "given_name": "Leo",
            "family_name": "Cole",
            "date_of_birth-day": "3",
            "date_of_birth-month": "11",
            "date_of_birth-year": "2022",
        },
    )
    assert r.status_code == 403
    assert "did not come from this service, so nothing was saved" in r.text
    assert session.scalar(select(Person).where(Person.given_name == "Leo")) is None


def test_second_save_of_the_same_person_gets_a_conflict_and_keeps_the_typing(client, session):
    _, worker, case = _world(session)
    mia = session.scalar(select(Person).where(Person.given_name == "Mia"))
    session.commit()
    csrf = login(client, worker)
    base = {
        "csrf_token": csrf,
        "given_name": "Mia",
        "family_name": "Harper",
        "date_of_birth-day": "1",
        "date_of_birth-month": "5",
        "date_of_birth-year": "2018",
        "version": str(mia.version),
    }
    first = client.post(
        f"/cases/{case.id}/people/{mia.id}", data={**base, "phone": "0111"}, follow_redirects=False
    )
    assert first.status_code == 303
    second = client.post(f"/cases/{case.id}/people/{mia.id}", data={**base, "phone": "0222"})
    assert second.status_code == 422
    assert "Someone else changed this person" in second.text
    assert 'value="0222"' in second.text
    session.commit()
    session.expire_all()
    assert session.get(Person, mia.id).phone == "0111"


def test_security_headers(client, session):
    _, worker, _ = _world(session)
    login(client, worker)
    r = client.get("/cases")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert "<script>" not in r.text  # no inline script anywhere


def test_session_cookie_flags(client, session):
    _, worker, _ = _world(session)
    r = client.post(
        "/login", data={"email": worker.email, "password": PASSWORD}, follow_redirects=False
    )
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_expired_and_signed_out_sessions_no_longer_work(client, session):
    _, worker, _ = _world(session)
    csrf = login(client, worker)
    assert client.get("/cases", follow_redirects=False).status_code == 200
    client.post("/logout", data={"csrf_token": csrf})
    assert client.get("/cases", follow_redirects=False).status_code == 303

    login(client, worker)
    row = session.scalars(select(UserSession).order_by(UserSession.id.desc())).first()
    row.expires_at = row.expires_at - timedelta(days=2)
    session.commit()
    assert client.get("/cases", follow_redirects=False).status_code == 303


def test_unknown_page_uses_the_service_layout(client, session):
    _, worker, _ = _world(session)
    login(client, worker)
    r = client.get("/no-such-page")
    assert r.status_code == 404
    assert "Page not found" in r.text and "govuk-header" in r.text


def test_direction_controls_cannot_reorder_a_list(client, session):  # type: ignore[no-untyped-def]
    """Issue #16: a name typed with a right-to-left override loses it (control characters are
    removed from everything typed), and a name already stored with one (from before, or a
    bulk load) is shown isolated, so it cannot reverse what stands beside it."""
    from app.models.case import Case
    from app.models.enums import Role

    team = make_team(session)
    manager = make_user(session, role=Role.supervisor, team=team)
    stored = make_case(session, team=team, worker=manager, family_name="Older")
    session.commit()
    # As a bulk load would leave it, past the checks.
    session.get(Case, stored.id).family_name = "Old\u202eredro"  # type: ignore[union-attr]
    session.commit()
    csrf = login(client, manager)

    typed = client.post("/api/v1/cases", headers={"X-CSRF-Token": csrf},
                        json={"family_name": "Har\u202eper\u0007", "team_id": team.id})
    assert typed.status_code == 201, typed.text
    assert typed.json()["family_name"] == "Harper"
    only_controls = client.post("/api/v1/cases", headers={"X-CSRF-Token": csrf},
                                json={"family_name": "\u202e\u202c", "team_id": team.id})
    assert only_controls.status_code == 422

    listing = client.get("/cases").text
    assert "<bdi>Old\u202eredro</bdi> family" in listing
    board = client.get(f"/teams/{team.id}/board").text
    assert "<bdi>Old\u202eredro</bdi>" in board


def test_the_case_list_links_each_case_to_its_current_mapping(client, session):
    from app.models.enums import MappingKind
    from tests.factories import make_mapping

    team = make_team(session)
    worker = make_user(session, team=team)
    mapped = make_case(session, team=team, worker=worker, family_name="Mapped")
    make_case(session, team=team, worker=worker, family_name="Unmapped")
    old = make_mapping(session, case=mapped, held_on=date(2026, 1, 5))
    latest = make_mapping(session, case=mapped, held_on=date(2026, 3, 2),
                          kind=MappingKind.review)
    make_mapping(session, case=mapped, held_on=date(2026, 4, 1),
                 kind=MappingKind.group_supervision)  # the team's thinking, not the record
    session.commit()
    login(client, worker)
    page = client.get("/cases").text
    assert (f'<a class="govuk-link" href="/cases/{mapped.id}/mappings/{latest.id}">'
            "2 March 2026<span") in page
    assert f"/mappings/{old.id}" not in page and "(draft)" in page
    assert "None yet" in page
