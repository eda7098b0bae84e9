"""Issue #16: no document can take the service down, nor keep it from stopping.

A 20,000-letter word (the longest a field takes) in every field that reaches the family
summary gives either a PDF or a clear problem that names the entry, within the print limit,
and the server goes on answering other requests while the document is being printed.

Run against the real app served by uvicorn with a print limit of a few seconds."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
import uuid
from pathlib import Path
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
from tests.server import serve, server

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


def _processes_marked(mark: str) -> list[int]:
    """Processes whose environment carries `mark`: the server, its fork server and any
    document being printed."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _huge_mapping(session: Any) -> tuple[Any, Any, str]:
    team = make_team(session)
    worker = make_user(session, team=team)
    case = make_case(session, team=team, worker=worker)
    mapping = make_mapping(session, case=case)
    for letter in "abcdef":
        make_item(session, mapping=mapping, category=Category.existing_strength,
                  text=_long(letter))
    token = make_token(session, scopes=["read"], team=team)
    session.commit()
    return case, mapping, token


def test_stopping_the_server_while_a_document_prints(session: Any) -> None:
    """On SIGTERM a request in flight gets the graceful time to finish, then the server and
    everything it started (the fork server, the document being printed) are gone."""
    case, mapping, token = _huge_mapping(session)
    mark = f"SIGNS_TEST_{uuid.uuid4().hex}"
    grace = 3
    with server(env={"PDF_TIMEOUT_SECONDS": "120", mark: "1"},
                args=["--timeout-graceful-shutdown", str(grace)]) as running:
        answer: dict[str, Any] = {}

        def print_it() -> None:
            try:
                answer["response"] = httpx.get(
                    f"{running.url}/api/v1/cases/{case.id}/mappings/{mapping.id}/family.pdf",
                    headers={"Authorization": f"Bearer {token}"}, timeout=120)
            except httpx.HTTPError as exc:
                answer["error"] = exc

        printer = threading.Thread(target=print_it)
        printer.start()
        # Wait until the document is being printed: a process beyond the server and its
        # fork server carries the mark.
        deadline = time.monotonic() + 30
        while len(_processes_marked(mark)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_processes_marked(mark)) >= 3, "the document never started printing"
        assert printer.is_alive()

        running.process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        running.process.wait(timeout=grace + 30)
        stopped_after = time.monotonic() - started
        printer.join(30)

    # The request in flight was answered or cut off; nothing was left printing.
    assert "response" in answer or "error" in answer
    if "response" in answer:
        assert answer["response"].status_code in (200, 422, 500, 503)
    deadline = time.monotonic() + 10
    while _processes_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_marked(mark) == [], "a printing process outlived the server"
    # It waited for the request in flight, but not for the whole document.
    assert stopped_after < grace + 20, stopped_after
    assert os.getpid() not in _processes_marked(mark)
