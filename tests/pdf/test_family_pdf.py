"""Issue #5: the family summary PDF, read back as a family (and a screen reader) would."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.document import IssuedDocument
from app.models.enums import Category, FamilyView, RaterKind, Role
from app.models.mapping_item import MappingItem
from app.services import pdf
from app.services import plain_language as pl
from app.services.family_text import FAMILY_TEXT, all_fixed_text
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

DANGER = "Ryan may hurt Jade again when they argue, with Mia and Leo in the house"
GOAL = "Jade will keep the children away from Ryan when he has been drinking"
DISAGREE = "It only happened once and Ryan has moved out"


def _world(session, *, danger_text: str = DANGER):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    leo = make_child(session, case=case, given_name="Leo")
    make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    mapping = make_mapping(session, case=case)
    danger = make_item(
        session, mapping=mapping, category=Category.danger_statement, ds_behaviour=danger_text,
        family_view=FamilyView.disagrees, family_view_words=DISAGREE,
    )
    make_item(session, mapping=mapping, category=Category.safety_goal, sg_carers_doing=GOAL,
              pairs_with_id=danger.id, sg_duration="6 months")
    make_item(session, mapping=mapping, category=Category.existing_strength,
              text="Jade walks Mia to school every day")
    make_item(session, mapping=mapping, category=Category.next_step,
              text="Make a plan with Gran", ns_who="Sam Patel")
    make_rating(session, mapping=mapping, danger=danger, score=3, rater_name="Sam Patel")
    make_rating(session, mapping=mapping, danger=danger, score=7, rater_name="Jade Harper",
                rater_kind=RaterKind.parent)
    session.commit()
    return team, worker, case, mapping, (mia, leo)


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_family_summary_says_what_the_family_needs_to_read(client, session):
    _, worker, case, mapping, _ = _world(session)
    login(client, worker)
    r = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = _flat(_text(r.content))
    for expected in ("Harper family", "Mia and Leo", DANGER, GOAL, DISAGREE,
                     "What we are worried about", "What is working well",
                     "What needs to happen", "Jade walks Mia to school every day",
                     "Make a plan with Gran", "Sam Patel", "01632 960 000",
                     "Sam Patel: 3", "Jade Harper: 7"):
        assert expected in text, expected
    assert re.search(r"Page 1 of \d", text)

    reader = PdfReader(io.BytesIO(r.content))
    assert reader.metadata is not None and reader.metadata.title.startswith("Harper family")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    fonts = {
        str(f["/BaseFont"]) for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("Atkinson-Hyperlegible" in f for f in fonts), fonts


def test_the_family_copy_says_what_happens_next_and_what_makes_things_harder(client, session):
    from datetime import date, timedelta

    from app.models.mapping import Mapping

    _, worker, case, mapping, _ = _world(session)
    make_item(session, mapping=mapping, category=Category.complicating_factor,
              text="Ryan's shifts change every week")
    make_rating(session, mapping=mapping, score=4, rater_name="Sam Patel")
    session.commit()
    csrf = login(client, worker)
    meeting = date.today() + timedelta(days=21)
    version = session.get(Mapping, mapping.id).version
    r = client.post(f"/cases/{case.id}/mappings/{mapping.id}/details", data={
        "csrf_token": csrf, "kind": "initial_assessment", "version": str(version),
        **{f"held_on-{k}": str(getattr(mapping.held_on, k)) for k in ("day", "month", "year")},
        **{f"next_meeting_on-{k}": str(getattr(meeting, k)) for k in ("day", "month", "year")},
    }, follow_redirects=False)
    assert r.status_code == 303, r.text[-500:]
    text = _flat(_text(client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf").content))
    for expected in ("What makes things harder", "Ryan's shifts change every week",
                     "How safe things are overall", "Sam Patel: 4",
                     "What happens next", f"We will meet again on {meeting:%-d %B %Y}.",
                     "If you need help when our office is closed, call 01632 960 999.",
                     "complaints@example.org", "Children's Rights Service on 01632 960 200",
                     f"We met on {mapping.held_on:%-d %B %Y}", "Printed on", "You said"):
        assert expected in text, expected
    assert "You told us" not in text


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_pdfinfo_reports_it_tagged_with_a_title(client, session, tmp_path):
    _, worker, case, mapping, _ = _world(session)
    login(client, worker)
    path = tmp_path / "family.pdf"
    path.write_bytes(client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf").content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert re.search(r"^Title:\s+Harper family", info.stdout, re.M)


def test_the_fixed_wording_is_plain():
    text = all_fixed_text()
    report = pl.check(text, terms=tuple(pl.default_terms()))
    assert report.grade is not None and report.grade <= 5, report.grade
    assert report.reading_age is not None and report.reading_age <= 10
    assert report.jargon == [], [f.found for f in report.jargon]
    assert FAMILY_TEXT["worried"] == "What we are worried about"


HOSTILE = [
    "<script>alert(1)</script> Ryan shouts",
    "<img src=file:///etc/passwd> Ryan shouts",
    'See <link rel="stylesheet" href="http://127.0.0.1:9/x.css"> and url(file:///etc/hosts)',
    "ريان يصرخ عندما يشرب — רון צועק 😢 👍",
]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_printed_as_text_and_nothing_is_fetched(session, hostile, monkeypatch):
    _, _, case, mapping, _ = _world(session, danger_text=hostile)
    seen: list[pdf.Fetches] = []
    real = pdf.render_pdf

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs.setdefault("fetches", pdf.Fetches()))
        return real(*args, **kwargs)

    # The document is printed in a process of its own, which reports what it asked for.
    monkeypatch.setattr(pdf, "render_pdf", spy)
    from app.services import family_summary
    from app.services import mapping as mapping_service

    m = mapping_service.load(session, case=case, mapping_id=mapping.id)
    rendered = family_summary.render(session, case, m)
    # poppler reads right-to-left text and emoji back faithfully (pypdf does not).
    out = subprocess.run(["pdftotext", "-", "-"], input=rendered.content,
                         capture_output=True, check=True).stdout.decode()
    printed = re.sub(r"[\s\u202a-\u202e]", "", out)
    for word in hostile.split():
        assert word in printed, word
    (fetcher,) = seen
    assert fetcher.refused == []  # nothing outside /static was even asked for
    assert all(u.removeprefix("app://").startswith("/static/") for u in fetcher.fetched)


def test_the_fetcher_serves_only_static_files():
    resolve = pdf.StaticOnlyFetcher.resolve
    assert resolve("/static/css/print.css") is not None
    assert resolve("app:///static/fonts/atkinson-hyperlegible-latin-400-normal.woff2")
    for bad in ("file:///etc/passwd", "http://127.0.0.1/x", "/static/../config.py",
                "/static/%2e%2e/config.py", "/etc/passwd", "app:///static/nope.css",
                "data:text/plain,hi"):
        assert resolve(bad) is None, bad
    fetcher = pdf.StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.refused == ["file:///etc/passwd"]


def test_a_one_megabyte_paragraph_is_refused_clearly(client, session):
    _, worker, case, mapping, _ = _world(session)
    csrf = login(client, worker)
    r = client.post(
        f"/api/v1/cases/{case.id}/mappings/{mapping.id}/items",
        json={"category": "grey_area", "text": "x" * 1_000_000},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code == 413


def test_issued_copy_is_kept_byte_identical_after_the_mapping_changes(client, session):
    _, worker, case, mapping, _ = _world(session)
    csrf = login(client, worker)
    r = client.post(
        f"/api/v1/cases/{case.id}/mappings/{mapping.id}/issue",
        json={"issued_to": "Jade Harper (mum)"},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code == 201, r.text
    doc = r.json()
    first = client.get(f"/api/v1/cases/{case.id}/documents/{doc['id']}/content")
    assert hashlib.sha256(first.content).hexdigest() == doc["sha256"]
    assert first.headers["ETag"] == f'"{doc["sha256"]}"'

    # Change the mapping: the live PDF changes, the issued copy does not.
    item = client.get(f"/api/v1/cases/{case.id}/mappings/{mapping.id}").json()
    d = item["columns"]["worried"]["danger_statement"][0]
    client.patch(
        f"/api/v1/cases/{case.id}/mappings/{mapping.id}/items/{d['id']}",
        json={"ds_behaviour": "Something quite different now"},
        headers={"X-CSRF-Token": csrf, "If-Match": f'"mappingitem-{d["id"]}-v{d["version"]}"'},
    )
    live = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf")
    assert "Something quite different now" in _flat(_text(live.content))
    again = client.get(f"/cases/{case.id}/documents/{doc['id']}/download")
    assert again.content == first.content
    assert DANGER in _flat(_text(again.content))

    listing = client.get(f"/cases/{case.id}/documents").text
    assert "Jade Harper (mum)" in listing and "Sam Patel" in listing
    session.commit()
    ev = session.scalars(select(AuditEvent).where(AuditEvent.action == "issue")).one()
    assert ev.changes["sha256"]["after"] == doc["sha256"] and ev.actor_name == "Sam Patel"
    assert "issued" in client.get(f"/cases/{case.id}/history").text


def test_issue_page_reports_the_words_and_asks_why_when_they_are_left(client, session):
    _, worker, case, mapping, _ = _world(session, danger_text="There is neglect at home")
    item = session.scalar(select(MappingItem).where(MappingItem.mapping_id == mapping.id,
                                                    MappingItem.ds_behaviour.contains("neglect")))
    csrf = login(client, worker)
    url = f"/cases/{case.id}/mappings/{mapping.id}/issue"
    page = client.get(url).text
    assert "is a label" in page and "The check found 1 thing the family may find" in page
    assert f'href="/cases/{case.id}/mappings/{mapping.id}/items/{item.id}/edit"' in page
    missing = client.post(url, data={"csrf_token": csrf})
    assert missing.status_code == 422 and 'id="issued_to-error"' in missing.text
    unexplained = client.post(url, data={"csrf_token": csrf, "issued_to": "Jade"})
    assert unexplained.status_code == 422
    assert 'id="readability_reason-error"' in unexplained.text
    assert 'value="Jade"' in unexplained.text
    ok = client.post(url, data={"csrf_token": csrf, "issued_to": "Jade",
                                "readability_reason": "Jade asked for the words the court uses"},
                     follow_redirects=False)
    assert ok.status_code == 303
    session.commit()
    doc = session.scalar(select(IssuedDocument).where(IssuedDocument.case_id == case.id))
    assert (doc.readability_findings, doc.readability_reason) == (
        1, "Jade asked for the words the court uses")


def test_another_teams_worker_cannot_get_the_pdf(client, session):
    _, _, case, mapping, _ = _world(session)
    stranger = make_user(session, role=Role.practitioner, team=make_team(session))
    session.commit()
    login(client, stranger)
    r = client.get(f"/api/v1/cases/{case.id}/mappings/{mapping.id}/family.pdf")
    assert r.status_code == 404 and b"Harper" not in r.content


def test_page_one_of_the_demo_familys_copy_is_well_filled(client, session):
    """Boxes that fit no more on page 1 must not leave it mostly empty (#23): for the demo
    family, the lowest line of the content on page 1 is in its lower half."""
    from app.models.case import Case
    from app.models.mapping import Mapping
    from app.models.user import User
    from app.seed import DEMO_PASSWORD, seed

    seed(session)
    session.commit()
    case = session.scalar(select(Case).where(Case.family_name == "Harper"))
    mapping = session.scalars(select(Mapping).where(Mapping.case_id == case.id)
                              .order_by(Mapping.held_on.desc())).first()
    worker = session.get(User, case.worker_id)
    login(client, worker, DEMO_PASSWORD)
    r = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf")
    assert r.status_code == 200
    assert _page_one_filled(r.content) >= 0.5


def _page_one_filled(content: bytes) -> float:
    """How far down page 1 its content reaches, as a share of the page's height. The running
    footer (family, printing date, page number) sits in the bottom margin of 22 mm
    (print.css): it is not content."""
    page = PdfReader(io.BytesIO(content)).pages[0]
    margin = 22 / 25.4 * 72
    heights: list[float] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip() and float(tm[5]) > margin:
            heights.append(float(tm[5]))

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    assert len(heights) > 10  # the page has content to measure
    return (height - min(heights)) / height


def test_a_long_worry_breaks_across_pages_instead_of_leaving_page_one_empty(client, session):
    """A worry with its goal too long for what is left of page 1 starts on page 1 and goes
    on to page 2 (#23): the box is not pushed whole to the next page."""
    long = " ".join(["When Dad has been drinking he shouts at Jade and pushes her, and Mia "
                     "hides upstairs and cannot sleep."] * 14)
    _, worker, case, mapping, _ = _world(session, danger_text=long)
    login(client, worker)
    r = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf")
    assert r.status_code == 200
    assert _page_one_filled(r.content) >= 0.75
    first = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "When Dad has been drinking" in first
