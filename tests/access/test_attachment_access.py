"""Who may add and download files kept with a case. Every route × every role × every kind of
case (see tests/access/world.py)."""

from __future__ import annotations

from typing import Any

from tests.access.world import CaseRoute, CaseRoutes, World, _file_all, case_route_test, cid


def _upload(w: World, **extra: Any) -> dict[str, Any]:
    return {"data": {"csrf_token": w.csrf, "title": "Letter", **extra},
            "files": {"file": ("letter.txt", b"Dear family", "text/plain")},
            "headers": {"X-CSRF-Token": w.csrf}}


def _a(w: World, k: str, rest: str = "") -> str:
    return f"/cases/{cid(w, k)}/attachments/{w.files[k].id}{rest}"


CASE_ROUTES: CaseRoutes = {
    ("POST", "/cases/{case_id}/attachments"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/attachments", _upload(w))),
    ("GET", "/cases/{case_id}/attachments/{attachment_id}/download"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _a(w, k, "/download"), {}), _file_all),
    ("GET", "/api/v1/cases/{case_id}/attachments"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/attachments", {}),
        _file_all),
    ("POST", "/api/v1/cases/{case_id}/attachments"): CaseRoute(
        "write", 201,
        lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/attachments", _upload(w))),
    ("GET", "/api/v1/cases/{case_id}/attachments/{attachment_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", "/api/v1" + _a(w, k), {}), _file_all),
    ("GET", "/api/v1/cases/{case_id}/attachments/{attachment_id}/content"): CaseRoute(
        "read", 200, lambda w, k: ("GET", "/api/v1" + _a(w, k, "/content"), {}), _file_all),
}

test_case_route = case_route_test(CASE_ROUTES)
