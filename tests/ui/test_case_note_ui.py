"""Issue #22 part 1 in the browser's forms: a visit recorded with the messages next to the
fields, a note changed on top of someone else's change keeps what was typed, the chronology
filtered and printed, and a file refused with its reason beside the file field."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.case_note import CaseNote
from app.models.enums import Category
from tests.factories import (
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)

D = date.today() - timedelta(days=1)


def _world(client: TestClient, session: Session) -> tuple[str, int, int, int]:
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    item = make_item(session, mapping=make_mapping(session, case=case),
                     category=Category.existing_safety, text="Grandma Pat stays over")
    session.commit()
    return login(client, worker), case.id, mia.id, item.id


def _visit(csrf: str, mia: int, item: int, **extra: str | None) -> dict[str, object]:
    """The visit form as the page sends it; a field given as None is left out (an unticked
    box)."""
    form = {"csrf_token": csrf, "kind": "visit", "title": "Home visit",
            "occurred_on-day": str(D.day), "occurred_on-month": str(D.month),
            "occurred_on-year": str(D.year), "occurred_time": "16:15",
            "body": "Mia showed me her room.", "about": str(mia), "seen": str(mia),
            "alone": str(mia), "item_ids": str(item), **extra}
    return {k: v for k, v in form.items() if v is not None}


def test_a_visit_is_recorded_and_mistakes_are_shown_beside_the_fields(
        client: TestClient, session: Session) -> None:
    csrf, case_id, mia, item = _world(client, session)
    page = client.get(f"/cases/{case_id}/notes/new?kind=visit")
    assert page.status_code == 200 and "Mia Harper" in page.text
    assert "Grandma Pat stays over" in page.text
    bad = _visit(csrf, mia, item, seen=None, occurred_time="4pm")
    bad["occurred_on-day"] = "31"
    bad["occurred_on-month"] = "2"
    r = client.post(f"/cases/{case_id}/notes", data=bad)
    assert r.status_code == 422
    assert "must be a real date" in r.text and "Enter the time like 14:30" in r.text
    assert 'value="Mia showed me her room.' not in r.text  # textarea, not an input
    assert "Mia showed me her room." in r.text  # what was typed is kept
    r = client.post(f"/cases/{case_id}/notes", data=_visit(csrf, mia, item, seen=None))
    assert r.status_code == 422
    assert re.search(r'id="children-error"[^>]*>.*Mia was seen alone, so tick that they were '
                     r'seen too', r.text, re.S)
    assert session.scalar(select(func.count()).select_from(CaseNote)) == 0
    r = client.post(f"/cases/{case_id}/notes", data=_visit(csrf, mia, item),
                    follow_redirects=False)
    assert r.status_code == 303
    note = client.get(r.headers["location"])
    assert "Mia Harper</bdi>: seen alone" in note.text
    assert "Grandma Pat stays over" in note.text
    assert "recorded a visit: “Home visit”" in note.text  # its history
    listed = client.get(f"/cases/{case_id}/notes")
    assert "Home visit" in listed.text and f"{D:%-d %B %Y}" in listed.text
    # The mapping item it was linked to names it as evidence (not in the family's view).
    from app.models.mapping_item import MappingItem

    mapping_id = session.get(MappingItem, item).mapping_id
    board = client.get(f"/cases/{case_id}/mappings/{mapping_id}").text
    assert re.search(rf'Evidence: <a class="govuk-link" href="{note.url.path}">Visit, '
                     rf'{D:%-d %B %Y}: Home visit</a>', board)
    assert "Evidence:" not in client.get(f"/cases/{case_id}/mappings/{mapping_id}/meeting").text


def test_the_notes_list_is_filtered_by_child(client: TestClient, session: Session) -> None:
    csrf, case_id, mia, item = _world(client, session)
    from app.models.case import Case

    leo = make_child(session, case=session.get(Case, case_id), given_name="Leo").id
    session.commit()
    for title, about in (("About Mia", str(mia)), ("About Leo", str(leo)),
                         ("Whole family", None)):
        r = client.post(f"/cases/{case_id}/notes", data=_visit(
            csrf, mia, item, title=title, about=about, seen=None, alone=None, item_ids=None),
            follow_redirects=False)
        assert r.status_code == 303, r.text[:300]
    shown = client.get(f"/cases/{case_id}/notes", params={"child": leo}).text
    assert "About Leo" in shown and "Whole family" in shown and "About Mia" not in shown
    assert "Showing the notes about Leo" in shown
    everyone = client.get(f"/cases/{case_id}/notes", params={"child": "not a child"}).text
    assert all(t in everyone for t in ("About Leo", "About Mia", "Whole family"))


def test_a_change_on_top_of_someone_elses_keeps_what_was_typed(
        client: TestClient, session: Session) -> None:
    csrf, case_id, mia, item = _world(client, session)
    url = client.post(f"/cases/{case_id}/notes", data=_visit(csrf, mia, item),
                      follow_redirects=False).headers["location"]
    form = client.get(f"{url}/edit").text
    version = re.search(r'name="version" value="(\d+)"', form)
    assert version is not None
    first = client.post(url, data={**_visit(csrf, mia, item, body="First change."),
                                   "version": version[1]}, follow_redirects=False)
    assert first.status_code == 303
    second = client.post(url, data={**_visit(csrf, mia, item, body="My careful words."),
                                    "version": version[1]})
    assert second.status_code == 409
    assert "Someone else changed this note" in second.text and "My careful words." in second.text
    page = client.get(url).text
    assert "First change." in page and "My careful words." not in page.split("History")[0]
    assert "Before:" in page and "Mia showed me her room." in page


def test_the_chronology_is_filtered_and_printed(client: TestClient, session: Session) -> None:
    csrf, case_id, mia, item = _world(client, session)
    client.post(f"/cases/{case_id}/notes", data=_visit(csrf, mia, item))
    client.post(f"/cases/{case_id}/notes", data={
        "csrf_token": csrf, "kind": "other", "title": "Moved to a new flat", "significant": "yes",
        "occurred_on-day": str(D.day), "occurred_on-month": str(D.month),
        "occurred_on-year": str(D.year)})
    base = f"/cases/{case_id}/children/{mia}/chronology"
    page = client.get(base)
    assert "Visit: Home visit" in page.text and "Mia was seen alone" in page.text
    assert "Other: Moved to a new flat" in page.text and "Case opened" in page.text
    visits = client.get(f"{base}?source=visit")
    assert "Visit: Home visit" in visits.text and "Moved to a new flat" not in visits.text
    bad = client.get(f"{base}?date_from=2026-13-01")
    assert bad.status_code == 422 and "The start date must be a real date" in bad.text
    pdf = client.get(f"{base}.pdf?source=visit&source=note")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Chronology for Mia Harper" in text
    assert "Home visit" in text and "Moved to a new flat" in text and "Born" not in text


def test_a_refused_file_says_why_beside_the_file_field(client: TestClient,
                                                       session: Session) -> None:
    csrf, case_id, _mia, _item = _world(client, session)
    r = client.post(f"/cases/{case_id}/attachments",
                    data={"csrf_token": csrf, "title": "Letter"},
                    files={"file": ("run.exe", b"MZ\x90\x00\x03", "application/octet-stream")})
    assert r.status_code == 422
    assert re.search(r'id="file-error"[^>]*>.*This kind of file cannot be kept', r.text, re.S)
    assert 'value="Letter"' in r.text
    ok = client.post(f"/cases/{case_id}/attachments",
                     data={"csrf_token": csrf, "title": "Letter", "sender": "School"},
                     files={"file": ("letter.txt", b"Dear family", "text/plain")},
                     follow_redirects=False)
    assert ok.status_code == 303
    docs = client.get(f"/cases/{case_id}/documents").text
    assert "Letter" in docs and "School" in docs
    link = re.search(r'href="(/cases/\d+/attachments/\d+/download)"', docs)
    assert link is not None and client.get(link[1]).content == b"Dear family"
