"""Issue #13 (the safety network) in the browser without JavaScript: members added from the
case or from outside it, errors beside the field with what was typed kept, the case page's
count, and a meeting."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from app.models.enums import Category
from app.models.network import NetworkMeeting, NetworkMember
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


def _flat(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_add_members_tell_them_the_worries_and_meet(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    gran = make_adult(session, case=case, given_name="Pat", children=[(mia, "grandmother")])
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia")
    session.commit()
    csrf = login(client, worker)
    page = client.get(f"/cases/{case.id}/network").text
    assert "Safety network" in page and 'aria-current="page">Safety network' in page
    quality = client.get(f"/cases/{case.id}/quality").text
    assert "Nobody in the family" in quality and "safety network has been told" in quality

    today = {"told_on-day": str(date.today().day), "told_on-month": str(date.today().month),
             "told_on-year": str(date.today().year)}
    # Told, but not what they were shown: refused beside the field, everything kept.
    bad = client.post(f"/cases/{case.id}/network/members", data={
        "csrf_token": csrf, "person_id": str(gran.id), "role": "Gran; has Mia after school",
        **today})
    assert bad.status_code == 422 and 'id="told_what-error"' in bad.text
    assert "Gran; has Mia after school" in bad.text
    ok = client.post(f"/cases/{case.id}/network/members", data={
        "csrf_token": csrf, "person_id": str(gran.id), "role": "Gran; has Mia after school",
        **today, "told_what": "The danger statements", "agreement": "agreed",
        "commitments": "Has Mia every day after school"}, follow_redirects=False)
    assert ok.status_code == 303
    client.post(f"/cases/{case.id}/network/members", data={
        "csrf_token": csrf, "name": "Mrs Khan", "role": "Neighbour"})
    text = _flat(client.get(f"/cases/{case.id}/network").text)
    assert "2 members, 1 told about the worries" in text
    assert "Pat Harper" in text and "Mrs Khan" in text and "Agreed to help" in text
    assert "2 members, 1 told about the worries" in _flat(client.get(f"/cases/{case.id}").text)
    assert "safety network has been told" not in client.get(f"/cases/{case.id}/quality").text

    khan = session.scalar(select(NetworkMember.id).where(NetworkMember.name == "Mrs Khan"))
    met = client.post(f"/cases/{case.id}/network/meetings", data={
        "csrf_token": csrf, "held_on-day": str(date.today().day),
        "held_on-month": str(date.today().month), "held_on-year": str(date.today().year),
        "member_ids": str(khan), "agreed": "Mrs Khan is there if Mia knocks"},
        follow_redirects=False)
    assert met.status_code == 303
    assert "Mrs Khan is there if Mia knocks" in client.get(f"/cases/{case.id}/network").text
    session.commit()  # a fresh read
    assert session.scalar(select(func.count()).select_from(NetworkMeeting)) == 1


def test_a_network_member_scores_on_the_mapping(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Lee may hit Mia")
    khan = NetworkMember(case_id=case.id, name="Mrs Khan", role="Neighbour",
                         recorded_by_name="Sam Patel")
    session.add(khan)
    session.commit()
    csrf = login(client, worker)
    page = client.get(f"/cases/{case.id}/mappings/{mapping.id}").text
    assert f'<option value="member:{khan.id}">Mrs Khan (safety network)</option>' in page
    r = client.post(f"/cases/{case.id}/mappings/{mapping.id}/ratings", data={
        "csrf_token": csrf, "danger_id": str(danger.id), "rater": f"member:{khan.id}",
        "score": "5"}, follow_redirects=False)
    assert r.status_code in (200, 303), r.text
    page = _flat(client.get(f"/cases/{case.id}/mappings/{mapping.id}").text)
    assert "Mrs Khan" in page and re.search(r"Mrs Khan[^.]{0,80}5", page), page[:3000]
    from app.models.rating import Rating
    session.commit()
    saved = session.scalars(select(Rating).where(Rating.mapping_id == mapping.id)).one()
    assert (saved.rater_member_id, saved.rater_name, saved.score) == (khan.id, "Mrs Khan", 5)


def test_a_network_member_scores_together_with_the_family(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Lee may hit Mia")
    khan = NetworkMember(case_id=case.id, name="Mrs Khan", role="Neighbour",
                         recorded_by_name="Sam Patel")
    session.add(khan)
    session.commit()
    csrf = login(client, worker)
    url = f"/cases/{case.id}/mappings/{mapping.id}/scores"
    assert "Mrs Khan (safety network)" in client.get(url).text
    r = client.post(url, data={"csrf_token": csrf, f"score-{danger.id}-m{khan.id}": "4",
                               "score-overall-me": "6"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    from app.models.rating import Rating
    session.commit()
    rows = session.scalars(select(Rating).where(Rating.mapping_id == mapping.id)
                           .order_by(Rating.score)).all()
    assert [(x.rater_name, x.rater_member_id, x.score) for x in rows] == [
        ("Mrs Khan", khan.id, 4), ("Sam Patel", None, 6)]
