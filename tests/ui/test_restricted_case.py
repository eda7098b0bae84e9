"""Issue #21: a restricted case (a staff member's own family, a high-profile family) works for
the people named on it: the named team manager edits the case, adds a mapping item and a score
through the browser's forms and through the API, and the history shows each change and each
time the case was opened. Someone not named still gets Page not found."""

from __future__ import annotations

from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.case import Case
from app.models.enums import Category, Role
from app.models.mapping_item import MappingItem
from app.models.rating import Rating
from tests.factories import login, make_case, make_item, make_mapping, make_team, make_user

HX = {"HX-Request": "true"}


def _events(session, case_id: int) -> list[AuditEvent]:
    session.commit()
    return list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.seq)
        )
    )


def test_the_named_manager_works_on_a_restricted_case(client, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="Northfield")
    manager = make_user(session, role=Role.supervisor, team=team, name="Alex Morgan")
    worker = make_user(session, team=team, name="Sam Patel")
    other_manager = make_user(session, role=Role.supervisor, team=team, name="Not Named")
    wren = make_case(session, team=team, worker=worker, family_name="Wren",
                     restricted_to=[manager, worker])
    mapping = make_mapping(session, case=wren)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Kai may be left alone at night")
    session.commit()
    before = len(_events(session, wren.id))

    csrf = login(client, manager)
    # The browser: open the case, then change it through its edit form.
    page = client.get(f"/cases/{wren.id}")
    assert page.status_code == 200 and "Wren" in page.text
    case_version = session.get(Case, wren.id).version  # type: ignore[union-attr]
    edit = client.post(
        f"/cases/{wren.id}/edit",
        data={"csrf_token": csrf, "family_name": "Wren-Ellis", "reference": "",
              "worker_id": str(worker.id), "version": str(case_version)},
        follow_redirects=False,
    )
    assert edit.status_code == 303, edit.text[:300]
    base = f"/cases/{wren.id}/mappings/{mapping.id}"
    added = client.post(
        f"{base}/items",
        data={"csrf_token": csrf, "category": "existing_strength",
              "text": "Nana Rose collects Kai from school every day"},
        follow_redirects=False,
    )
    assert added.status_code == 303, added.text[:300]
    scored = client.post(
        f"{base}/ratings",
        headers=HX,
        data={"csrf_token": csrf, "danger_id": str(danger.id), "rater": "me",
              "score": "4", "reason": "Nana is there after school"},
    )
    assert scored.status_code == 200, scored.text[:300]

    # The API, with the same signed-in session.
    api = f"/api/v1/cases/{wren.id}/mappings/{mapping.id}"
    headers = {"X-CSRF-Token": csrf}
    item = client.post(f"{api}/items", headers=headers,
                       json={"category": "next_step", "text": "Safety planning meeting",
                             "ns_who": "Sam Patel"})
    assert item.status_code == 201, item.text
    rating = client.post(f"{api}/ratings", headers=headers,
                         json={"score": 5, "rater_kind": "supervisor",
                               "rater_name": "Alex Morgan", "reason": "Better than last week"})
    assert rating.status_code == 201, rating.text
    read = client.get(f"/api/v1/cases/{wren.id}")
    assert read.status_code == 200 and read.json()["family_name"] == "Wren-Ellis"

    session.commit()
    session.expire_all()
    texts = {i.text for i in session.scalars(
        select(MappingItem).where(MappingItem.mapping_id == mapping.id))}
    assert {"Nana Rose collects Kai from school every day", "Safety planning meeting"} <= texts
    scores = sorted(r.score for r in session.scalars(
        select(Rating).where(Rating.mapping_id == mapping.id)))
    assert scores == [4, 5]

    events = _events(session, wren.id)[before:]
    mine = [e for e in events if e.actor_user_id == manager.id]
    actions = [e.action for e in mine]
    # Every request opened the restricted case, and each time is in the history...
    assert actions.count("view") >= 7
    # ...beside each change, once.
    changes = [e for e in mine if e.action != "view"]
    assert [(e.entity_type, e.action) for e in changes] == [
        ("case", "update"),
        ("mapping_item", "create"),
        ("rating", "create"),
        ("mapping_item", "create"),
        ("rating", "create"),
    ], [(e.entity_type, e.action, e.summary) for e in changes]
    history = client.get(f"/cases/{wren.id}/history")
    assert history.status_code == 200
    assert "Alex Morgan opened the restricted case" in history.text

    # A form that fails its checks saves nothing, and the view is still recorded.
    views = actions.count("view")
    bad = client.post(f"/cases/{wren.id}/edit",
                      data={"csrf_token": csrf, "family_name": "", "reference": "",
                            "worker_id": str(worker.id), "version": str(case_version + 1)})
    assert bad.status_code == 422
    after = [e for e in _events(session, wren.id) if e.actor_user_id == manager.id]
    assert [e.action for e in after].count("view") >= views + 2  # the history page and the form
    assert session.get(Case, wren.id).family_name == "Wren-Ellis"  # type: ignore[union-attr]

    # A manager in the same team who is not named does not learn the case exists.
    client.post("/logout", data={"csrf_token": csrf})
    login(client, other_manager)
    assert client.get(f"/cases/{wren.id}").status_code == 404
    assert client.get(f"/api/v1/cases/{wren.id}").status_code == 404
