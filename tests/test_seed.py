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
