"""Issue #16: no document can take the service down. A 20,000-letter word (the longest a field
takes) in every field that reaches the family summary gives either a PDF or a clear problem
that names the entry, within the print limit, and the server goes on answering other
requests while the document is being printed.

Run against the real app served by uvicorn with a print limit of a few seconds."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import httpx
import pytest

from app.models.enums import Category, FamilyView
from tests.factories import (
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_token,
    make_user,
)
from tests.server import serve

LIMIT_S = 4
WORD = 20_000  # the longest a long-text field takes
SHORT = 200  # the longest a short-text field takes


@pytest.fixture(scope="module")
def served(database: str) -> Any:
    with serve(env={"PDF_TIMEOUT_SECONDS": str(LIMIT_S)}) as url:
        yield url


def _long(letter: str, n: int = WORD) -> str:
    return letter * n


def test_a_huge_word_in_every_field_gives_a_pdf_or_a_clear_problem(served: str,
                                                                   session: Any) -> None:
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam " + _long("p", 110))
    case = make_case(session, team=team, worker=worker, family_name=_long("H", 100))
    make_child(session, case=case, given_name=_long("M", 100))
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_who_worried=_long("w"), ds_behaviour=_long("b"), ds_impact=_long("i"),
                       family_view=FamilyView.disagrees, family_view_words=_long("f"))
    make_item(session, mapping=mapping, category=Category.safety_goal, pairs_with_id=danger.id,
              sg_carers_doing=_long("c"), sg_child_experience=_long("e"),
              sg_duration=_long("d", SHORT))
    make_item(session, mapping=mapping, category=Category.harm, harm_adult_action=_long("a"),
              harm_impact=_long("m"))
    for category in (Category.existing_strength, Category.existing_safety,
                     Category.bottom_line):
        make_item(session, mapping=mapping, category=category, text=_long("s"))
    make_item(session, mapping=mapping, category=Category.next_step, text=_long("n"),
              ns_who=_long("o", SHORT))
    make_rating(session, mapping=mapping, score=4, danger=danger)
    token = make_token(session, scopes=["read"], team=team)
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}

    answer: dict[str, Any] = {}

    def print_it() -> None:
        with httpx.Client(base_url=served, headers=headers, timeout=120) as client:
            answer["response"] = client.get(
                f"/api/v1/cases/{case.id}/mappings/{mapping.id}/family.pdf")
            answer["done"] = time.monotonic()

    printer = threading.Thread(target=print_it)
    printer.start()
    # Meanwhile someone else reads the case, again and again, and is answered each time.
    served_meanwhile = 0
    with httpx.Client(base_url=served, headers=headers, timeout=30) as other:
        while printer.is_alive() and served_meanwhile < 200:
            r = other.get(f"/api/v1/cases/{case.id}")
            assert r.status_code == 200
            if printer.is_alive():
                served_meanwhile += 1
    printer.join(120)
    assert served_meanwhile >= 3, "the server answered nothing else while it printed"

    response = answer["response"]
    if response.status_code == 200:
        assert response.content.startswith(b"%PDF-")
    else:
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["title"] == "This document could not be printed"
        # The longest word, named with where it is (a full stop may end it).
        assert re.search(r"“[^”]+” \(“.+…”\) has a word of 20,00[01] letters", problem["detail"])
        assert "Break it up with spaces or shorten it" in problem["detail"]

    # The server is still well: a small document prints.
    small = make_case(session, team=team, worker=worker, family_name="Harper")
    small_mapping = make_mapping(session, case=small)
    make_item(session, mapping=small_mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia again when he and Jade argue")
    session.commit()
    ok = httpx.get(f"{served}/api/v1/cases/{small.id}/mappings/{small_mapping.id}/family.pdf",
                   headers=headers, timeout=60)
    assert ok.status_code == 200 and ok.content.startswith(b"%PDF-")
