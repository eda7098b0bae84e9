"""Issue #19: several people adding to one mapping at once. Real concurrent clients (threads,
each with its own HTTP connection, released together) against the app served by uvicorn with
two worker processes, on whichever engine the suite runs on.

Only real conflicts are refused: additions, scores and edits of different items all succeed;
two edits of the same item from the same version apply exactly once. The audit chain and the
board's practice summary stay exact."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.enums import Category
from app.models.mapping_item import MappingItem
from app.models.rating import Rating
from app.services import audit, practice_summary
from tests.factories import make_case, make_item, make_mapping, make_team, make_token, make_user
from tests.server import serve

WRITERS = 8


@pytest.fixture(scope="module")
def served(database: str) -> Iterator[str]:
    with serve(workers=2) as url:
        yield url


def _together(n: int, work: Callable[[int, httpx.Client], list[int]], url: str,
              token: str) -> list[int]:
    """Run `work` in n threads, each with its own connection, all released at once; returns
    every status code they saw."""
    barrier = threading.Barrier(n)
    statuses: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            with httpx.Client(base_url=url, timeout=60,
                              headers={"Authorization": f"Bearer {token}"}) as client:
                client.get("/healthz")  # connect before the start line
                barrier.wait(timeout=30)
                seen = work(i, client)
            with lock:
                statuses.extend(seen)
        except BaseException as exc:  # noqa: BLE001 - reported below
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures, failures
    return statuses


def _world(session: Any) -> tuple[Any, Any, str]:
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mapping = make_mapping(session, case=case)
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    return case, mapping, token


def _summary_exact(session: Any, url: str, token: str, case: Any) -> None:
    """What the board shows once the writers are done equals a fresh computation."""
    session.commit()
    board = httpx.get(f"{url}/api/v1/teams/{case.team_id}/board?limit=1000", timeout=60,
                      headers={"Authorization": f"Bearer {token}"})
    assert board.status_code == 200, board.text
    assert case.id in {row["case_id"] for row in board.json()["items"]}
    assert practice_summary.check(session.connection()) == [], "the board's summary is off"
    assert audit.verify(session).ok
    session.commit()


def test_many_people_adding_to_one_mapping(served: str, session: Any) -> None:
    case, mapping, token = _world(session)
    base = f"/api/v1/cases/{case.id}/mappings/{mapping.id}"
    per_writer = 25

    def add(i: int, client: httpx.Client) -> list[int]:
        out = []
        for n in range(per_writer):
            r = client.post(f"{base}/items", json={
                "category": "existing_strength", "text": f"Strength {i}-{n}"})
            out.append(r.status_code)
        return out

    statuses = _together(WRITERS, add, served, token)
    assert statuses.count(201) == WRITERS * per_writer, sorted(set(statuses))
    session.commit()
    texts = session.scalars(select(MappingItem.text).where(
        MappingItem.mapping_id == mapping.id)).all()
    assert sorted(texts) == sorted(f"Strength {i}-{n}" for i in range(WRITERS)
                                   for n in range(per_writer))
    created = session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.case_id == case.id, AuditEvent.entity_type == "mapping_item",
        AuditEvent.action == "create"))
    assert created == WRITERS * per_writer
    _summary_exact(session, served, token, case)

    # The whole mapping's ETag moved on: a reader sees every item under a new version.
    whole = httpx.get(served + base, headers={"Authorization": f"Bearer {token}"})
    assert whole.status_code == 200
    shown = whole.json()["columns"]["working_well"]["existing_strength"]
    assert len(shown) == WRITERS * per_writer


def test_scores_and_edits_of_different_items_all_apply(served: str, session: Any) -> None:
    case, mapping, token = _world(session)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Lee may hit Mia again")
    items = [make_item(session, mapping=mapping, category=Category.existing_safety,
                       text=f"Safety {i}") for i in range(WRITERS)]
    session.commit()
    base = f"/api/v1/cases/{case.id}/mappings/{mapping.id}"

    def edit_own_item(i: int, client: httpx.Client) -> list[int]:
        item = items[i]
        r = client.patch(f"{base}/items/{item.id}", json={"text": f"Safety {i}, changed"},
                         headers={"If-Match": f'"mappingitem-{item.id}-v{item.version}"'})
        s = client.post(f"{base}/ratings", json={
            "danger_id": danger.id, "score": i % 11, "rater_kind": "worker",
            "rater_name": f"Rater {i}"})
        m = client.post(f"{base}/items/{item.id}/move", json={"position": 0})
        return [r.status_code, s.status_code, m.status_code]

    statuses = _together(WRITERS, edit_own_item, served, token)
    assert sorted(statuses) == sorted([200, 201, 200] * WRITERS), Counter(statuses)
    session.commit()
    session.expire_all()
    assert sorted(session.scalars(select(MappingItem.text).where(
        MappingItem.category == Category.existing_safety,
        MappingItem.mapping_id == mapping.id)).all()) == sorted(
        f"Safety {i}, changed" for i in range(WRITERS))
    positions = sorted(session.scalars(select(MappingItem.position).where(
        MappingItem.category == Category.existing_safety,
        MappingItem.mapping_id == mapping.id)).all())
    assert positions == list(range(WRITERS)), "each item keeps a place of its own"
    assert session.scalar(select(func.count()).select_from(Rating).where(
        Rating.mapping_id == mapping.id)) == WRITERS
    _summary_exact(session, served, token, case)


def test_one_item_edited_by_many_from_the_same_version_applies_once(
    served: str, session: Any
) -> None:
    case, mapping, token = _world(session)
    item = make_item(session, mapping=mapping, category=Category.existing_strength,
                     text="Nana visits")
    session.commit()
    url = f"/api/v1/cases/{case.id}/mappings/{mapping.id}/items/{item.id}"
    tag = f'"mappingitem-{item.id}-v{item.version}"'

    def edit(i: int, client: httpx.Client) -> list[int]:
        r = client.patch(url, json={"text": f"Nana visits, said by editor {i}"},
                         headers={"If-Match": tag})
        return [r.status_code]

    statuses = _together(WRITERS, edit, served, token)
    assert sorted(statuses) == [200] + [412] * (WRITERS - 1), statuses
    session.commit()
    session.expire_all()
    changes = session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.entity_type == "mapping_item", AuditEvent.entity_id == item.id,
        AuditEvent.action == "update"))
    assert changes == 1
    _summary_exact(session, served, token, case)


def test_twenty_editors_fifty_edits_each_lose_nothing(served: str, session: Any) -> None:
    """Issue #16: 20 people each read the item and save an edit from what they read, 50 times
    over, all at once. Every edit saved is one someone saw acknowledged (200), the others are
    refused as stale (412), none is lost: the item ends as the last acknowledged edit, and
    the history has one change per acknowledged edit."""
    editors, rounds = 20, 50
    case, mapping, token = _world(session)
    item = make_item(session, mapping=mapping, category=Category.existing_strength,
                     text="Nana visits")
    session.commit()
    whole = f"/api/v1/cases/{case.id}/mappings/{mapping.id}"
    url = f"{whole}/items/{item.id}"
    applied: list[tuple[int, str]] = []
    lock = threading.Lock()

    def edit(i: int, client: httpx.Client) -> list[int]:
        out = []
        for n in range(rounds):
            shown = client.get(whole).json()["columns"]["working_well"]["existing_strength"]
            tag = f'"mappingitem-{item.id}-v{shown[0]["version"]}"'
            words = f"Nana visits, edit {i}-{n}"
            r = client.patch(url, json={"text": words}, headers={"If-Match": tag})
            out.append(r.status_code)
            if r.status_code == 200:
                with lock:
                    applied.append((int(r.json()["version"]), words))
        return out

    statuses = _together(editors, edit, served, token)
    assert set(statuses) <= {200, 412}, sorted(set(statuses))
    assert statuses.count(200) + statuses.count(412) == editors * rounds
    assert statuses.count(200) >= 1
    session.commit()
    session.expire_all()
    saved = session.get(MappingItem, item.id)
    assert saved is not None
    last_version, last_words = max(applied)
    assert (saved.version, saved.text) == (last_version, last_words)
    # Each acknowledged edit bumped the version exactly once: no two share a version.
    assert len({v for v, _ in applied}) == len(applied) == statuses.count(200)
    changes = session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.entity_type == "mapping_item", AuditEvent.entity_id == item.id,
        AuditEvent.action == "update"))
    assert changes == statuses.count(200)
    _summary_exact(session, served, token, case)
