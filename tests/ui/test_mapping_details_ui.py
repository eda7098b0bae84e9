"""A mapping's date and who took part are changed in the browser while it is a draft, and a
review asks for them, with the people of the mapping it follows already ticked."""

import re

from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.enums import Category, MappingStatus
from app.models.mapping import Mapping, MappingParticipant
from tests.factories import (
    login,
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def _version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]


def test_the_date_and_who_took_part_are_changed_while_a_draft(client, session):
    team = make_team(session)
    worker = make_user(session, team=team)
    case = make_case(session, team=team, worker=worker)
    make_child(session, case=case, given_name="Mia")
    jade = make_adult(session, case=case, given_name="Jade")
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.existing_strength, text="Gran helps")
    session.commit()
    csrf = login(client, worker)
    base = f"/cases/{case.id}/mappings/{mapping.id}"
    assert "Change the date and who took part" in client.get(base).text
    form = client.get(f"{base}/details").text
    version = _version(form)
    wanted = {"csrf_token": csrf, "kind": "initial_assessment", "held_on-day": "2",
              "held_on-month": "3", "held_on-year": "2026", "title": "At home",
              "participants": str(jade.id), "others": "Ana Lopez, school nurse",
              "version": version}
    bad = client.post(f"{base}/details", data={**wanted, "held_on-day": "31",
                                               "held_on-month": "2"})
    assert bad.status_code == 422 and "must be a real date" in bad.text
    assert "Ana Lopez, school nurse" in bad.text  # what was typed is kept
    ok = client.post(f"{base}/details", data=wanted, follow_redirects=False)
    assert ok.status_code == 303
    page = client.get(base).text
    assert "Who took part: Jade Harper" in page and "Ana Lopez (school nurse)" in page
    stale = client.post(f"{base}/details", data={**wanted, "title": "Mine"})
    assert stale.status_code == 409 and 'value="Mine"' in stale.text
    session.commit()
    session.expire_all()
    row = session.get(Mapping, mapping.id)
    assert row.held_on.isoformat() == "2026-03-02" and row.title == "At home"
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "mapping", AuditEvent.action == "update")).one()
    assert event.changes["participants"]["after"] == ["Ana Lopez", "Jade Harper"]

    # Once shared, the details are fixed; a review asks for its own.
    shared = client.post(f"{base}/agree", data={"csrf_token": csrf,
                                                "version": str(row.version)},
                         follow_redirects=False)
    assert shared.status_code == 303, re.findall(r"error-summary__list.{0,300}", shared.text, re.S)
    assert client.get(f"{base}/details").status_code == 409
    review_form = client.get(f"{base}/review").text
    assert "Start a review" in review_form
    assert re.search(rf'value="{jade.id}" checked', review_form)  # the people of this one
    assert "Ana Lopez, school nurse" in review_form
    started = client.post(f"{base}/review", data={
        "csrf_token": csrf, "held_on-day": "20", "held_on-month": "4", "held_on-year": "2026",
        "participants": str(jade.id)}, follow_redirects=False)
    assert started.status_code == 303
    again = client.get(f"{base}/review", follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"] == started.headers["location"] + "?review=1"
    assert "A review was already in progress" in client.get(again.headers["location"]).text
    session.commit()
    session.expire_all()
    review = session.scalars(select(Mapping).where(Mapping.id != mapping.id)).one()
    assert review.held_on.isoformat() == "2026-04-20"
    assert review.status == MappingStatus.draft
    assert session.scalars(select(MappingParticipant.name).where(
        MappingParticipant.mapping_id == review.id)).all() == ["Jade Harper"]
