import re

from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.case import Case
from app.models.person import Person
from app.seed import DEMO_PASSWORD, seed
from app.services import audit, auth


def _counts(session):
    return tuple(
        session.scalar(select(func.count()).select_from(m)) for m in (Case, Person, AuditEvent)
    )


def test_demo_data_is_added_once_and_is_usable(session, client):
    assert seed(session) is True
    session.commit()
    first = _counts(session)
    assert seed(session) is False
    session.commit()
    assert _counts(session) == first
    harper = session.scalar(select(Case).where(Case.family_name == "Harper"))
    people = session.scalars(select(Person).where(Person.case_id == harper.id)).all()
    assert sum(p.kind == "child" for p in people) == 2 and len(people) >= 5
    assert audit.verify(session).ok
    user = auth.authenticate(session, email="sam.patel@example.org", password=DEMO_PASSWORD)
    assert user.name == "Sam Patel"


def test_every_page_of_the_demo_cases_opens(session, client):
    """What `make run` shows first: each demo case's pages and every mapping, in the usual
    view and the meeting view, open for its worker without an error."""
    from app.models.mapping import Mapping
    from app.models.user import User
    from app.models.voice import VoiceSession
    from tests.factories import login

    seed(session)
    session.commit()
    cases = session.scalars(select(Case).where(Case.worker_id.is_not(None))).all()
    assert cases
    # The demo shows the child's voice, the safety network and the family tree.
    assert session.scalar(select(func.count()).select_from(VoiceSession)) == 2
    from app.models.kinship import Kinship
    assert session.scalar(select(func.count()).select_from(Kinship)) == 11
    for case in cases:
        login(client, session.get(User, case.worker_id), DEMO_PASSWORD)
        urls = [f"/cases/{case.id}", f"/cases/{case.id}/mappings", f"/cases/{case.id}/quality",
                f"/cases/{case.id}/notes", f"/cases/{case.id}/allocation",
                f"/cases/{case.id}/network", f"/cases/{case.id}/family-tree",
                f"/cases/{case.id}/safety-plan", f"/cases/{case.id}/words-and-pictures",
                f"/cases/{case.id}/trajectory"]
        children = session.scalars(select(Person.id).where(Person.case_id == case.id,
                                                            Person.kind == "child"))
        for child in children:
            urls += [f"/cases/{case.id}/children/{child}/chronology",
                     f"/cases/{case.id}/children/{child}/status",
                     f"/cases/{case.id}/children/{child}/three-houses",
                     f"/cases/{case.id}/children/{child}/safety-house"]
        for sid, tool, child in session.execute(select(
                VoiceSession.id, VoiceSession.tool, VoiceSession.child_id).where(
                VoiceSession.case_id == case.id)):
            slug = "three-houses" if tool == "three_houses" else "safety-house"
            urls.append(f"/cases/{case.id}/children/{child}/{slug}/{sid}")
        for mid in session.scalars(select(Mapping.id).where(Mapping.case_id == case.id)):
            urls += [f"/cases/{case.id}/mappings/{mid}", f"/cases/{case.id}/mappings/{mid}/meeting"]
        for url in urls:
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)
        if case.family_name == "Harper":
            tree = client.get(f"/cases/{case.id}/family-tree").text
            assert tree.count('class="person"') == 7 and "Tom Harper, male" in tree
            plan = client.get(f"/cases/{case.id}/safety-plan").text
            assert "Safety plan 1" in plan and "Ryan does not come to the flat" in plan
            path = client.get(f"/cases/{case.id}/trajectory").text
            assert path.count("(from the record)") == 5 and "Late" not in path
            wp = client.get(f"/cases/{case.id}/words-and-pictures").text
            assert wp.count('class="app-panel__picture"') == 2 and "Grandma Pat" in wp
            pid = re.search(r"/safety-plan/(\d+)/plan.pdf", plan)
            assert pid and client.get(f"/cases/{case.id}/safety-plan/{pid.group(1)}/plan.pdf"
                                      ).status_code == 200
        client.cookies.clear()
