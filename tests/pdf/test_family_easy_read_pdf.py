"""Issue #17 part 5: the family summary in easy read, from the same record: one idea to a
line, larger print, each scale as a picture; tagged, in the family's language; given through
the register like the usual summary. Checked by extracting the PDF's text."""

from __future__ import annotations

import io
import re
import shutil
import statistics
import subprocess

import pytest
from pypdf import PdfReader

from app.models.enums import Category, Role
from tests.factories import (
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_user,
)

FIRST = "Ryan may hurt Jade again when they argue."
SECOND = "Mia and Leo hide upstairs when they hear shouting."


def _world(session):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       text=f"{FIRST} {SECOND}")
    make_item(session, mapping=mapping, category=Category.safety_goal, pairs_with_id=danger.id,
              sg_carers_doing="Jade will keep the children at Gran's when Ryan drinks.")
    make_item(session, mapping=mapping, category=Category.next_step,
              text="Make a plan with Gran. Write it down.", ns_who="Sam Patel")
    make_rating(session, mapping=mapping, danger=danger, score=3, rater_name="Sam Patel")
    session.commit()
    return worker, case, mapping


def _lines(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]


def _body_size(content: bytes) -> float:
    """The usual size of the text on the pages, in points as printed."""
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            sizes.append(round(float(size) * abs(float(tm[3])) * abs(float(cm[3])), 1))

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
    return statistics.median(sizes)


def test_easy_read_puts_one_idea_to_a_line_in_larger_print(client, session):
    worker, case, mapping = _world(session)
    login(client, worker)
    base = f"/cases/{case.id}/mappings/{mapping.id}"
    usual = client.get(f"{base}/family.pdf")
    easy = client.get(f"{base}/family-easy-read.pdf")
    assert easy.status_code == 200 and easy.headers["content-type"] == "application/pdf"
    lines = _lines(easy.content)
    # Each sentence of the worker's entry starts a line of its own.
    assert any(line.startswith(FIRST) for line in lines), lines
    assert any(line.startswith("Mia and Leo hide upstairs") for line in lines)
    assert not any(FIRST in line and "Mia and Leo" in line for line in lines)
    assert "Make a plan with Gran." in lines and "Write it down." in lines
    # Larger print than the usual summary.
    assert _body_size(easy.content) >= 1.25 * _body_size(usual.content)
    # The scale as a picture: the numbers 0 to 10 across the band, the person's number.
    text = "\n".join(lines)
    assert "Sam Patel: 3" in text
    assert " ".join(str(n) for n in range(11)) in " ".join(lines)
    assert "complaints@example.org" in text  # a full stop inside an address is not an end
    reader = PdfReader(io.BytesIO(easy.content))
    assert reader.metadata.title.startswith("Harper family")
    assert reader.metadata.title.endswith("(easy read)")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_easy_read_is_tagged(client, session, tmp_path):
    worker, case, mapping = _world(session)
    login(client, worker)
    path = tmp_path / "easy.pdf"
    path.write_bytes(client.get(
        f"/cases/{case.id}/mappings/{mapping.id}/family-easy-read.pdf").content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)


def test_easy_read_is_given_through_the_register(client, session):
    worker, case, mapping = _world(session)
    csrf = login(client, worker)
    r = client.post(f"/api/v1/cases/{case.id}/mappings/{mapping.id}/issue",
                    headers={"X-CSRF-Token": csrf},
                    json={"issued_to": "Jade Harper", "easy_read": True})
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["kind"] == "family_summary_easy_read"
    assert doc["filename"].endswith("-easy-read.pdf") and doc["title"].endswith("(easy read)")
    content = client.get(f"/api/v1/cases/{case.id}/documents/{doc['id']}/content").content
    assert "Write it down." in _lines(content)
