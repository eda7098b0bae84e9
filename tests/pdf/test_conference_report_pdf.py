"""Issue #15 part 4: the conference report, made from the record as it stands (the mapping,
the children's voice, the network, the case events) with the worker's analysis: a tagged PDF
for the professionals, and a summary for the family in plain words from the same data. Read
back from the PDFs' text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.models.document import IssuedDocument
from app.models.enums import Category, FamilyView, RaterKind, Role
from app.models.network import NetworkMember
from app.services import plain_language as pl
from app.services.family_text import CONFERENCE_TEXT
from tests.factories import (
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_token,
    make_user,
)

DANGER = "Ryan may hurt Jade again when they argue, with Mia and Leo in the house"
VIEW = "It only happened once and Ryan has moved out"
ANALYSIS = "Jade has kept the children at Gran's twice, but the danger remains while Ryan visits."


def _text(content: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))


def _world(client, session):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    make_child(session, case=case, given_name="Leo", date_of_birth=date(2022, 2, 1))
    make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    mapping = make_mapping(session, case=case, held_on=date.today() - timedelta(days=10))
    make_item(session, mapping=mapping, category=Category.harm,
              harm_adult_action="Ryan pushed Jade against the kitchen door",
              harm_impact="Leo hid under the table")
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour=DANGER, family_view=FamilyView.partly_agrees,
                       family_view_words=VIEW)
    make_item(session, mapping=mapping, category=Category.safety_goal, pairs_with_id=danger.id,
              sg_carers_doing="Jade keeps the children away from Ryan when he has been drinking")
    make_rating(session, mapping=mapping, danger=danger, score=3, rater_name="Sam Patel")
    make_rating(session, mapping=mapping, danger=danger, score=6, rater_name="Jade Harper",
                rater_kind=RaterKind.parent)
    session.add(NetworkMember(case_id=case.id, name="Gran Pat", role="Grandmother",
                              agreement="agreed", told_on=date.today() - timedelta(days=5),
                              commitments="Has the children every Friday night",
                              recorded_by_name="Sam Patel"))
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    base = f"/api/v1/cases/{case.id}/children/{mia.id}"
    referred = date.today() - timedelta(days=30)
    for e in ({"kind": "referral", "happened_on": str(referred), "code": "2A",
               "need_code": "N1"},
              {"kind": "section47", "happened_on": str(referred + timedelta(days=2))}):
        assert client.post(f"{base}/events", headers=auth, json=e).status_code == 201
    return case, mapping, auth


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_report_for_professionals_and_summary_for_the_family(client, session, tmp_path):
    case, mapping, auth = _world(client, session)
    url = f"/api/v1/cases/{case.id}/conference-reports"
    held = date.today() + timedelta(days=5)
    r = client.post(url, headers=auth, json={"held_on": str(held), "kind": "initial"})
    assert r.status_code == 201 and r.json()["mapping_id"] == mapping.id, r.text
    report = f"{url}/{r.json()['id']}"
    stale = client.patch(report, headers={**auth, "If-Match": '"conferencereport-1-v9"'},
                         json={"analysis": "x"})
    assert stale.status_code == 412
    ok = client.patch(report, headers={**auth, "If-Match": r.headers["ETag"]},
                      json={"analysis": ANALYSIS})
    assert ok.status_code == 200
    pro = client.get(f"{report}/report.pdf", headers=auth)
    assert pro.status_code == 200 and pro.headers["content-type"] == "application/pdf"
    text = _text(pro.content)
    for expected in ("First child protection conference report", "Mia Harper", "Leo Harper",
                     "Referral from School: abuse or neglect",
                     "Child protection enquiry (section 47)",
                     "Ryan pushed Jade against the kitchen door", DANGER,
                     f"The family's view: Partly agrees: “{VIEW}”",
                     "Sam Patel (social worker): 3", "Jade Harper (parent): 6",
                     "Gran Pat (Grandmother)", "Has the children every Friday night", ANALYSIS):
        assert expected in text, expected
    path = tmp_path / "report.pdf"
    path.write_bytes(pro.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert re.search(r"^Title:\s+Harper family: First child protection conference report",
                     info.stdout, re.M)

    fam = _text(client.get(f"{report}/family.pdf", headers=auth).content)
    for expected in (CONFERENCE_TEXT["title"], "This is about Leo and Mia.",
                     "This is the first meeting like this.", DANGER, VIEW,
                     "Someone told us they were worried about Mia.",
                     "We started to check if Mia is safe.", "Gran Pat", ANALYSIS,
                     "You can bring someone with you."):
        assert expected in fam, expected
    assert "section 47" not in fam.lower() and "s47" not in fam

    issued = client.post(f"{report}/family/issue", headers=auth,
                         json={"issued_to": "Jade Harper (mum)"})
    assert issued.status_code == 201, issued.text
    session.commit()
    doc = session.scalar(select(IssuedDocument).where(IssuedDocument.kind == "CONFERENCE_FAMILY"))
    assert doc is not None and doc.issued_to == "Jade Harper (mum)"


def test_the_family_summary_system_text_reads_at_grade_5_or_below():
    sample = {"children": "Mia and Leo", "date": "3 May", "name": "Mia"}
    text = " ".join(v.format(**sample) if v.endswith((".", "?", "!"))
                    else v.format(**sample) + "." for v in CONFERENCE_TEXT.values())
    report = pl.check(text, terms=tuple(pl.default_terms()))
    assert report.grade is not None and report.grade <= 5, report.grade
    assert report.jargon == [], [f.found for f in report.jargon]


def test_a_report_needs_a_mapping_and_a_real_kind(client, session):
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team)
    case = make_case(session, team=team, worker=worker)
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/cases/{case.id}/conference-reports"
    none = client.post(url, headers=auth, json={"held_on": "2026-12-10", "kind": "initial"})
    assert none.status_code == 422
    assert none.json()["errors"][0]["field"] == "mapping_id"
    bad = client.post(url, headers=auth, json={"held_on": "2026-12-10", "kind": "final"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "kind"
