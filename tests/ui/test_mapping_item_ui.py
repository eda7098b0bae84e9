"""Editing an item in the browser (htmx) does no more database work than an integrating
system's API edit of the same item plus the board fragment the browser gets back: the form is
only built again when it has to be shown again (issue #21)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from app.db import get_engine
from app.models.enums import Category
from tests.factories import login, make_case, make_item, make_mapping, make_team, make_user

HX = {"HX-Request": "true"}


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements the app runs inside the block (the app runs in this process)."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, stmt: str, *_args: Any) -> None:
        seen.append(stmt)

    event.listen(get_engine(), "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(get_engine(), "before_cursor_execute", note)


def _count(call: Callable[[], Any]) -> int:
    with statements() as seen:
        response = call()
    assert response.status_code == 200, response.text[:300]
    return len(seen)


def test_the_htmx_edit_costs_no_more_than_the_api_edit_and_the_board(client, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, team=team)
    case = make_case(session, team=team, worker=worker)
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia again")
    items = [make_item(session, mapping=mapping, category=Category.existing_safety,
                       text=f"Safety {n}") for n in range(10)]
    session.commit()
    csrf = login(client, worker)
    base = f"/cases/{case.id}/mappings/{mapping.id}"
    first, second = items[0], items[1]

    api = _count(lambda: client.patch(
        f"/api/v1{base}/items/{first.id}", json={"text": "Nana stays over"},
        headers={"X-CSRF-Token": csrf,
                 "If-Match": f'"mappingitem-{first.id}-v{first.version}"'}))
    htmx = _count(lambda: client.post(
        f"{base}/items/{second.id}", headers=HX,
        data={"csrf_token": csrf, "text": "Grandad walks Mia to school",
              "version": str(second.version)}))
    board = _count(lambda: client.get(base, headers=HX))
    print(f"\nSQL statements: API edit {api}, htmx edit {htmx}, board fragment {board}")
    assert htmx <= api + board

    # And the edit did what a person sees.
    page = client.get(base).text
    assert "Nana stays over" in page and "Grandad walks Mia to school" in page
