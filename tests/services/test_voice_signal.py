"""Issue #12: "no recorded child's voice for a child on an open case in N weeks" is a quality
signal: on the case's Quality tab and mapping page, and on the team board (filter and count),
which agree case by case. A case opened recently, or an unborn child, does not count."""

from __future__ import annotations

from datetime import date, timedelta

from app.models.enums import PersonKind, Role, VoicePart, VoiceTool
from app.schemas.person import PersonCreate
from app.schemas.voice import VoiceSessionIn
from app.services import board as board_service
from app.services import person as person_service
from app.services import voice as voice_service
from app.services.access import Principal
from app.services.audit import SYSTEM
from tests.factories import login, make_case, make_child, make_mapping, make_team, make_user

WEEKS = 8


def _board_row(session, manager, team, case_id):
    p = Principal(actor=SYSTEM, user=manager, scopes=frozenset({"read", "write"}))
    board = board_service.build(session, p, session.get(type(team), team.id), weeks=WEEKS)
    session.commit()  # end the read, as a request would
    return next(r for r in board_service.flat(board) if r.case_id == case_id)


def test_a_child_not_heard_for_weeks_is_a_signal_until_their_words_are_recorded(client,
                                                                                   session):
    team = make_team(session)
    manager = make_user(session, role=Role.supervisor, team=team)
    case = make_case(session, team=team, worker=manager, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    person_service.create(session, case=case, actor=SYSTEM, data=PersonCreate(
        kind=PersonKind.child, given_name="Baby", family_name="Harper",
        expected_date=date.today() + timedelta(weeks=6)))  # not born yet
    make_mapping(session, case=case)
    case.opened_on = date.today() - timedelta(weeks=20)
    session.commit()

    row = _board_row(session, manager, team, case.id)
    assert "no_child_voice" in row.flags(WEEKS, date.today())
    before = row.signal_count
    login(client, manager)
    quality = client.get(f"/cases/{case.id}/quality").text
    assert "Mia: no words of their own recorded" in quality and "Baby" not in quality
    filtered = board_service.build(
        session, Principal(actor=SYSTEM, user=manager, scopes=frozenset({"read"})),
        session.get(type(team), team.id), signal="no_child_voice", weeks=WEEKS)
    session.commit()
    assert [r.case_id for r in board_service.flat(filtered)] == [case.id]

    # Mia's Safety House, three weeks ago: the signal goes, on the board as well.
    voice_service.create(session, case=case, child=mia, tool=VoiceTool.safety_house,
                         actor=SYSTEM, data=VoiceSessionIn(
                             held_on=date.today() - timedelta(weeks=3),
                             words={VoicePart.inside: ["Mummy"]}))
    session.commit()
    row = _board_row(session, manager, team, case.id)
    assert "no_child_voice" not in row.flags(WEEKS, date.today())
    assert row.signal_count == before - 1
    assert "no words of their own recorded" not in client.get(f"/cases/{case.id}/quality").text
    # With a shorter window it is due again.
    assert "no_child_voice" in row.flags(2, date.today())


def test_a_new_case_is_not_a_signal(session):
    team = make_team(session)
    manager = make_user(session, role=Role.supervisor, team=team)
    case = make_case(session, team=team, worker=manager)
    make_child(session, case=case, given_name="Mia")
    make_mapping(session, case=case)
    session.commit()
    row = _board_row(session, manager, team, case.id)
    assert "no_child_voice" not in row.flags(WEEKS, date.today())
