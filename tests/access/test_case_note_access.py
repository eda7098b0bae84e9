"""Who may read, record and change notes and visits. Every route × every role × every kind
of case (see tests/access/world.py)."""

from __future__ import annotations

from datetime import date

from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    _note_all,
    case_route_test,
    cid,
)

TODAY = date.today()
NOTE_FORM = {"kind": "phone_call", "title": "Call with school",
             "occurred_on-day": str(TODAY.day), "occurred_on-month": str(TODAY.month),
             "occurred_on-year": str(TODAY.year)}


def _n(w: World, k: str, rest: str = "") -> str:
    return f"/cases/{cid(w, k)}/notes/{w.notes[k].id}{rest}"


CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/notes"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/notes", {}), _note_all),
    ("GET", "/cases/{case_id}/notes/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/notes/new", {})),
    ("POST", "/cases/{case_id}/notes"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/notes", _form(w, **NOTE_FORM))),
    ("GET", "/cases/{case_id}/notes/{note_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _n(w, k), {}), _note_all),
    ("GET", "/cases/{case_id}/notes/{note_id}/edit"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _n(w, k, "/edit"), {}), _note_all),
    ("POST", "/cases/{case_id}/notes/{note_id}"): CaseRoute(
        "write", 303,
        lambda w, k: ("POST", _n(w, k), _form(w, version=w.etag(w.notes[k]).split("-v")[1]
                                              .rstrip('"'), **NOTE_FORM)),
        _note_all),
    ("GET", "/api/v1/cases/{case_id}/notes"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/notes", {}), _note_all),
    ("POST", "/api/v1/cases/{case_id}/notes"): CaseRoute(
        "write", 201,
        lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/notes",
                      _json(w, {"kind": "meeting", "occurred_on": str(TODAY),
                                "title": "Core group"}))),
    ("GET", "/api/v1/cases/{case_id}/notes/{note_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", "/api/v1" + _n(w, k), {}), _note_all),
    ("PATCH", "/api/v1/cases/{case_id}/notes/{note_id}"): CaseRoute(
        "write", 200,
        lambda w, k: ("PATCH", "/api/v1" + _n(w, k),
                      _json(w, {"body": "Spoke to Mia."}, w.etag(w.notes[k]))),
        _note_all),
}

test_case_route = case_route_test(CASE_ROUTES)
