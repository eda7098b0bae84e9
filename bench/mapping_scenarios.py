"""Scenarios for issue #4: the whole mapping through the API, and the mapping page.

Each builds its own mapping (through the app's services, so it is a real, audited record)
on a case in the 1k dataset before the server reads it."""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy.orm import Session

from bench import load
from bench.context import Context
from bench.scenarios import Result, _ratio, _throughput_row, scenario

#: Categories in the order items are spread over them.
SPREAD = [
    "harm",
    "danger_statement",
    "complicating_factor",
    "existing_strength",
    "existing_safety",
    "safety_goal",
    "next_step",
    "grey_area",
    "bottom_line",
]
SENTENCE = (
    "Jade said that when Lee has been drinking the arguments start in the kitchen and the "
    "children go upstairs; the school saw Mia tired and quiet on the Monday after."
)


def build_mapping(url: str, case_id: int, n_items: int) -> int:
    """A draft mapping on the case with `n_items` items over all the categories, every
    danger statement paired with a goal, and worker and parent scores on each pair."""
    from app.db import make_engine
    from app.models.case import Case
    from app.models.enums import Category, MappingKind, RaterKind
    from app.schemas.mapping import MappingCreate
    from app.schemas.mapping_item import ItemCreate
    from app.schemas.rating import RatingCreate
    from app.services import mapping as mapping_service
    from app.services import mapping_item as item_service
    from app.services import rating as rating_service
    from app.services.audit import SYSTEM

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            case = session.get(Case, case_id)
            assert case is not None
            m = mapping_service.create(
                session,
                case=case,
                data=MappingCreate(kind=MappingKind.initial_assessment),
                actor=SYSTEM,
            )
            dangers: list[int] = []
            for n in range(n_items):
                cat = Category(SPREAD[n % len(SPREAD)])
                fields: dict[str, Any] = {"text": f"{n}. {SENTENCE}"}
                if cat == Category.harm:
                    fields |= {"harm_impact": "Mia was frightened", "harm_pattern": "weekly"}
                if cat == Category.danger_statement:
                    fields = {
                        "ds_who_worried": "Children's Services and the school",
                        "ds_behaviour": f"{n}. Lee may hit Jade in front of the children",
                        "ds_impact": "Mia and Leo could be hurt and frightened at home.",
                        "family_view": "disagrees",
                        "family_view_words": "It only happened once",
                    }
                if cat == Category.safety_goal and dangers:
                    fields = {
                        "sg_carers_doing": f"{n}. Jade and Lee keep arguments away from the "
                        "children",
                        "sg_duration": "6 months",
                        "pairs_with_id": dangers.pop(0),
                    }
                item = item_service.create(
                    session,
                    case=case,
                    mapping=m,
                    data=ItemCreate(category=cat, **fields),
                    actor=SYSTEM,
                )
                if cat == Category.danger_statement:
                    dangers.append(item.id)
                    for kind, name, score in (
                        (RaterKind.worker, "Bench Worker", 3),
                        (RaterKind.professional, "Jade", 6),
                    ):
                        rating_service.create(
                            session,
                            case=case,
                            mapping=m,
                            data=RatingCreate(
                                danger_id=item.id, rater_kind=kind, rater_name=name, score=score
                            ),
                            actor=SYSTEM,
                        )
            session.commit()
            return m.id
    finally:
        engine.dispose()


@scenario(
    "mapping_read_throughput",
    "GET a whole mapping (~40 items, pairs, ratings, signals) vs GET /bare/{id}, 8 connections, "
    "both with production's worker processes",
)
def mapping_read_throughput(ctx: Context) -> Result:
    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[0]
    mapping_id = build_mapping(ds.url, case_id, 40)
    path = f"/api/v1/cases/{case_id}/mappings/{mapping_id}"
    workers = ctx.workers("1k")
    server = ctx.app("1k", workers=workers)
    probe = httpx.get(server.base_url + path, headers=ctx.token_headers("1k"), timeout=30)
    probe.raise_for_status()
    items = sum(len(v) for col in probe.json()["columns"].values() for v in col.values())
    items += sum(len(v) for v in probe.json()["extra"].values())
    bare = load.throughput(ctx.bare(workers),
                           lambda rng: f"/bare/{rng.randrange(1, 100_000)}")
    app = load.throughput(server, lambda _rng: path, headers=ctx.token_headers("1k"))
    ratio = _ratio(app.rps, bare.rps)
    rows = [["target", "req/s", "p50 ms", "p95 ms", "server CPU", "client CPU", "requests"]]
    rows.append(_throughput_row("bare FastAPI", bare))
    rows.append(_throughput_row(f"whole mapping, {items} items", app))
    rows.append(["ratio mapping/bare", f"{ratio:.3f}x"] + [""] * 5)
    return Result(
        table=rows,
        data={"items": items, "app_workers": workers, "bare": bare.as_dict(),
              "mapping": app.as_dict(), "ratio": ratio},
        headline={"mapping_read_rps_ratio_over_bare": ratio},
    )


def _sign_in(base_url: str, email: str, password: str) -> dict[str, str]:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        data = {"email": email, "password": password}
        if token:
            data["csrf_token"] = token.group(1)
        r = client.post("/login", data=data)
        if r.status_code >= 400 or "sr_session" not in client.cookies:
            raise RuntimeError(f"bench sign-in failed: {r.status_code}")
        return {"Cookie": f"sr_session={client.cookies['sr_session']}"}


@scenario(
    "mapping_page_latency",
    "GET the mapping page (60 items, HTML) signed in, sequential: time on loopback",
)
def mapping_page_latency(ctx: Context) -> Result:
    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[1]
    mapping_id = build_mapping(ds.url, case_id, 60)
    server = ctx.app("1k")
    headers = _sign_in(server.base_url, ds.manager_email, ds.manager_password)
    path = f"/cases/{case_id}/mappings/{mapping_id}"
    result = load.latency(server, lambda _rng: path, headers=headers, json=False)
    rows = [["page", "p50 ms", "p95 ms", "mean ms", "requests"]]
    rows.append(
        [
            "mapping page, 60 items",
            f"{result.p50_ms:.1f}",
            f"{result.p95_ms:.1f}",
            f"{result.mean_ms:.1f}",
            str(result.requests),
        ]
    )
    return Result(
        table=rows,
        data=result.as_dict(),
        headline={"mapping_page_p50_ms": round(result.p50_ms, 2)},
    )
