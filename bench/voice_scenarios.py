"""Scenarios for issue #12: a 12-megapixel photo uploaded to the served app (decoded and
written again without its metadata), against Pillow doing the same in this process, with the
app process's peak memory above idle; and the My Three Houses page with 30 entries and 6
pictures, signed in, on loopback."""

from __future__ import annotations

import io
import random
import statistics
import time
from datetime import date
from pathlib import Path

import httpx
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from bench import load
from bench.context import Context
from bench.mapping_scenarios import _sign_in
from bench.scenarios import Result, _ratio, scenario
from bench.write_scenarios import _write_token

UPLOADS = 6


def _photo(width: int = 4000, height: int = 3000) -> bytes:
    """A 12-megapixel JPEG with detail (noise over a gradient), as a phone would send."""
    rng = random.Random(12)
    noise = Image.effect_noise((width // 4, height // 4), 60).resize((width, height))
    base = Image.linear_gradient("L").resize((width, height))
    img = Image.merge("RGB", (noise, base, Image.eval(noise, lambda v: 255 - v)))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=rng.choice([88, 90, 92]))
    return out.getvalue()


def _rss_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _session_with_child(url: str, case_id: int) -> tuple[int, int]:
    """A My Three Houses session on a child of the case (the child added if need be)."""
    from app.db import make_engine
    from app.models.case import Case
    from app.models.enums import PersonKind, VoicePart, VoiceTool
    from app.models.person import Person
    from app.schemas.person import PersonCreate
    from app.schemas.voice import VoiceSessionIn
    from app.services import person as person_service
    from app.services import voice as voice_service
    from app.services.audit import SYSTEM

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            case = session.get(Case, case_id)
            assert case is not None
            child = session.scalar(select(Person).where(Person.case_id == case_id,
                                                        Person.kind == PersonKind.child))
            if child is None:
                child = person_service.create(session, case=case, data=PersonCreate(
                    kind=PersonKind.child, given_name="Mia", family_name=case.family_name,
                    date_of_birth=date(2018, 5, 1)), actor=SYSTEM)
            vs = voice_service.create(
                session, case=case, child=child, tool=VoiceTool.three_houses, actor=SYSTEM,
                data=VoiceSessionIn(
                    held_on=date(2026, 11, 30), interviewer_name="Sam",
                    words={VoicePart.worries: [f"Worry number {i}, in the child's words"
                                               for i in range(10)],
                           VoicePart.good_things: [f"A good thing, number {i}"
                                                   for i in range(10)],
                           VoicePart.dreams: [f"A dream, number {i}" for i in range(10)]}))
            session.commit()
            return child.id, vs.id
    finally:
        engine.dispose()


@scenario("picture_upload", "Upload a 12-megapixel photo to the served app (re-encoded), vs "
                            "Pillow alone in-process; the app's peak memory above idle")
def picture_upload(ctx: Context) -> Result:
    from app.services import upload

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[4]
    child_id, th_id = _session_with_child(ds.url, case_id)
    server = ctx.app("1k")
    token = _write_token(ds.url)
    photo = _photo()
    path = f"/api/v1/cases/{case_id}/children/{child_id}/three-houses/{th_id}/pictures"
    pid = server.process.pid
    idle_kb = _rss_kb(pid, "VmRSS")
    app_s: list[float] = []
    alone_s: list[float] = []
    with httpx.Client(base_url=server.base_url, timeout=120,
                      headers={"Authorization": f"Bearer {token}"}) as client:
        for _ in range(UPLOADS):
            t0 = time.perf_counter()
            r = client.post(path, files={"picture": ("photo.jpg", photo, "image/jpeg")})
            app_s.append(time.perf_counter() - t0)
            if r.status_code != 201:
                raise RuntimeError(f"upload failed: {r.status_code} {r.text[:200]}")
            t0 = time.perf_counter()
            upload.clean_picture(photo)
            alone_s.append(time.perf_counter() - t0)
    peak_kb = _rss_kb(pid, "VmHWM")
    app_ms = statistics.median(app_s) * 1000
    alone_ms = statistics.median(alone_s) * 1000
    above_mb = (peak_kb - idle_kb) / 1024
    rows = [["measure", "value"],
            ["photo", f"4000 x 3000 JPEG, {len(photo) / 1e6:.1f} MB"],
            ["upload to the app, p50 ms", f"{app_ms:.0f}"],
            ["Pillow decode + re-encode alone, p50 ms", f"{alone_ms:.0f}"],
            ["ratio app/alone", f"{_ratio(app_ms, alone_ms):.2f}x"],
            ["app RSS idle MB", f"{idle_kb / 1024:.0f}"],
            ["app peak RSS above idle MB (goal <= 150)", f"{above_mb:.0f}"]]
    return Result(table=rows,
                  data={"app_ms": app_ms, "alone_ms": alone_ms, "idle_mb": idle_kb / 1024,
                        "peak_above_idle_mb": above_mb, "uploads": UPLOADS},
                  headline={"picture_upload_p50_ms": round(app_ms, 1),
                            "picture_upload_ratio_over_pillow": _ratio(app_ms, alone_ms),
                            "picture_upload_peak_above_idle_mb": round(above_mb, 1)})


@scenario("three_houses_page", "GET a My Three Houses page (30 entries, 6 pictures) signed in, "
                               "sequential: time on loopback")
def three_houses_page(ctx: Context) -> Result:
    from app.db import make_engine
    from app.models.case import Case
    from app.models.person import Person
    from app.models.voice import VoiceSession
    from app.services import picture as picture_service
    from app.services.audit import SYSTEM

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[5]
    child_id, th_id = _session_with_child(ds.url, case_id)
    small = io.BytesIO()
    Image.effect_noise((800, 600), 50).convert("RGB").save(small, "JPEG", quality=85)
    engine = make_engine(ds.url)
    try:
        with Session(engine) as session:
            case, child = session.get(Case, case_id), session.get(Person, child_id)
            vs = session.get(VoiceSession, th_id)
            assert case is not None and child is not None and vs is not None
            for n in range(6):
                picture_service.add(session, case=case, child=child, vs=vs, part=None,
                                    caption=f"Picture {n}", sharing=[], asked_by=None,
                                    actor=SYSTEM, data=small.getvalue())
            session.commit()
    finally:
        engine.dispose()
    server = ctx.app("1k")
    headers = _sign_in(server.base_url, ds.manager_email, ds.manager_password)
    path = f"/cases/{case_id}/children/{child_id}/three-houses/{th_id}"
    result = load.latency(server, lambda _rng: path, headers=headers, json=False)
    rows = [["page", "p50 ms", "p95 ms", "mean ms", "requests"],
            ["My Three Houses, 30 entries, 6 pictures (goal p50 <= 30 ms)",
             f"{result.p50_ms:.1f}", f"{result.p95_ms:.1f}", f"{result.mean_ms:.1f}",
             str(result.requests)]]
    return Result(table=rows, data=result.as_dict(),
                  headline={"three_houses_page_p50_ms": round(result.p50_ms, 2)})
