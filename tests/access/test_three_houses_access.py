"""Who may see and record a child's Three Houses and pictures: whoever reaches the case sees
them; whoever may change the case records them. Every route × every role × every kind of case
(see tests/access/world.py)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from PIL import Image

from app.models.enums import House
from app.models.picture import Picture
from app.models.three_houses import ThreeHouses, ThreeHousesEntry
from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
)

#: The session, its entry and its picture made on each child by `_record_all`, by kind of case.
_rows: dict[str, tuple[int, int, int]] = {}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), "red").save(out, "PNG")
    return out.getvalue()


def _record_all(w: World) -> None:
    png = _png()
    for k, c in w.cases.items():
        th = ThreeHouses(case_id=c.id, child_id=w.children[k].id, held_on=date(2026, 11, 2),
                         interviewer_name="Worker", recorded_by_name="Worker", sharing={})
        w.session.add(th)
        w.session.flush()
        entry = ThreeHousesEntry(three_houses_id=th.id, house=House.worries,
                                 words="Daddy shouts")
        pic = Picture(case_id=c.id, child_id=w.children[k].id, three_houses_id=th.id,
                      source="upload", media_type="image/png", width=8, height=6,
                      size=len(png), sha256="0" * 64, content=png, sharing=[],
                      recorded_by_name="Worker")
        w.session.add_all([entry, pic])
        w.session.flush()
        _rows[k] = (th.id, entry.id, pic.id)
    w.session.commit()


def _base(w: World, k: str, api: bool = False) -> str:
    return (f"{'/api/v1' if api else ''}/cases/{cid(w, k)}/children/{w.children[k].id}"
            "/three-houses")


def _th(w: World, k: str, api: bool = False) -> str:
    return f"{_base(w, k, api)}/{_rows[k][0]}"


def _entry(w: World, k: str) -> str:
    return f"{_th(w, k, True)}/entries/{_rows[k][1]}"


def _pic(w: World, k: str, api: bool = False) -> str:
    return f"{'/api/v1' if api else ''}/cases/{cid(w, k)}/pictures/{_rows[k][2]}"


def _tag(w: World, k: str, model: Any, n: int) -> str:
    row = w.fresh(model, _rows[k][n])
    return f'"{model.__name__.lower()}-{row.id}-v{row.version}"'


def _upload(w: World) -> dict[str, Any]:
    return {"data": {"csrf_token": w.csrf}, "files": {"picture": ("p.png", _png(), "image/png")},
            "headers": {"X-CSRF-Token": w.csrf}}


_DAY = {"held_on-day": "2", "held_on-month": "11", "held_on-year": "2026"}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _base(w, k), {}), _record_all),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"{_base(w, k)}/new", {})),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _base(w, k), _form(w, worries="Shouting", **_DAY))),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _th(w, k), {}), _record_all),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/details"):
        CaseRoute("write", 200, lambda w, k: ("GET", f"{_th(w, k)}/details", {}), _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/details"):
        CaseRoute("write", 303, lambda w, k: ("POST", f"{_th(w, k)}/details", _form(
            w, version=str(w.fresh(ThreeHouses, _rows[k][0]).version), place="Home",
            **_DAY)), _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/entries"):
        CaseRoute("write", 303, lambda w, k: ("POST", f"{_th(w, k)}/entries", _form(
            w, house="dreams", words_dreams="A dog")), _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/entries/"
             "{entry_id}/place"):
        CaseRoute("write", 303, lambda w, k: (
            "POST", f"{_th(w, k)}/entries/{_rows[k][1]}/place", _form(w, category="harm")),
            _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/pictures"):
        CaseRoute("write", 303, lambda w, k: ("POST", f"{_th(w, k)}/pictures", _upload(w)),
                  _record_all),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/"
            "what-you-told-us.pdf"):
        CaseRoute("read", 200, lambda w, k: ("GET", f"{_th(w, k)}/what-you-told-us.pdf", {}),
                  _record_all),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/"
            "what-you-told-us.pdf"):
        CaseRoute("read", 200, lambda w, k: (
            "GET", f"{_th(w, k, True)}/what-you-told-us.pdf", {}), _record_all),
    ("GET", "/cases/{case_id}/pictures/{picture_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _pic(w, k), {}), _record_all),
    ("POST", "/cases/{case_id}/pictures/{picture_id}/sharing"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_pic(w, k)}/sharing", _form(
            w, version=str(w.fresh(Picture, _rows[k][2]).version),
            **{f"share_{_rows[k][2]}": "family", f"asked_by_{_rows[k][2]}": "Worker"})),
        _record_all),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/three-houses"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _base(w, k, True), {}), _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _base(w, k, True), _json(
            w, {"held_on": "2026-11-02", "worries": ["Shouting"]}))),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}"):
        CaseRoute("read", 200, lambda w, k: ("GET", _th(w, k, True), {}), _record_all),
    ("PATCH", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}"):
        CaseRoute("write", 200, lambda w, k: ("PATCH", _th(w, k, True), _json(
            w, {"place": "Home"}, _tag(w, k, ThreeHouses, 0))), _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/"
             "entries"):
        CaseRoute("write", 201, lambda w, k: ("POST", f"{_th(w, k, True)}/entries", _json(
            w, {"house": "dreams", "words": "A dog"})), _record_all),
    ("PATCH", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/"
              "entries/{entry_id}"):
        CaseRoute("write", 200, lambda w, k: ("PATCH", _entry(w, k), _json(
            w, {"words": "Daddy shouts a lot"}, _tag(w, k, ThreeHousesEntry, 1))),
            _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/"
             "entries/{entry_id}/remove"):
        CaseRoute("write", 204, lambda w, k: ("POST", f"{_entry(w, k)}/remove", _json(
            w, None, _tag(w, k, ThreeHousesEntry, 1))), _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/"
             "entries/{entry_id}/place"):
        CaseRoute("write", 201, lambda w, k: ("POST", f"{_entry(w, k)}/place", _json(w, {})),
                  _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{three_houses_id}/"
             "pictures"):
        CaseRoute("write", 201, lambda w, k: ("POST", f"{_th(w, k, True)}/pictures",
                                              _upload(w)), _record_all),
    ("GET", "/api/v1/cases/{case_id}/pictures/{picture_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _pic(w, k, True), {}), _record_all),
    ("GET", "/api/v1/cases/{case_id}/pictures/{picture_id}/content"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"{_pic(w, k, True)}/content", {}), _record_all),
    ("PATCH", "/api/v1/cases/{case_id}/pictures/{picture_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _pic(w, k, True), _json(
            w, {"caption": "Nana"}, _tag(w, k, Picture, 2))), _record_all),
}

test_case_route = case_route_test(CASE_ROUTES)
