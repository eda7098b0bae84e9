"""Who may use family documents: the PDF, issuing, the register.
Every route × every role × every kind of case (see tests/access/world.py)."""

from __future__ import annotations

from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    _form,
    _issue_all,
    _json,
    _m,
    _ui,
    case_route_test,
    cid,
)

CASE_ROUTES: CaseRoutes = {
    ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}/family.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _m(w, k, "/family.pdf"), {})
    ),
    ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/issue"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _m(w, k, "/issue"), _json(w, {"issued_to": "Mum",
                                                         "readability_reason": "As asked"}))
    ),
    ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}/family-easy-read.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _m(w, k, "/family-easy-read.pdf"), {})
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/family-easy-read.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k, "/family-easy-read.pdf"), {})
    ),
    ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}/readability"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _m(w, k, "/readability"), {})
    ),
    ("GET", "/api/v1/cases/{case_id}/documents"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/documents", {})
    ),
    ("GET", "/api/v1/cases/{case_id}/documents/{document_id}"): CaseRoute(
        "read",
        200,
        lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/documents/{w.docs[k].id}", {}),
        prepare=_issue_all,
    ),
    ("GET", "/api/v1/cases/{case_id}/documents/{document_id}/content"): CaseRoute(
        "read",
        200,
        lambda w, k: (
            "GET",
            f"/api/v1/cases/{cid(w, k)}/documents/{w.docs[k].id}/content",
            {},
        ),
        prepare=_issue_all,
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/family.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k, "/family.pdf"), {})
    ),
    ("GET", "/cases/{case_id}/mappings/{mapping_id}/issue"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, "/issue"), {})
    ),
    ("POST", "/cases/{case_id}/mappings/{mapping_id}/issue"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/issue"), _form(w, issued_to="Mum",
                                                                    readability_reason="As asked"))
    ),
    ("GET", "/cases/{case_id}/documents"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/documents", {})
    ),
    ("GET", "/cases/{case_id}/documents/{document_id}/download"): CaseRoute(
        "read",
        200,
        lambda w, k: (
            "GET",
            f"/cases/{cid(w, k)}/documents/{w.docs[k].id}/download",
            {},
        ),
        prepare=_issue_all,
    ),
}

test_case_route = case_route_test(CASE_ROUTES)
