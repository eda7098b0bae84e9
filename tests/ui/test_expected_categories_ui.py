"""What each kind of mapping is expected to have: a team manager unticks a category for their
team's initial assessments, and the mapping's quality signals, the API and the team board all
stop flagging it there (and only there); a service manager's setting reaches the teams that
have none of their own; a stale save changes nothing."""

import re

from app.models.enums import MappingKind, Role
from tests.factories import login, make_case, make_mapping, make_team, make_user


def _board_signals(client, team_id: int, headers: dict[str, str]) -> int:
    board = client.get(f"/api/v1/teams/{team_id}/board", headers=headers).json()
    return int(board["items"][0]["signal_count"])


def _mapping_signals(client, url: str, headers: dict[str, str]) -> set[str]:
    return {s["message"] for s in client.get(url, headers=headers).json()["signals"]
            if s["code"] == "empty_category"}


def test_a_team_sets_what_its_mappings_are_expected_to_have(client, session):
    north, south = make_team(session, name="North"), make_team(session, name="South")
    manager = make_user(session, team=north, role=Role.supervisor)
    south_manager = make_user(session, team=south, role=Role.supervisor)
    sm = make_user(session, role=Role.service_manager)
    ours = make_case(session, team=north, family_name="Wren")
    theirs = make_case(session, team=south, family_name="Hale")
    ours_map = make_mapping(session, case=ours, kind=MappingKind.initial_assessment)
    theirs_map = make_mapping(session, case=theirs, kind=MappingKind.initial_assessment)
    session.commit()
    ours_url = f"/api/v1/cases/{ours.id}/mappings/{ours_map.id}"
    theirs_url = f"/api/v1/cases/{theirs.id}/mappings/{theirs_map.id}"

    csrf = login(client, manager)
    h = {"X-CSRF-Token": csrf}
    assert "Nothing is recorded under “Next steps” yet." in _mapping_signals(client, ours_url, h)
    before = _board_signals(client, north.id, h)

    page = client.get(f"/teams/{north.id}/expected").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    ticked = re.findall(r'value="(initial_assessment:[a-z_]+)" checked', page)
    assert "initial_assessment:next_step" in ticked
    keep = [t for t in ticked if t != "initial_assessment:next_step"]
    saved = client.post(f"/teams/{north.id}/expected", data={
        "csrf_token": csrf, "version": version, "expect": keep}, follow_redirects=False)
    assert saved.status_code == 303
    # The mapping, its API and the board stop flagging empty next steps, for this team only.
    assert "Nothing is recorded under “Next steps” yet." not in _mapping_signals(
        client, ours_url, h)
    assert _board_signals(client, north.id, h) == before - 1
    stale = client.post(f"/teams/{north.id}/expected", data={
        "csrf_token": csrf, "version": version, "expect": ticked})
    assert stale.status_code == 409 and "Someone else changed" in stale.text

    # The service manager's setting reaches South, which has none of its own, not North.
    h = {"X-CSRF-Token": login(client, sm)}
    etag = client.get("/api/v1/expected-categories", headers=h).headers["etag"]
    put = client.put("/api/v1/expected-categories", headers={**h, "If-Match": etag},
                     json={"expected": {"initial_assessment": ["harm", "danger_statement"]}})
    assert put.status_code == 200, put.text
    assert put.json()["expected"]["initial_assessment"] == ["harm", "danger_statement"]
    again = client.put("/api/v1/expected-categories", headers={**h, "If-Match": etag},
                       json={"expected": {"initial_assessment": []}})
    assert again.status_code == 412
    bad = client.put("/api/v1/expected-categories", headers={**h, "If-Match": "*"},
                     json={"expected": {"group_supervision": ["harm"], "review": ["harms"]}})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"expected.group_supervision",
                                                         "expected.review"}
    h = {"X-CSRF-Token": login(client, south_manager)}
    assert _mapping_signals(client, theirs_url, h) == {
        "Nothing is recorded under “Harm” yet.",
        "Nothing is recorded under “Danger statements” yet."}
    assert _board_signals(client, south.id, h) >= 2
    h = {"X-CSRF-Token": login(client, manager)}
    assert "Nothing is recorded under “Existing strengths” yet." in _mapping_signals(
        client, ours_url, h)
