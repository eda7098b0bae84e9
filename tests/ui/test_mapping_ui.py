"""The mapping editor through HTTP: as a browser without JavaScript (plain forms, redirects)
and as htmx (fragments of the board). The real-browser walk is in tests/browser."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.models.case import Case
from app.models.enums import Category, FamilyView, MappingStatus, RaterKind, Role
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.rating import Rating
from app.models.team import Team
from tests.factories import (
    login,
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_user,
)

HX = {"HX-Request": "true"}


def _world(session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    jade = make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    session.commit()
    return team, worker, case, mia, jade


def _items(session, mapping_id):
    session.commit()
    session.expire_all()
    return list(
        session.scalars(
            select(MappingItem)
            .where(MappingItem.mapping_id == mapping_id, MappingItem.removed.is_(False))
            .order_by(MappingItem.position, MappingItem.id)
        )
    )


def test_start_a_mapping_without_javascript(client, session):
    _, worker, case, mia, jade = _world(session)
    csrf = login(client, worker)
    assert "No mappings yet" in client.get(f"/cases/{case.id}/mappings").text
    r = client.post(
        f"/cases/{case.id}/mappings",
        data={
            "csrf_token": csrf,
            "kind": "initial_assessment",
            "participants": [str(jade.id)],
            "others": "Ana Lopez, school nurse",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert "Initial assessment" in page.text
    assert "Who took part: Jade Harper, Ana Lopez (school nurse)" in page.text
    # The categories an initial assessment is expected to fill start empty, and each is
    # marked as such; complicating factors and existing safety may honestly be empty on a
    # first map, and grey areas and bottom lines are optional.
    assert page.text.count("app-category--empty") == 5
    assert page.text.count(">Empty</strong>") == 5


def test_missing_kind_is_explained_next_to_the_field(client, session):
    _, worker, case, _, _ = _world(session)
    csrf = login(client, worker)
    r = client.post(f"/cases/{case.id}/mappings", data={"csrf_token": csrf, "title": "Kept"})
    assert r.status_code == 422
    assert 'id="kind-error"' in r.text and "Choose what kind of mapping this is" in r.text
    assert 'value="Kept"' in r.text
    session.commit()
    assert session.scalars(select(Mapping)).all() == []


def test_add_a_danger_statement_and_its_goal_with_htmx(client, session):
    _, worker, case, mia, _ = _world(session)
    mapping = make_mapping(session, case=case)
    session.commit()
    csrf = login(client, worker)
    base = f"/cases/{case.id}/mappings/{mapping.id}"

    form = client.get(f"{base}/items/new?category=danger_statement", headers=HX)
    assert form.status_code == 200 and "<html" not in form.text
    assert "What the adults did or may do" in form.text

    # Forgetting the behaviour: the form comes back with the message beside the field.
    bad = client.post(
        f"{base}/items",
        headers=HX,
        data={"csrf_token": csrf, "category": "danger_statement", "ds_impact": "Mia hurt"},
    )
    assert bad.status_code == 422
    assert 'id="ds_behaviour-error"' in bad.text
    assert "Mia hurt" in bad.text  # what was typed is kept
    assert _items(session, mapping.id) == []

    ok = client.post(
        f"{base}/items",
        headers=HX,
        data={
            "csrf_token": csrf,
            "category": "danger_statement",
            "ds_who_worried": "Children's Services",
            "ds_behaviour": "Mia may be hit when Jade and Lee argue",
            "ds_impact": "Mia could be badly hurt.",
            "family_view": "disagrees",
            "family_view_words": "We never argue in front of her",
            "child_ids": [str(mia.id)],
        },
    )
    assert ok.status_code == 200
    assert ok.headers["HX-Retarget"] == "#board"
    assert ok.text.lstrip().startswith('<div id="board"')
    assert "Children&#39;s Services are worried that Mia may be hit" in ok.text
    assert "We never argue in front of her" in ok.text
    assert "Danger statement without a safety goal" in ok.text or "has no safety goal" in ok.text
    (danger,) = _items(session, mapping.id)

    goal = client.post(
        f"{base}/items",
        headers=HX,
        data={
            "csrf_token": csrf,
            "category": "safety_goal",
            "pairs_with_id": str(danger.id),
            "sg_carers_doing": "Jade and Lee will sort out disagreements away from Mia",
            "sg_duration": "6 months",
        },
    )
    assert goal.status_code == 200
    assert "No safety goal yet" not in goal.text
    assert "Answers:" in goal.text
    items = _items(session, mapping.id)
    assert [i.category for i in items] == [Category.danger_statement, Category.safety_goal]
    assert items[1].pairs_with_id == danger.id


def test_reorder_and_remove_without_javascript(client, session):
    _, worker, case, _, _ = _world(session)
    mapping = make_mapping(session, case=case)
    a = make_item(session, mapping=mapping, category=Category.existing_strength, text="First")
    b = make_item(session, mapping=mapping, category=Category.existing_strength, text="Second")
    session.commit()
    csrf = login(client, worker)
    base = f"/cases/{case.id}/mappings/{mapping.id}"
    r = client.post(
        f"{base}/items/{b.id}/move",
        data={"csrf_token": csrf, "direction": "up"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith(f"#item-{b.id}")
    assert [i.text for i in _items(session, mapping.id)] == ["Second", "First"]
    page = client.get(base).text
    assert page.index("Second") < page.index("First")

    item_a = session.get(MappingItem, a.id)
    r = client.post(
        f"{base}/items/{a.id}/remove",
        data={"csrf_token": csrf, "version": str(item_a.version)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert [i.text for i in _items(session, mapping.id)] == ["Second"]
    history = client.get(f"/cases/{case.id}/history").text
    assert "removed" in history and "First" in history


def test_two_workers_editing_the_same_item_lose_nothing(client, session):
    team, worker, case, _, _ = _world(session)
    item = make_item(
        session,
        mapping=make_mapping(session, case=case),
        category=Category.existing_strength,
        text="Gran collects Mia from school",
    )
    session.commit()
    base = f"/cases/{case.id}/mappings/{item.mapping_id}"
    csrf = login(client, worker)
    edit = client.get(f"{base}/items/{item.id}/edit").text
    version = re.search(r'name="version" value="(\d+)"', edit).group(1)

    # Someone else saves first (here the team manager, in their own session).
    from fastapi.testclient import TestClient

    from app.main import app

    manager = make_user(session, role=Role.supervisor, team=team, name="Chris Dale")
    session.commit()
    with TestClient(app) as other:
        other_csrf = login(other, manager)
        r = other.post(
            f"{base}/items/{item.id}",
            data={"csrf_token": other_csrf, "version": version, "text": "Gran collects Mia daily"},
            follow_redirects=False,
        )
        assert r.status_code == 303

    mine = "Gran collects Mia from school on Mondays and Fridays"
    r = client.post(
        f"{base}/items/{item.id}",
        headers=HX,
        data={"csrf_token": csrf, "version": version, "text": mine},
    )
    assert r.status_code == 409
    assert "Chris Dale changed this" in r.text
    assert "Gran collects Mia daily" in r.text  # theirs, as saved
    assert r.text.count(mine) >= 2  # mine, in the comparison and still in the form
    session.commit()
    session.expire_all()
    assert session.get(MappingItem, item.id).text == "Gran collects Mia daily"

    # Saving again, having seen both, replaces the saved text on purpose.
    new_version = re.search(r'name="version" value="(\d+)"', r.text).group(1)
    assert new_version != version
    r = client.post(
        f"{base}/items/{item.id}",
        headers=HX,
        data={"csrf_token": csrf, "version": new_version, "text": mine},
    )
    assert r.status_code == 200
    session.commit()
    session.expire_all()
    assert session.get(MappingItem, item.id).text == mine


def test_scoring_a_pair_and_the_scale_chart(client, session):
    _, worker, case, _, jade = _world(session)
    mapping = make_mapping(session, case=case)
    danger = make_item(
        session, mapping=mapping, category=Category.danger_statement, ds_behaviour="Mia is hit"
    )
    session.commit()
    csrf = login(client, worker)
    base = f"/cases/{case.id}/mappings/{mapping.id}"
    missing = client.post(
        f"{base}/ratings",
        headers=HX,
        data={"csrf_token": csrf, "danger_id": str(danger.id), "rater": f"person:{jade.id}"},
    )
    assert missing.status_code == 422
    assert f'id="rating-{danger.id}-score-error"' in missing.text
    for rater, score in (("me", "3"), (f"person:{jade.id}", "7")):
        r = client.post(
            f"{base}/ratings",
            headers=HX,
            data={
                "csrf_token": csrf,
                "danger_id": str(danger.id),
                "rater": rater,
                "score": score,
                "reason": "Because",
            },
        )
        assert r.status_code == 200, r.text[:500]
    session.commit()
    ratings = session.scalars(select(Rating).where(Rating.mapping_id == mapping.id)).all()
    scores = sorted((r.rater_name, r.score) for r in ratings)
    assert scores == [("Jade Harper", 7), ("Sam Patel", 3)]
    # Jade is a parent on the case, so her score is a parent's, under her name.
    assert {r.rater_name: r.rater_kind for r in ratings}["Jade Harper"] == RaterKind.parent
    charts = client.get(f"/cases/{case.id}/mappings").text
    assert "<svg" in charts and "Jade Harper" in charts and "Sam Patel" in charts


def test_agreed_mapping_is_read_only_and_a_review_carries_it_forward(client, session):
    _, worker, case, _, _ = _world(session)
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.existing_strength, text="Gran helps")
    session.commit()
    csrf = login(client, worker)
    base = f"/cases/{case.id}/mappings/{mapping.id}"
    version = session.get(Mapping, mapping.id).version
    r = client.post(
        f"{base}/agree", data={"csrf_token": csrf, "version": str(version)}, follow_redirects=False
    )
    assert r.status_code == 303
    page = client.get(base).text
    assert "Shared with the family" in page and "/items/new" not in page
    # The team manager may still correct it before signing it off.
    team_id = session.get(Case, case.id).team_id
    manager = make_user(session, team=session.get(Team, team_id), role=Role.supervisor)
    session.commit()
    login(client, manager)
    managed = client.get(base).text
    assert "/items/new" in managed and "corrections you make as team manager" in managed
    csrf = login(client, worker)
    r = client.post(f"{base}/review", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    review = client.get(r.headers["location"]).text
    assert "Gran helps" in review and "carried forward" in review
    session.commit()
    session.expire_all()
    assert session.get(Mapping, mapping.id).status == MappingStatus.agreed


def test_team_manager_renames_categories_and_a_stale_save_keeps_their_words(client, session):
    team, _, case, _, _ = _world(session)
    manager = make_user(session, role=Role.supervisor, team=team, name="Chris Dale")
    make_mapping(session, case=case)
    session.commit()
    csrf = login(client, manager)
    page = client.get(f"/teams/{team.id}/labels")
    assert page.status_code == 200 and "Otherwise: Danger statements" in page.text
    r = client.post(
        f"/teams/{team.id}/labels",
        data={"csrf_token": csrf, "version": "0", "label-danger_statement": "Worry statements"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    mapping_page = client.get(f"/cases/{case.id}/mappings").text
    assert mapping_page  # the list page does not show categories; the mapping page does
    mapping_id = session.scalars(select(Mapping.id)).first()
    board = client.get(f"/cases/{case.id}/mappings/{mapping_id}").text
    assert "Worry statements" in board and "Danger statements" not in board

    # Saving on top of a version someone else has since replaced: refused, words kept.
    stale = client.post(
        f"/teams/{team.id}/labels",
        data={"csrf_token": csrf, "version": "0", "label-safety_goal": "Wellbeing goals"},
    )
    assert stale.status_code == 409
    assert "Someone else changed these names" in stale.text
    assert 'value="Wellbeing goals"' in stale.text
    assert "Wellbeing goals" not in client.get(f"/cases/{case.id}/mappings/{mapping_id}").text

    # Another team's manager cannot open this team's names, and is told why, as the API
    # tells an integrating system (403 from both).
    other = make_user(session, role=Role.supervisor, team=make_team(session), name="Other")
    session.commit()
    client.cookies.clear()
    csrf = login(client, other)
    refused = client.get(f"/teams/{team.id}/labels")
    assert refused.status_code == 403
    assert "Only the team manager, a service manager or an administrator" in refused.text
    api = client.put(f"/api/v1/teams/{team.id}/labels", headers={"X-CSRF-Token": csrf,
                     "If-Match": "*"}, json={"labels": {"safety_goal": "Goals"}})
    assert api.status_code == 403
    assert "Only the team manager, a service manager or an administrator" in api.json()["detail"]


def test_things_to_look_at_names_unscored_pairs_a_missing_overall_and_unasked_views(
        client, session):
    _, worker, case, _, _ = _world(session)
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia")
    other = make_item(session, mapping=mapping, category=Category.danger_statement,
                      ds_behaviour="Jade may drink", family_view=FamilyView.partly_agrees)
    make_rating(session, mapping=mapping, score=4, danger=other, rater_name="Sam Patel")
    session.commit()
    login(client, worker)
    page = client.get(f"/cases/{case.id}/mappings/{mapping.id}").text
    assert "Nothing to flag" not in page
    lee = "“We are worried that Lee may hit Mia.”"
    assert f"Nobody has scored the danger statement {lee} yet" in page
    assert "There is no overall safety score yet" in page
    assert f"The family&#39;s view of {lee} has not been asked yet." in page
    assert "The family&#39;s view of “We are worried that Jade may drink.”" not in page


def test_the_meeting_view_shows_the_family_the_map_without_the_records_workings(
        client, session):
    _, worker, case, _, _ = _world(session)
    previous = make_mapping(session, case=case)
    make_item(session, mapping=previous, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia")
    make_item(session, mapping=previous, category=Category.harm, harm_adult_action="Lee hit Mia")
    session.commit()
    login(client, worker)
    usual = client.get(f"/cases/{case.id}/mappings/{previous.id}").text
    for shown in ("Things to look at", 'orange">No safety goal yet', "Recorded, ",
                  "Not linked to a danger statement", 'aria-label="Case sections"'):
        assert shown in usual, shown
    meeting = client.get(f"/cases/{case.id}/mappings/{previous.id}/meeting").text
    assert "We are worried that Lee may hit Mia." in meeting and "Lee hit Mia" in meeting
    assert "Harper</bdi> family: what we are talking about" in meeting
    for hidden in ("Things to look at", 'orange">No safety goal yet', "Recorded, ",
                   "Not linked to a danger statement", 'aria-label="Case sections"',
                   "Sign off this mapping"):
        assert hidden not in meeting, hidden


def test_a_goal_shows_how_long_the_safety_serving_it_has_been_seen(client, session):
    """The demo family's page failed to render when existing safety served a goal: the goal
    says for how many weeks safety has been shown, the longest of what serves it."""
    from datetime import date

    _, worker, case, *_ = _world(session)
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Lee may hit Mia again")
    goal = make_item(session, mapping=mapping, category=Category.safety_goal,
                     sg_carers_doing="Jade keeps Mia safe", pairs_with_id=danger.id,
                     sg_sustain_weeks=26)
    make_item(session, mapping=mapping, category=Category.existing_safety,
              text="Gran has Mia after school", es_from=date(2026, 1, 5),
              es_to=date(2026, 3, 2), link_ids=[goal.id])
    make_item(session, mapping=mapping, category=Category.existing_safety,
              text="Jade calls Gran", es_from=date(2026, 2, 2), es_to=date(2026, 2, 16),
              link_ids=[goal.id])
    session.commit()
    login(client, worker)
    page = client.get(f"/cases/{case.id}/mappings/{mapping.id}")
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page.text))
    assert "Safety shown so far: 8 weeks of the 26 weeks this goal asks for" in text
