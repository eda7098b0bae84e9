import csv
import io
from datetime import date

from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.enums import Category, Role
from tests.factories import (
    login,
    make_case,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)


def _world(session):
    team = make_team(session, name="North")
    manager = make_user(session, role=Role.supervisor, team=team, name="Alex Morgan")
    sam = make_user(session, team=team, name="Sam Patel")
    harper = make_case(session, team=team, worker=sam, family_name="Harper")
    m = make_mapping(session, case=harper)
    make_item(session, mapping=m, category=Category.danger_statement, ds_behaviour="Dad hits")
    make_case(session, team=team, worker=sam, family_name="=HYPERLINK(1)")
    make_case(session, team=team, worker=sam, family_name="Secret", restricted_to=[sam])
    make_case(session, team=make_team(session), worker=None, family_name="Elsewhere")
    session.commit()
    return team, manager, sam, harper, m


def test_board_shows_the_teams_open_cases_and_filters(client, session):
    team, manager, _, harper, m = _world(session)
    login(client, manager)
    page = client.get(f"/teams/{team.id}/board")
    assert page.status_code == 200
    assert "Harper" in page.text and "Sam Patel" in page.text
    assert "Secret" not in page.text and "Elsewhere" not in page.text
    assert f'href="/cases/{harper.id}/mappings/{m.id}#cat-danger_statement">0 of 1' in page.text
    # How many scores there are and where the mapping stands, not "Yes".
    assert f'href="/cases/{harper.id}/mappings/{m.id}#scale">None<span' in page.text
    assert "(draft)" in page.text
    only = client.get(f"/teams/{team.id}/board?signal=danger_without_goal")
    assert "Harper" in only.text and "HYPERLINK" not in only.text
    fragment = client.get(f"/teams/{team.id}/board?signal=no_mapping",
                          headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="results">')
    assert "HYPERLINK" in fragment.text and "Harper" not in fragment.text


def test_board_counts_items_and_links_the_map_the_family_saw(client, session):
    """Counts, not "Yes"; the latest shared map first with the draft beside it; the trend of
    the overall score in a column of its own."""
    from app.schemas.mapping import AgreeIn
    from app.services import mapping as mapping_service
    from app.services.audit import SYSTEM

    team, manager, _, harper, shared = _world(session)
    make_item(session, mapping=shared, category=Category.danger_statement, ds_behaviour="Shouting")
    make_item(session, mapping=shared, category=Category.existing_strength, text="Gran helps")
    session.commit()
    mapping_service.agree(session, case=harper, mapping=shared, data=AgreeIn(),
                          expected_version=None, actor=SYSTEM)
    session.commit()
    draft = make_mapping(session, case=harper, held_on=date.today())
    for text in ("Gran visits", "School is good", "Mum asks for help"):
        make_item(session, mapping=draft, category=Category.existing_strength, text=text)
    session.commit()
    login(client, manager)
    page = client.get(f"/teams/{team.id}/board").text
    row = page[page.index(f'id="case-{harper.id}"'):]
    row = row[:row.index("</tr>")]
    # The link goes to the map the family saw, the draft beside it.
    assert f'href="/cases/{harper.id}/mappings/{shared.id}"' in row
    assert "(shared with the family)" in row and "Draft:" in row
    assert f'href="/cases/{harper.id}/mappings/{draft.id}"' in row
    # The draft's counts: three things working well, no danger statements.
    assert f'href="/cases/{harper.id}/mappings/{draft.id}#cat-existing_strength">3<' in row
    assert "Yes<" not in row
    assert 'data-label="Score trend"' in row


def test_csv_export_has_a_header_and_no_formulas(client, session):
    team, manager, *_ = _world(session)
    login(client, manager)
    r = client.get(f"/teams/{team.id}/board.csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    names = {row["family_name"] for row in rows}
    assert names == {"Harper", "'=HYPERLINK(1)"}
    harper = next(row for row in rows if row["family_name"] == "Harper")
    assert harper["danger_statements"] == "1" and harper["danger_statements_with_goal"] == "0"
    assert "danger_without_goal" in harper["flags"].split()


def test_api_board_is_paginated_and_guarded(client, session):
    team, manager, *_ = _world(session)
    token = make_token(session, scopes=["read"], team=team)
    other = make_token(session, scopes=["read"], team=make_team(session))
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    r = client.get(f"/api/v1/teams/{team.id}/board?limit=1", headers=auth)
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 2 and len(body["items"]) == 1 and body["totals"]["cases"] == 2
    second = client.get(f"/api/v1/teams/{team.id}/board?limit=1&offset=1", headers=auth).json()
    assert second["items"][0]["case_id"] != body["items"][0]["case_id"]
    denied = client.get(f"/api/v1/teams/{team.id}/board",
                        headers={"Authorization": f"Bearer {other}"})
    assert denied.status_code == 404


def test_supervision_note_is_added_and_audited(client, session):
    team, manager, sam, harper, _ = _world(session)
    csrf = login(client, manager)
    page = client.get(f"/cases/{harper.id}/quality")
    assert "Danger statement without a safety goal" in page.text
    empty = client.post(f"/cases/{harper.id}/quality/note", data={"csrf_token": csrf})
    assert empty.status_code == 422 and 'id="note-error"' in empty.text
    r = client.post(f"/cases/{harper.id}/quality/note",
                    data={"csrf_token": csrf, "note": "Add the goal with Jade by Friday"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert "Add the goal with Jade by Friday" in client.get(f"/cases/{harper.id}/quality").text
    session.commit()
    ev = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "supervision_note")).one()
    assert ev.actor_name == "Alex Morgan"
    assert ev.changes["text"]["after"] == "Add the goal with Jade by Friday"
    client.cookies.clear()
    csrf = login(client, sam)
    assert "Add note" not in client.get(f"/cases/{harper.id}/quality").text
    assert client.post(f"/cases/{harper.id}/quality/note",
                       data={"csrf_token": csrf, "note": "x"}).status_code == 403


def test_a_long_board_comes_in_pages_that_keep_the_filters(client, session):
    team = make_team(session, name="Big")
    manager = make_user(session, role=Role.supervisor, team=team)
    sam = make_user(session, team=team, name="Sam Patel")
    for n in range(55):
        make_case(session, team=team, worker=sam, family_name=f"Family{n:02d}")
    session.commit()
    login(client, manager)
    first = client.get(f"/teams/{team.id}/board?signal=no_mapping")
    assert "55</strong> open cases (showing 1 to 50)" in first.text
    assert "55 cases, 0 signals; 50 on this page" in first.text
    assert f'href="/teams/{team.id}/board?signal=no_mapping&amp;page=2" rel="next"' in first.text
    second = client.get(f"/teams/{team.id}/board?signal=no_mapping&page=2")
    assert "(showing 51 to 55)" in second.text
    shown = {n for n in range(55) if f"Family{n:02d}<" in first.text + second.text}
    assert shown == set(range(55))
    assert sum(f"Family{n:02d}<" in second.text for n in range(55)) == 5


def test_mappings_waiting_for_sign_off_come_first(client, session):
    team, manager, sam, harper, m = _world(session)
    csrf = login(client, sam)
    page = client.get(f"/teams/{team.id}/board")  # Sam is not the manager: no board
    assert page.status_code == 404
    version = client.get(f"/api/v1/cases/{harper.id}/mappings/{m.id}",
                         headers={"X-CSRF-Token": csrf}).headers["etag"]
    shared = client.post(f"/api/v1/cases/{harper.id}/mappings/{m.id}/agree", json={},
                         headers={"X-CSRF-Token": csrf, "If-Match": version})
    assert shared.status_code == 200, shared.text
    login(client, manager)
    board = client.get(f"/teams/{team.id}/board").text
    assert "1 mapping has been shared with the family and is waiting for sign-off" in board
    assert f'href="/teams/{team.id}/board?signal=awaiting_sign_off">Show it</a>' in board
    waiting = client.get(f"/teams/{team.id}/board?signal=awaiting_sign_off").text
    assert "Harper" in waiting and "HYPERLINK" not in waiting
    api = client.get(f"/api/v1/teams/{team.id}/board").json()
    assert api["totals"]["awaiting_sign_off"] == 1
    flags = {r["case_id"]: r["flags"] for r in api["items"]}
    assert "awaiting_sign_off" in flags[harper.id]
    assert not any("awaiting_sign_off" in f for cid, f in flags.items() if cid != harper.id)
