"""Issue #13 part 6 in the family summary: "Who is helping" in plain words (the network
members who agreed to help, and what they will do), and the family tree only where the family
agreed to it: drawn when it is readable on the page, in words always. Checked by extracting
the PDF's text."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from app.models.enums import AdultRole, Category, Gender, KinKind, NetworkAgreement, PersonKind
from app.models.kinship import Kinship
from app.models.person import Person
from app.schemas.network import MemberIn
from app.services import genogram, network
from app.services.audit import SYSTEM
from tests.factories import (
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _world(session, *, cousins: int = 0):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.existing_strength, text="Gran helps")
    gran = Person(case_id=case.id, kind=PersonKind.adult, given_name="Pat",
                  family_name="Harper", role=AdultRole.relative, gender=Gender.female)
    grandad = Person(case_id=case.id, kind=PersonKind.adult, given_name="Tom",
                     family_name="Harper", role=AdultRole.relative, gender=Gender.male,
                     deceased=True, died_on=date(2018, 10, 4))
    session.add_all([gran, grandad])
    session.flush()
    session.add_all([Kinship(case_id=case.id, person_id=gran.id, relative_id=mia.id,
                             kind=KinKind.grandparent),
                     Kinship(case_id=case.id, person_id=gran.id, relative_id=grandad.id,
                             kind=KinKind.partner)])
    for i in range(cousins):
        c = Person(case_id=case.id, kind=PersonKind.adult, given_name=f"Cousin{i}",
                   family_name="Harper", role=AdultRole.relative)
        session.add(c)
        session.flush()
        session.add(Kinship(case_id=case.id, person_id=c.id, relative_id=mia.id,
                            kind=KinKind.sibling))
    network.add_member(session, case=case, actor=SYSTEM, data=MemberIn(
        person_id=gran.id, role="Gran; has Mia after school", told_on=date(2026, 11, 1),
        told_what="The worries", agreement=NetworkAgreement.agreed,
        commitments="Stays over on Fridays"))
    network.add_member(session, case=case, actor=SYSTEM, data=MemberIn(
        name="Mrs Khan", role="Neighbour", agreement=NetworkAgreement.not_yet))
    session.commit()
    return worker, case, mapping


def test_who_is_helping_and_the_family_tree_only_where_agreed(client, session):
    worker, case, mapping = _world(session)
    login(client, worker)
    url = f"/cases/{case.id}/mappings/{mapping.id}/family.pdf"
    text = _text(client.get(url).content)
    assert "Who is helping" in text
    assert "Pat Harper: Gran; has Mia after school" in text
    assert "What they will do: Stays over on Fridays" in text
    assert "Mrs Khan" not in text  # has not agreed to help (yet)
    assert "Your family tree" not in text and "Tom Harper" not in text  # not agreed

    genogram.set_shared(session, case=case, shared=True, expected_version=None, actor=SYSTEM)
    session.commit()
    r = client.get(url)
    text = _text(r.content)
    assert "Your family tree" in text and "You said we could put your family tree here" in text
    # The drawing's names are text in the PDF, and the same facts in words follow it.
    assert text.count("Tom Harper") == 3
    assert "Tom Harper, male, died 4 October 2018" in text
    assert "Pat Harper is Mia Harper's grandmother" in text


def test_a_family_tree_too_wide_for_the_page_is_given_in_words(client, session):
    worker, case, mapping = _world(session, cousins=20)
    genogram.set_shared(session, case=case, shared=True, expected_version=None, actor=SYSTEM)
    session.commit()
    g = genogram.for_case(session, case=case)
    assert g.drawn and not g.printable
    login(client, worker)
    text = _text(client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf").content)
    assert "Your family tree" in text and "Cousin19 Harper is Mia Harper's sibling" in text
    assert text.count("Tom Harper") == 2  # in the list of people and of relationships, not drawn
