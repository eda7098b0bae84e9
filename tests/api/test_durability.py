"""Issue #16 part 4: every acknowledged write survives the server being killed. The app runs
as a real server process on whichever engine the suite runs on; writers send additions to a
mapping; the server is killed with SIGKILL while they write; a new server on the same
database finds every addition that was acknowledged (201), the history records each, and the
audit chain and the board's summary still verify."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

import httpx
from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.mapping_item import MappingItem
from app.services import audit, practice_summary
from tests.factories import make_case, make_mapping, make_team, make_token, make_user
from tests.server import server

WRITERS = 4
BEFORE_KILL = 40


def test_acknowledged_writes_survive_a_sigkill(session: Any) -> None:
    team = make_team(session)
    worker = make_user(session, team=team)
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mapping = make_mapping(session, case=case)
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    items = f"/api/v1/cases/{case.id}/mappings/{mapping.id}/items"
    auth = {"Authorization": f"Bearer {token}"}
    acknowledged: dict[int, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    with server(workers=2) as first:
        def write(i: int) -> None:
            with httpx.Client(base_url=first.url, headers=auth, timeout=10) as client:
                n = 0
                while not stop.is_set():
                    words = f"Strength {i}-{n}"
                    n += 1
                    try:
                        r = client.post(items, json={"category": "existing_strength",
                                                     "text": words})
                    except httpx.HTTPError:
                        return  # the server is gone; this write was not acknowledged
                    if r.status_code == 201:
                        with lock:
                            acknowledged[int(r.json()["id"])] = words

        threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.02)
        # Kill the whole server mid-load, the supervisor and its workers: no goodbye.
        assert len(acknowledged) >= BEFORE_KILL, "the writes did not start"
        for pid in [*_children(first.process.pid), first.process.pid]:
            os.kill(pid, signal.SIGKILL)
        first.process.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=30)

    with server(workers=1) as second:
        r = httpx.get(second.url + f"/api/v1/cases/{case.id}/mappings/{mapping.id}",
                      headers=auth, timeout=30)
        assert r.status_code == 200
        shown = {i["id"]: i["text"]
                 for i in r.json()["columns"]["working_well"]["existing_strength"]}
    missing = {k: v for k, v in acknowledged.items() if shown.get(k) != v}
    assert not missing, f"acknowledged but lost: {sorted(missing.values())[:5]}"
    session.commit()
    session.expire_all()
    stored = session.scalar(select(func.count()).select_from(MappingItem).where(
        MappingItem.mapping_id == mapping.id))
    created = session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.case_id == case.id, AuditEvent.entity_type == "mapping_item",
        AuditEvent.action == "create"))
    # Nothing half-written: every stored item has its history, and none is acknowledged
    # but missing (an unacknowledged one may or may not have been committed).
    assert stored == created >= len(acknowledged)
    assert audit.verify(session).ok
    assert practice_summary.check(session.connection()) == []
    session.commit()


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return out
