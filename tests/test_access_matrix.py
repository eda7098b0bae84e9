"""Every route × every role × (own case, team case, other team's case, restricted case, and a
restricted case the user is named on).

Fails when a route is added without an entry here, so access rules are decided for every
route. A case outside a user's reach must answer 404 and show nothing of the case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy.orm import Session

from app.main import app
from app.models.base import utcnow
from app.models.case import Case
from app.models.document import IssuedDocument
from app.models.enums import Category, MappingStatus, Role
from app.models.jargon import JargonTerm
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.models.rating import Rating
from app.schemas.case import CaseClose
from app.services import case as case_service
from app.services.audit import SYSTEM
from tests.factories import (
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_user,
)

ROLES = [Role.practitioner, Role.supervisor, Role.service_manager, Role.administrator]
KINDS = ["own", "team", "other", "restricted", "named"]
NAMES = {
    "own": "Alphaone",
    "team": "Bravotwo",
    "other": "Charliethree",
    "restricted": "Romeofour",
    "named": "Novemberfive",
}

# What each role may do with each kind of case. "ok" = the route's success status.
# "named": a restricted case in the user's team (allocated to them if they are a practitioner)
# on which they are named, so they reach it as they would an unrestricted one.
READ = {
    Role.practitioner: {"own": "ok", "team": "ok", "other": 404, "restricted": 404, "named": "ok"},
    Role.supervisor: {"own": "ok", "team": "ok", "other": 404, "restricted": 404, "named": "ok"},
    Role.service_manager: {
        "own": "ok", "team": "ok", "other": "ok", "restricted": 404, "named": "ok"
    },
    Role.administrator: {"own": 404, "team": 404, "other": 404, "restricted": 404, "named": 404},
}
WRITE = {
    Role.practitioner: {"own": "ok", "team": 403, "other": 404, "restricted": 404, "named": "ok"},
    Role.supervisor: {"own": "ok", "team": "ok", "other": 404, "restricted": 404, "named": "ok"},
    Role.service_manager: {"own": 403, "team": 403, "other": 403, "restricted": 404, "named": 403},
    Role.administrator: {"own": 404, "team": 404, "other": 404, "restricted": 404, "named": 404},
}


@dataclass
class World:
    session: Session
    cases: dict[str, Case]
    children: dict[str, Person]
    csrf: str = ""
    etags: dict[int, str] = field(default_factory=dict)
    mappings: dict[str, Mapping] = field(default_factory=dict)
    dangers: dict[str, MappingItem] = field(default_factory=dict)
    goals: dict[str, MappingItem] = field(default_factory=dict)
    ratings: dict[str, Rating] = field(default_factory=dict)
    docs: dict[str, IssuedDocument] = field(default_factory=dict)

    def fresh(self, model: type, id_: int) -> Any:
        self.session.commit()
        self.session.expire_all()
        return self.session.get(model, id_)

    def etag(self, obj: Any) -> str:
        row = self.fresh(type(obj), obj.id)
        return f'"{type(obj).__name__.lower()}-{row.id}-v{row.version}"'

    def version(self, case: Case) -> int:
        self.session.commit()
        self.session.expire_all()
        return self.session.get(Case, case.id).version  # type: ignore[union-attr]

    def person_version(self, person: Person) -> int:
        self.session.commit()
        self.session.expire_all()
        return self.session.get(Person, person.id).version  # type: ignore[union-attr]


Call = Callable[[World, str], tuple[str, str, dict[str, Any]]]


@dataclass
class CaseRoute:
    kind: str  # "read" or "write"
    ok: int
    call: Call
    prepare: Callable[[World], None] | None = None
    #: Overrides READ/WRITE where a route has its own rule (e.g. only a supervisor signs off).
    rules: dict[Role, dict[str, Any]] | None = None


def _form(w: World, **data: Any) -> dict[str, Any]:
    return {"data": {"csrf_token": w.csrf, **data}}


def _json(w: World, body: Any = None, etag: str | None = None) -> dict[str, Any]:
    headers = {"X-CSRF-Token": w.csrf}
    if etag:
        headers["If-Match"] = etag
    return {"json": body, "headers": headers} if body is not None else {"headers": headers}


def _case_etag(w: World, k: str) -> str:
    c = w.cases[k]
    return f'"case-{c.id}-v{w.version(c)}"'


def _person_etag(w: World, k: str) -> str:
    p = w.children[k]
    return f'"person-{p.id}-v{w.person_version(p)}"'


def _close_all(w: World) -> None:
    for c in w.cases.values():
        case_service.close(
            w.session,
            case=case_service.load(w.session, c.id),
            data=CaseClose(closure_reason="test"),
            expected_version=None,
            actor=SYSTEM,
        )
    w.session.commit()


def cid(w: World, k: str) -> int:
    return w.cases[k].id


def pid(w: World, k: str) -> int:
    return w.children[k].id


CHILD_FORM = {
    "kind": "child",
    "given_name": "New",
    "family_name": "Child",
    "date_of_birth-day": "1",
    "date_of_birth-month": "2",
    "date_of_birth-year": "2020",
}

CASE_ROUTES: dict[tuple[str, str], CaseRoute] = {
    ("GET", "/api/v1/cases/{case_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}", {})
    ),
    ("PATCH", "/api/v1/cases/{case_id}"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "PATCH",
            f"/api/v1/cases/{cid(w, k)}",
            _json(w, {"family_name": "Changed"}, _case_etag(w, k)),
        ),
    ),
    ("POST", "/api/v1/cases/{case_id}/close"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "POST",
            f"/api/v1/cases/{cid(w, k)}/close",
            _json(w, {"closure_reason": "Safe"}, _case_etag(w, k)),
        ),
    ),
    ("POST", "/api/v1/cases/{case_id}/reopen"): CaseRoute(
        "write",
        200,
        lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/reopen", _json(w, etag=_case_etag(w, k))),
        prepare=_close_all,
    ),
    ("GET", "/api/v1/cases/{case_id}/people"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/people", {})
    ),
    ("POST", "/api/v1/cases/{case_id}/people"): CaseRoute(
        "write",
        201,
        lambda w, k: (
            "POST",
            f"/api/v1/cases/{cid(w, k)}/people",
            _json(
                w,
                {
                    "kind": "child",
                    "given_name": "New",
                    "family_name": "Child",
                    "date_of_birth": "2020-02-01",
                },
            ),
        ),
    ),
    ("GET", "/api/v1/cases/{case_id}/people/{person_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/people/{pid(w, k)}", {})
    ),
    ("PATCH", "/api/v1/cases/{case_id}/people/{person_id}"): CaseRoute(
        "write",
        200,
        lambda w, k: (
            "PATCH",
            f"/api/v1/cases/{cid(w, k)}/people/{pid(w, k)}",
            _json(w, {"phone": "0123"}, _person_etag(w, k)),
        ),
    ),
    ("GET", "/api/v1/cases/{case_id}/history"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/history", {})
    ),
    ("GET", "/cases/{case_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}", {})
    ),
    ("GET", "/cases/{case_id}/history"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/history", {})
    ),
    ("GET", "/cases/{case_id}/edit"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/edit", {})
    ),
    ("POST", "/cases/{case_id}/edit"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/edit",
            _form(w, family_name="Changed", version=w.version(w.cases[k])),
        ),
    ),
    ("POST", "/cases/{case_id}/close"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/close",
            _form(w, closure_reason="Safe", version=w.version(w.cases[k])),
        ),
    ),
    ("POST", "/cases/{case_id}/reopen"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/reopen",
            _form(w, version=w.version(w.cases[k])),
        ),
        prepare=_close_all,
    ),
    ("GET", "/cases/{case_id}/people/new"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/people/new?kind=child", {})
    ),
    ("POST", "/cases/{case_id}/people"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/people", _form(w, **CHILD_FORM))
    ),
    ("GET", "/cases/{case_id}/people/{person_id}/edit"): CaseRoute(
        "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/people/{pid(w, k)}/edit", {})
    ),
    ("POST", "/cases/{case_id}/people/{person_id}"): CaseRoute(
        "write",
        303,
        lambda w, k: (
            "POST",
            f"/cases/{cid(w, k)}/people/{pid(w, k)}",
            _form(
                w,
                given_name="Mia",
                family_name="X",
                **{
                    "date_of_birth-day": "1",
                    "date_of_birth-month": "5",
                    "date_of_birth-year": "2018",
                },
                version=w.person_version(w.children[k]),
            ),
        ),
    ),
}


def mid(w: World, k: str) -> int:
    return w.mappings[k].id


def _m(w: World, k: str, rest: str = "") -> str:
    return f"/api/v1/cases/{cid(w, k)}/mappings/{mid(w, k)}{rest}"


def _ui(w: World, k: str, rest: str = "") -> str:
    return f"/cases/{cid(w, k)}/mappings/{mid(w, k)}{rest}"


def _issue_all(w: World) -> None:
    """A register entry on each case (stand-in bytes: rendering is tested elsewhere)."""
    for k, c in w.cases.items():
        doc = IssuedDocument(
            case_id=c.id, mapping_id=w.mappings[k].id, mapping_version=1, kind="family_summary",
            title=f"Doc {NAMES[k]}", filename="x.pdf", issued_to="Mum", issued_by_name="Sam",
            issued_at=utcnow(), sha256="0" * 64, size=8, content=b"%PDF-1.7",
        )
        w.session.add(doc)
        w.docs[k] = doc
    w.session.commit()


def _agree_all(w: World) -> None:
    for m in w.mappings.values():
        row = w.fresh(Mapping, m.id)
        row.status = MappingStatus.agreed
    w.session.commit()


SIGN_OFF = {
    Role.practitioner: {"own": 403, "team": 403, "other": 404, "restricted": 404, "named": 403},
    Role.supervisor: {"own": "ok", "team": "ok", "other": 404, "restricted": 404, "named": "ok"},
    Role.service_manager: {"own": 403, "team": 403, "other": 403, "restricted": 404, "named": 403},
    Role.administrator: {"own": 404, "team": 404, "other": 404, "restricted": 404, "named": 404},
}

CASE_ROUTES.update(
    {
        ("GET", "/api/v1/cases/{case_id}/mappings"): CaseRoute(
            "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/mappings", {})
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings"): CaseRoute(
            "write",
            201,
            lambda w, k: (
                "POST",
                f"/api/v1/cases/{cid(w, k)}/mappings",
                _json(w, {"kind": "initial_assessment"}),
            ),
        ),
        ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}"): CaseRoute(
            "read", 200, lambda w, k: ("GET", _m(w, k), {})
        ),
        ("PATCH", "/api/v1/cases/{case_id}/mappings/{mapping_id}"): CaseRoute(
            "write",
            200,
            lambda w, k: (
                "PATCH",
                _m(w, k),
                _json(w, {"title": "Changed"}, w.etag(w.mappings[k])),
            ),
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/review"): CaseRoute(
            "write", 201, lambda w, k: ("POST", _m(w, k, "/review"), _json(w, {}))
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/agree"): CaseRoute(
            "write",
            200,
            lambda w, k: ("POST", _m(w, k, "/agree"), _json(w, {}, w.etag(w.mappings[k]))),
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/sign-off"): CaseRoute(
            "write",
            200,
            lambda w, k: ("POST", _m(w, k, "/sign-off"), _json(w, etag=w.etag(w.mappings[k]))),
            prepare=_agree_all,
            rules=SIGN_OFF,
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items"): CaseRoute(
            "write",
            201,
            lambda w, k: (
                "POST",
                _m(w, k, "/items"),
                _json(w, {"category": "existing_strength", "text": "Gran helps"}),
            ),
        ),
        ("PATCH", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items/{item_id}"): CaseRoute(
            "write",
            200,
            lambda w, k: (
                "PATCH",
                _m(w, k, f"/items/{w.dangers[k].id}"),
                _json(w, {"text": "Changed"}, w.etag(w.dangers[k])),
            ),
        ),
        ("DELETE", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items/{item_id}"): CaseRoute(
            "write",
            204,
            lambda w, k: (
                "DELETE",
                _m(w, k, f"/items/{w.goals[k].id}"),
                _json(w, etag=w.etag(w.goals[k])),
            ),
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/move"): CaseRoute(
            "write",
            200,
            lambda w, k: (
                "POST",
                _m(w, k, f"/items/{w.dangers[k].id}/move"),
                _json(w, {"position": 0}),
            ),
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/pairs"): CaseRoute(
            "write",
            200,
            lambda w, k: (
                "POST",
                _m(w, k, "/pairs"),
                _json(w, {"danger_id": w.dangers[k].id, "goal_id": w.goals[k].id}),
            ),
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/ratings"): CaseRoute(
            "write",
            201,
            lambda w, k: (
                "POST",
                _m(w, k, "/ratings"),
                _json(w, {"rater_kind": "worker", "rater_name": "Sam", "score": 5}),
            ),
        ),
        ("PATCH", "/api/v1/cases/{case_id}/mappings/{mapping_id}/ratings/{rating_id}"): CaseRoute(
            "write",
            200,
            lambda w, k: (
                "PATCH",
                _m(w, k, f"/ratings/{w.ratings[k].id}"),
                _json(w, {"score": 6}, w.etag(w.ratings[k])),
            ),
        ),
        ("DELETE", "/api/v1/cases/{case_id}/mappings/{mapping_id}/ratings/{rating_id}"): CaseRoute(
            "write",
            204,
            lambda w, k: (
                "DELETE",
                _m(w, k, f"/ratings/{w.ratings[k].id}"),
                _json(w, etag=w.etag(w.ratings[k])),
            ),
        ),
        ("GET", "/api/v1/cases/{case_id}/scaling"): CaseRoute(
            "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/scaling", {})
        ),
        # Supervision.
        ("GET", "/cases/{case_id}/quality"): CaseRoute(
            "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/quality", {})
        ),
        ("POST", "/cases/{case_id}/quality/note"): CaseRoute(
            "write",
            303,
            lambda w, k: ("POST", f"/cases/{cid(w, k)}/quality/note", _form(w, note="Agreed")),
            rules=SIGN_OFF,
        ),
        ("GET", "/cases/{case_id}/mappings/{mapping_id}/meeting"): CaseRoute(
            "read", 200, lambda w, k: ("GET", _ui(w, k, "/meeting"), {})
        ),
        # Family documents.
        ("GET", "/api/v1/cases/{case_id}/mappings/{mapping_id}/family.pdf"): CaseRoute(
            "read", 200, lambda w, k: ("GET", _m(w, k, "/family.pdf"), {})
        ),
        ("POST", "/api/v1/cases/{case_id}/mappings/{mapping_id}/issue"): CaseRoute(
            "write", 201, lambda w, k: ("POST", _m(w, k, "/issue"), _json(w, {"issued_to": "Mum"}))
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
            "write", 303, lambda w, k: ("POST", _ui(w, k, "/issue"), _form(w, issued_to="Mum"))
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
        # The mapping editor in the browser.
        ("GET", "/cases/{case_id}/mappings"): CaseRoute(
            "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/mappings", {})
        ),
        ("GET", "/cases/{case_id}/mappings/new"): CaseRoute(
            "write", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/mappings/new", {})
        ),
        ("POST", "/cases/{case_id}/mappings"): CaseRoute(
            "write",
            303,
            lambda w, k: ("POST", f"/cases/{cid(w, k)}/mappings", _form(w, kind="review")),
        ),
        ("GET", "/cases/{case_id}/mappings/{mapping_id}"): CaseRoute(
            "read", 200, lambda w, k: ("GET", _m(w, k).removeprefix("/api/v1"), {})
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/agree"): CaseRoute(
            "write",
            303,
            lambda w, k: (
                "POST",
                _ui(w, k, "/agree"),
                _form(w, version=w.fresh(Mapping, mid(w, k)).version),
            ),
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/sign-off"): CaseRoute(
            "write",
            303,
            lambda w, k: (
                "POST",
                _ui(w, k, "/sign-off"),
                _form(w, version=w.fresh(Mapping, mid(w, k)).version),
            ),
            prepare=_agree_all,
            rules=SIGN_OFF,
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/review"): CaseRoute(
            "write", 303, lambda w, k: ("POST", _ui(w, k, "/review"), _form(w))
        ),
        ("GET", "/cases/{case_id}/mappings/{mapping_id}/items/new"): CaseRoute(
            "write", 200, lambda w, k: ("GET", _ui(w, k, "/items/new?category=harm"), {})
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/items"): CaseRoute(
            "write",
            303,
            lambda w, k: (
                "POST",
                _ui(w, k, "/items"),
                _form(w, category="existing_strength", text="Gran helps"),
            ),
        ),
        ("GET", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/edit"): CaseRoute(
            "write", 200, lambda w, k: ("GET", _ui(w, k, f"/items/{w.dangers[k].id}/edit"), {})
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}"): CaseRoute(
            "write",
            303,
            lambda w, k: (
                "POST",
                _ui(w, k, f"/items/{w.dangers[k].id}"),
                _form(
                    w,
                    ds_behaviour="Changed",
                    version=w.fresh(MappingItem, w.dangers[k].id).version,
                ),
            ),
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/remove"): CaseRoute(
            "write",
            303,
            lambda w, k: (
                "POST",
                _ui(w, k, f"/items/{w.goals[k].id}/remove"),
                _form(w, version=w.fresh(MappingItem, w.goals[k].id).version),
            ),
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/items/{item_id}/move"): CaseRoute(
            "write",
            303,
            lambda w, k: (
                "POST",
                _ui(w, k, f"/items/{w.dangers[k].id}/move"),
                _form(w, direction="down"),
            ),
        ),
        ("POST", "/cases/{case_id}/mappings/{mapping_id}/ratings"): CaseRoute(
            "write",
            303,
            lambda w, k: (
                "POST",
                _ui(w, k, "/ratings"),
                _form(w, rater_kind="worker", rater="worker", score="5"),
            ),
        ),
    }
)

# Routes that are not about one case: expected status per role.
OTHER_ROUTES: dict[tuple[str, str], dict[Role, int]] = {
    ("GET", "/api/v1/openapi.json"): dict.fromkeys(ROLES, 200),
    ("GET", "/healthz"): dict.fromkeys(ROLES, 200),
    ("GET", "/login"): dict.fromkeys(ROLES, 200),
    ("POST", "/login"): dict.fromkeys(ROLES, 422),  # empty form: asks for email and password
    ("POST", "/logout"): dict.fromkeys(ROLES, 303),
    ("GET", "/"): dict.fromkeys(ROLES, 303),
    ("GET", "/cases"): {
        Role.practitioner: 200,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/api/v1/cases"): dict.fromkeys(ROLES, 200),
    ("GET", "/cases/new"): {
        Role.practitioner: 200,
        Role.supervisor: 200,
        Role.service_manager: 404,
        Role.administrator: 404,
    },
    ("POST", "/cases"): {
        Role.practitioner: 303,
        Role.supervisor: 303,
        Role.service_manager: 404,
        Role.administrator: 404,
    },
    ("POST", "/api/v1/cases"): {
        Role.practitioner: 201,
        Role.supervisor: 201,
        Role.service_manager: 404,
        Role.administrator: 404,
    },
    ("GET", "/api/v1/labels"): dict.fromkeys(ROLES, 200),
    ("PUT", "/api/v1/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 403,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("GET", "/api/v1/teams/{team_id}/labels"): dict.fromkeys(ROLES, 200),
    ("GET", "/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 403,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("POST", "/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 403,
        Role.service_manager: 303,
        Role.administrator: 303,
    },
    ("GET", "/teams/{team_id}/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("POST", "/teams/{team_id}/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 303,
        Role.service_manager: 303,
        Role.administrator: 303,
    },
    ("PUT", "/api/v1/teams/{team_id}/labels"): {
        Role.practitioner: 403,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 200,
    },
    ("POST", "/api/v1/plain-language/check"): dict.fromkeys(ROLES, 200),
    ("GET", "/api/v1/jargon"): dict.fromkeys(ROLES, 200),
    ("POST", "/plain-language/check"): dict.fromkeys(ROLES, 200),
    ("GET", "/admin/jargon"): {**dict.fromkeys(ROLES, 404), Role.administrator: 200},
    ("GET", "/admin/jargon/new"): {**dict.fromkeys(ROLES, 404), Role.administrator: 200},
    ("POST", "/admin/jargon"): {**dict.fromkeys(ROLES, 404), Role.administrator: 303},
    ("GET", "/admin/jargon/{term_id}/edit"): {
        **dict.fromkeys(ROLES, 404),
        Role.administrator: 200,
    },
    ("POST", "/admin/jargon/{term_id}"): {**dict.fromkeys(ROLES, 404), Role.administrator: 303},
    ("GET", "/teams/{team_id}/board"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/teams/{team_id}/board.csv"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/api/v1/teams/{team_id}/board"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/api/v1/teams/{team_id}/board.csv"): {
        Role.practitioner: 404,
        Role.supervisor: 200,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/teams"): {
        Role.practitioner: 404,
        Role.supervisor: 303,
        Role.service_manager: 200,
        Role.administrator: 404,
    },
    ("GET", "/admin"): {
        Role.practitioner: 404,
        Role.supervisor: 404,
        Role.service_manager: 404,
        Role.administrator: 200,
    },
}
# Cases each role finds in a list.
LISTED = {
    Role.practitioner: {"own", "team", "named"},
    Role.supervisor: {"own", "team", "named"},
    Role.service_manager: {"own", "team", "other", "named"},
    Role.administrator: set(),
}


def _app_routes() -> set[tuple[str, str]]:
    out = set()
    for ctx in iter_route_contexts(app.routes):
        for method in ctx.methods or []:
            if method != "HEAD":
                out.add((method, ctx.path))
    return out


def test_every_route_has_an_access_rule():
    known = set(CASE_ROUTES) | set(OTHER_ROUTES)
    missing = _app_routes() - known
    assert not missing, f"add these routes to the access matrix: {sorted(missing)}"
    stale = known - _app_routes()
    assert not stale, f"these matrix entries name routes that no longer exist: {sorted(stale)}"


def _world(session: Session, role: Role) -> tuple[World, Any]:
    t1, t2 = make_team(session, name="Team one"), make_team(session, name="Team two")
    me_team = None if role in (Role.service_manager, Role.administrator) else t1
    me = make_user(session, role=role, team=me_team)
    colleague = make_user(session, role=Role.practitioner, team=t1)
    stranger = make_user(session, role=Role.practitioner, team=t2)
    owner = me if role == Role.practitioner else colleague
    cases = {
        "own": make_case(session, team=t1, worker=owner, family_name=NAMES["own"]),
        "team": make_case(session, team=t1, worker=colleague, family_name=NAMES["team"]),
        "other": make_case(session, team=t2, worker=stranger, family_name=NAMES["other"]),
        "restricted": make_case(
            session,
            team=t1,
            worker=colleague,
            family_name=NAMES["restricted"],
            restricted_to=[colleague],
        ),
        "named": make_case(
            session,
            team=t1,
            worker=owner,
            family_name=NAMES["named"],
            restricted_to=[colleague, me],
        ),
    }
    children = {
        k: make_child(session, case=c, given_name=f"Kid{NAMES[k]}") for k, c in cases.items()
    }
    world = World(session=session, cases=cases, children=children)
    for k, c in cases.items():
        m = make_mapping(session, case=c)
        world.mappings[k] = m
        world.dangers[k] = make_item(
            session, mapping=m, category=Category.danger_statement, text=f"Worry {NAMES[k]}"
        )
        world.goals[k] = make_item(
            session,
            mapping=m,
            category=Category.safety_goal,
            text=f"Goal {NAMES[k]}",
            pairs_with_id=world.dangers[k].id,
        )
        world.ratings[k] = make_rating(session, mapping=m, score=4, danger=world.dangers[k])
    session.commit()
    return world, (me, t1)


@pytest.mark.parametrize("route", sorted(CASE_ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_case_route(client, session, route, role):
    spec = CASE_ROUTES[route]
    world, (me, _) = _world(session, role)
    if spec.prepare:
        spec.prepare(world)
    world.csrf = login(client, me)
    rules = spec.rules or (READ if spec.kind == "read" else WRITE)
    for kind in KINDS:
        method, url, kwargs = spec.call(world, kind)
        response = client.request(method, url, follow_redirects=False, **kwargs)
        expected = rules[role][kind]
        want = spec.ok if expected == "ok" else expected
        assert response.status_code == want, (
            f"{role.value} {method} {url} on the {kind} case: got {response.status_code}, "
            f"expected {want}: {response.text[:300]}"
        )
        if response.status_code == 404:
            assert NAMES[kind] not in response.text
            assert f"Kid{NAMES[kind]}" not in response.text


@pytest.mark.parametrize("route", sorted(OTHER_ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_other_route(client, session, route, role):
    world, (me, team) = _world(session, role)
    world.csrf = login(client, me)
    method, path = route
    kwargs: dict[str, Any] = {}
    if path == "/cases" and method == "POST":
        kwargs = _form(world, family_name="Newfamily")
    elif path == "/api/v1/cases" and method == "POST":
        kwargs = _json(world, {"family_name": "Newfamily", "team_id": team.id})
    elif method == "POST" and path == "/logout":
        kwargs = _form(world)
    elif path.endswith("/labels") and method == "POST":
        kwargs = _form(world, version=0, **{"label-danger_statement": "Worry statements"})
    elif path.endswith("/labels") and method == "PUT":
        kwargs = _json(world, {"labels": {"danger_statement": "Worry statements"}}, "*")
    elif path == "/api/v1/plain-language/check":
        kwargs = _json(world, {"text": "We will review the placement."})
    elif path == "/plain-language/check":
        kwargs = _form(world, text="We will review the placement.")
    elif path == "/admin/jargon" and method == "POST":
        kwargs = _form(world, term="pathway plan", plain="plan for leaving care", active="yes")
    if "{term_id}" in path:
        term = JargonTerm(term="core group", plain="the group that checks the plan")
        session.add(term)
        session.commit()
        path = path.replace("{term_id}", str(term.id))
        if method == "POST":
            kwargs = _form(world, term="core group", plain="plan group", version=term.version)
    path = path.replace("{team_id}", str(team.id))
    response = client.request(method, path, follow_redirects=False, **kwargs)
    assert response.status_code == OTHER_ROUTES[route][role], response.text[:300]
    if path in ("/cases", "/api/v1/cases") and method == "GET" and response.status_code == 200:
        shown = {k for k, name in NAMES.items() if name in response.text}
        assert shown == LISTED[role]
