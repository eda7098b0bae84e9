"""Issue #13 (the family tree) in the browser without JavaScript: adults with their gender and
whether they have died, relationships recorded through the form with a refusal beside the
field and nothing lost, a household, the genogram and its words on the page, a change seen
by someone else first (no overwrite), and the family's agreement to it in documents."""

from __future__ import annotations

import html
import re
from datetime import date

from sqlalchemy import select

from app.models.kinship import Kinship
from app.models.person import Person
from tests.factories import login, make_case, make_child, make_team, make_user


def _flat(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)))


def _adult(client, case, csrf, name, gender, **extra):  # type: ignore[no-untyped-def]
    r = client.post(f"/cases/{case.id}/people", data={
        "csrf_token": csrf, "kind": "adult", "given_name": name, "family_name": "Harper",
        "role": "relative", "gender": gender, **extra}, follow_redirects=False)
    assert r.status_code == 303, r.text


def test_record_the_family_and_see_the_genogram(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    session.commit()
    csrf = login(client, worker)
    _adult(client, case, csrf, "Gran", "female")
    _adult(client, case, csrf, "Grandad", "male", deceased="yes", **{
        "died_on-day": "1", "died_on-month": "6", "died_on-year": "2019"})
    _adult(client, case, csrf, "Sam", "female")
    # A date they died without ticking "has died" is refused beside the box.
    bad = client.post(f"/cases/{case.id}/people", data={
        "csrf_token": csrf, "kind": "adult", "given_name": "Lee", "family_name": "Harper",
        "role": "parent", "died_on-day": "1", "died_on-month": "1", "died_on-year": "2020"})
    assert bad.status_code == 422 and 'id="deceased-error"' in bad.text
    session.commit()
    ids = {p.given_name: p.id for p in session.scalars(
        select(Person).where(Person.case_id == case.id))}
    grandad = session.get(Person, ids["Grandad"])
    assert grandad is not None and grandad.deceased and grandad.died_on == date(2019, 6, 1)

    page = client.get(f"/cases/{case.id}/family-tree")
    assert page.status_code == 200 and 'aria-current="page">Family tree' in page.text
    assert "Nobody is on the family tree yet" not in page.text  # Mia, a child, is on it

    def tie(a: str, kind: str, b: str, **extra: str):  # type: ignore[no-untyped-def]
        return client.post(f"/cases/{case.id}/family-tree/kinships", data={
            "csrf_token": csrf, "person_id": str(ids[a]), "kind": kind,
            "relative_id": str(ids[b]), "birth": "yes", **extra}, follow_redirects=False)

    assert tie("Gran", "parent", "Sam").status_code == 303
    assert tie("Grandad", "parent", "Sam").status_code == 303
    assert tie("Gran", "partner", "Grandad").status_code == 303
    assert tie("Sam", "parent", "Mia", parental_responsibility="yes").status_code == 303
    # Mia recorded as her grandmother's parent: refused with the reason, the choices kept.
    bad = tie("Mia", "parent", "Gran", strength="strong")
    assert bad.status_code == 422 and 'id="kind-error"' in bad.text
    text = _flat(bad.text)
    assert "does not fit the family tree already recorded" in text
    assert f'<option value="{ids["Mia"]}" selected' in bad.text
    assert 'value="strong" checked' in bad.text
    # A household.
    r = client.post(f"/cases/{case.id}/family-tree/households", data={
        "csrf_token": csrf, "stay_person_id": str(ids["Sam"]), "household": "Mum's flat",
        "moved_in-day": "1", "moved_in-month": "3", "moved_in-year": "2024"},
        follow_redirects=False)
    assert r.status_code == 303, r.text
    missing = client.post(f"/cases/{case.id}/family-tree/households", data={
        "csrf_token": csrf, "household": "Mum's flat"})
    assert missing.status_code == 422 and 'id="stay_person_id-error"' in missing.text

    page = client.get(f"/cases/{case.id}/family-tree").text
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="app-genogram"' in page
    assert page.count('class="person"') == 4
    text = _flat(page)
    assert "Grandad Harper, male, died 1 June 2019" in text
    assert "Sam Harper is Mia Harper's mother and has parental responsibility" in text
    assert "Mum's flat" in text

    # Someone else changes the relationship first: the stale form changes nothing.
    session.commit()
    k = session.scalars(select(Kinship).where(Kinship.person_id == ids["Sam"],
                                              Kinship.relative_id == ids["Mia"])).one()
    form = client.get(f"/cases/{case.id}/family-tree/kinships/{k.id}")
    assert form.status_code == 200 and "Change a relationship" in form.text
    first = client.post(f"/cases/{case.id}/family-tree/kinships/{k.id}", data={
        "csrf_token": csrf, "version": str(k.version), "birth": "yes",
        "parental_responsibility": "yes", "strength": "strong"}, follow_redirects=False)
    assert first.status_code == 303, first.text
    stale = client.post(f"/cases/{case.id}/family-tree/kinships/{k.id}", data={
        "csrf_token": csrf, "version": str(k.version), "birth": "yes",
        "strength": "stressful"})
    assert stale.status_code == 409 and "changed" in _flat(stale.text).lower()
    session.commit()
    session.refresh(k)
    assert k.strength is not None and k.strength.value == "strong"
    assert k.parental_responsibility is True

    # The family agree to the family tree in their documents.
    session.commit()
    session.refresh(case)
    r = client.post(f"/cases/{case.id}/family-tree/sharing", data={
        "csrf_token": csrf, "version": str(case.version), "shared": "yes"},
        follow_redirects=False)
    assert r.status_code == 303
    assert "They have agreed." in _flat(client.get(f"/cases/{case.id}/family-tree").text)


def test_someone_who_may_only_read_sees_no_forms(client, session):
    team = make_team(session)
    worker = make_user(session, team=team)
    case = make_case(session, team=team, worker=worker)
    make_child(session, case=case)
    other_team = make_team(session, name="Other team")
    from app.models.enums import Role
    manager = make_user(session, team=other_team, role=Role.service_manager)
    session.commit()
    csrf = login(client, manager)
    page = client.get(f"/cases/{case.id}/family-tree")
    assert page.status_code == 200, page.status_code
    assert "Record a relationship" not in page.text and "kinship-form" not in page.text
    r = client.post(f"/cases/{case.id}/family-tree/kinships", data={"csrf_token": csrf})
    assert r.status_code == 403
