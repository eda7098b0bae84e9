"""Who may see and record a child's Three Houses and pictures: whoever reaches the case sees
them; whoever may change the case records them. Every route × every role × every kind of case
(see tests/access/world.py)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from PIL import Image

from app.models.enums import VoicePart, VoiceTool
from app.models.picture import Picture
from app.models.voice import VoiceEntry, VoiceSession
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
        th = VoiceSession(case_id=c.id, child_id=w.children[k].id, held_on=date(2026, 11, 2),
                          tool=VoiceTool.three_houses, interviewer_name="Worker",
                          recorded_by_name="Worker", sharing={})
        w.session.add(th)
        w.session.flush()
        entry = VoiceEntry(session_id=th.id, part=VoicePart.worries, words="Daddy shouts")
        pic = Picture(case_id=c.id, child_id=w.children[k].id, session_id=th.id,
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

def _safe(w: World, k: str, api: bool = False) -> str:
    return (f"{'/api/v1' if api else ''}/cases/{cid(w, k)}/children/{w.children[k].id}"
            "/safety-house")


def _safe_all(w: World) -> None:
    for k, c in w.cases.items():
        vs = VoiceSession(case_id=c.id, child_id=w.children[k].id, held_on=date(2026, 11, 3),
                          tool=VoiceTool.safety_house, interviewer_name="Worker",
                          recorded_by_name="Worker", sharing={})
        w.session.add(vs)
        w.session.flush()
        entry = VoiceEntry(session_id=vs.id, part=VoicePart.red_circle, words="Dad drinking")
        w.session.add(entry)
        w.session.flush()
        _safe_rows[k] = (vs.id, entry.id)
    w.session.commit()


_safe_rows: dict[str, tuple[int, int]] = {}


def _safe_tag(w: World, k: str, n: int) -> str:
    model = VoiceSession if n == 0 else VoiceEntry
    row = w.fresh(model, _safe_rows[k][n])
    return f'"{model.__name__.lower()}-{row.id}-v{row.version}"'


SAFETY_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/children/{child_id}/safety-house"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _safe(w, k), {}), _safe_all),
    ("GET", "/cases/{case_id}/children/{child_id}/safety-house/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"{_safe(w, k)}/new", {})),
    ("POST", "/cases/{case_id}/children/{child_id}/safety-house"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _safe(w, k), _form(w, inside="Mum", scale="5",
                                                                **_DAY))),
    ("GET", "/cases/{case_id}/children/{child_id}/safety-house/{session_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"{_safe(w, k)}/{_safe_rows[k][0]}", {}), _safe_all),
    ("GET", "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/details"):
        CaseRoute("write", 200, lambda w, k: (
            "GET", f"{_safe(w, k)}/{_safe_rows[k][0]}/details", {}), _safe_all),
    ("POST", "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/details"):
        CaseRoute("write", 303, lambda w, k: (
            "POST", f"{_safe(w, k)}/{_safe_rows[k][0]}/details", _form(
                w, version=str(w.fresh(VoiceSession, _safe_rows[k][0]).version), scale="4",
                **_DAY)), _safe_all),
    ("POST", "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/entries"):
        CaseRoute("write", 303, lambda w, k: (
            "POST", f"{_safe(w, k)}/{_safe_rows[k][0]}/entries",
            _form(w, part="roof", words_roof="No shouting")), _safe_all),
    ("POST", "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/entries/"
             "{entry_id}/place"):
        CaseRoute("write", 303, lambda w, k: (
            "POST", f"{_safe(w, k)}/{_safe_rows[k][0]}/entries/{_safe_rows[k][1]}/place",
            _form(w)), _safe_all),
    ("POST", "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/pictures"):
        CaseRoute("write", 303, lambda w, k: (
            "POST", f"{_safe(w, k)}/{_safe_rows[k][0]}/pictures", _upload(w)), _safe_all),
    ("GET", "/cases/{case_id}/children/{child_id}/safety-house/{session_id}/"
            "what-you-told-us.pdf"):
        CaseRoute("read", 200, lambda w, k: (
            "GET", f"{_safe(w, k)}/{_safe_rows[k][0]}/what-you-told-us.pdf", {}), _safe_all),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/safety-house"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _safe(w, k, True), {}), _safe_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/safety-house"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _safe(w, k, True), _json(
            w, {"held_on": "2026-11-02", "words": {"roof": ["No shouting"]}, "scale": 5}))),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}"):
        CaseRoute("read", 200, lambda w, k: (
            "GET", f"{_safe(w, k, True)}/{_safe_rows[k][0]}", {}), _safe_all),
    ("PATCH", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}"):
        CaseRoute("write", 200, lambda w, k: (
            "PATCH", f"{_safe(w, k, True)}/{_safe_rows[k][0]}",
            _json(w, {"scale": 8}, _safe_tag(w, k, 0))), _safe_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}/entries"):
        CaseRoute("write", 201, lambda w, k: (
            "POST", f"{_safe(w, k, True)}/{_safe_rows[k][0]}/entries",
            _json(w, {"part": "path", "words": "Nana"})), _safe_all),
    ("PATCH", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}/"
              "entries/{entry_id}"):
        CaseRoute("write", 200, lambda w, k: (
            "PATCH", f"{_safe(w, k, True)}/{_safe_rows[k][0]}/entries/{_safe_rows[k][1]}",
            _json(w, {"words": "Dad when he drinks"}, _safe_tag(w, k, 1))), _safe_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}/"
             "entries/{entry_id}/remove"):
        CaseRoute("write", 204, lambda w, k: (
            "POST", f"{_safe(w, k, True)}/{_safe_rows[k][0]}/entries/{_safe_rows[k][1]}/remove",
            _json(w, None, _safe_tag(w, k, 1))), _safe_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}/"
             "entries/{entry_id}/place"):
        CaseRoute("write", 201, lambda w, k: (
            "POST", f"{_safe(w, k, True)}/{_safe_rows[k][0]}/entries/{_safe_rows[k][1]}/place",
            _json(w, {})), _safe_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}/pictures"):
        CaseRoute("write", 201, lambda w, k: (
            "POST", f"{_safe(w, k, True)}/{_safe_rows[k][0]}/pictures", _upload(w)),
            _safe_all),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/safety-house/{session_id}/"
            "what-you-told-us.pdf"):
        CaseRoute("read", 200, lambda w, k: (
            "GET", f"{_safe(w, k, True)}/{_safe_rows[k][0]}/what-you-told-us.pdf", {}),
            _safe_all),
}

THREE_HOUSES_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _base(w, k), {}), _record_all),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"{_base(w, k)}/new", {})),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _base(w, k), _form(w, worries="Shouting", **_DAY))),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/{session_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _th(w, k), {}), _record_all),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/details"):
        CaseRoute("write", 200, lambda w, k: ("GET", f"{_th(w, k)}/details", {}), _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/details"):
        CaseRoute("write", 303, lambda w, k: ("POST", f"{_th(w, k)}/details", _form(
            w, version=str(w.fresh(VoiceSession, _rows[k][0]).version), place="Home",
            **_DAY)), _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/entries"):
        CaseRoute("write", 303, lambda w, k: ("POST", f"{_th(w, k)}/entries", _form(
            w, part="dreams", words_dreams="A dog")), _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/entries/"
             "{entry_id}/place"):
        CaseRoute("write", 303, lambda w, k: (
            "POST", f"{_th(w, k)}/entries/{_rows[k][1]}/place", _form(w, category="harm")),
            _record_all),
    ("POST", "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/pictures"):
        CaseRoute("write", 303, lambda w, k: ("POST", f"{_th(w, k)}/pictures", _upload(w)),
                  _record_all),
    ("GET", "/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
            "what-you-told-us.pdf"):
        CaseRoute("read", 200, lambda w, k: ("GET", f"{_th(w, k)}/what-you-told-us.pdf", {}),
                  _record_all),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
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
            w, {"held_on": "2026-11-02", "words": {"worries": ["Shouting"]}}))),
    ("GET", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}"):
        CaseRoute("read", 200, lambda w, k: ("GET", _th(w, k, True), {}), _record_all),
    ("PATCH", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}"):
        CaseRoute("write", 200, lambda w, k: ("PATCH", _th(w, k, True), _json(
            w, {"place": "Home"}, _tag(w, k, VoiceSession, 0))), _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
             "entries"):
        CaseRoute("write", 201, lambda w, k: ("POST", f"{_th(w, k, True)}/entries", _json(
            w, {"part": "dreams", "words": "A dog"})), _record_all),
    ("PATCH", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
              "entries/{entry_id}"):
        CaseRoute("write", 200, lambda w, k: ("PATCH", _entry(w, k), _json(
            w, {"words": "Daddy shouts a lot"}, _tag(w, k, VoiceEntry, 1))),
            _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
             "entries/{entry_id}/remove"):
        CaseRoute("write", 204, lambda w, k: ("POST", f"{_entry(w, k)}/remove", _json(
            w, None, _tag(w, k, VoiceEntry, 1))), _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
             "entries/{entry_id}/place"):
        CaseRoute("write", 201, lambda w, k: ("POST", f"{_entry(w, k)}/place", _json(w, {})),
                  _record_all),
    ("POST", "/api/v1/cases/{case_id}/children/{child_id}/three-houses/{session_id}/"
             "pictures"):
        CaseRoute("write", 201, lambda w, k: ("POST", f"{_th(w, k, True)}/pictures",
                                              _upload(w)), _record_all),
    ("GET", "/api/v1/cases/{case_id}/pictures/{picture_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _pic(w, k, True), {}), _record_all),
    ("GET", "/api/v1/cases/{case_id}/pictures/{picture_id}/content"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"{_pic(w, k, True)}/content", {}), _record_all),
    ("POST", "/api/v1/cases/{case_id}/pictures/{picture_id}/remove"): CaseRoute(
        "write", 204, lambda w, k: ("POST", f"{_pic(w, k, True)}/remove", _json(
            w, None, _tag(w, k, Picture, 2))), _record_all),
    ("POST", "/cases/{case_id}/pictures/{picture_id}/remove"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"{_pic(w, k)}/remove", _form(
            w, version=str(w.fresh(Picture, _rows[k][2]).version))), _record_all),
    ("PATCH", "/api/v1/cases/{case_id}/pictures/{picture_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _pic(w, k, True), _json(
            w, {"caption": "Nana"}, _tag(w, k, Picture, 2))), _record_all),
}

CASE_ROUTES: CaseRoutes = {**THREE_HOUSES_ROUTES, **SAFETY_ROUTES}

test_case_route = case_route_test(CASE_ROUTES)
