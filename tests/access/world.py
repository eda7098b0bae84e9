"""The access matrix's shared part: five kinds of case (own, team, other team's, restricted,
and restricted with the user named on it), the expected answer for each role, and the world
the checks run in.

The world is built once per role for the whole run (through the app's services, so it is a
real, audited record) and copied back into the empty tables before each check, so every
check starts from the same record without building it again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import Integer, insert, select, text
from sqlalchemy.orm import Session

from app.db import get_engine
from app.models.attachment import Attachment
from app.models.base import Base, utcnow
from app.models.case import Case
from app.models.case_note import CaseNote
from app.models.document import IssuedDocument
from app.models.enums import Category, MappingStatus, Role
from app.models.mapping import Mapping
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.models.rating import Rating
from app.models.team import Team
from app.models.user import User
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
#: The statutory record (census details, events): as WRITE, and a service manager wherever
#: they read (they make the return and fix what its checks find).
STATUTORY = {**WRITE, Role.service_manager: READ[Role.service_manager]}


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
    #: Made by a route's `prepare` when it needs them (see _note_all, _file_all).
    notes: dict[str, CaseNote] = field(default_factory=dict)
    files: dict[str, Attachment] = field(default_factory=dict)

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


def _note_all(w: World) -> None:
    """A note on each case, written by the case's worker (so a practitioner may change it on
    their own case, and a team manager on any in their team)."""
    for k, c in w.cases.items():
        note = CaseNote(case_id=c.id, kind="visit", occurred_on=utcnow().date(),
                        title=f"Visit {NAMES[k]}", body="", author_id=c.worker_id,
                        author_name="Worker")
        w.session.add(note)
        w.notes[k] = note
    w.session.commit()


def _file_all(w: World) -> None:
    for k, c in w.cases.items():
        row = Attachment(case_id=c.id, title=f"Report {NAMES[k]}", received_on=utcnow().date(),
                         filename="r.txt", media_type="text/plain", size=5, sha256="0" * 64,
                         uploaded_by_name="Sam", content=b"hello")
        w.session.add(row)
        w.files[k] = row
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

# Cases each role finds in a list.
LISTED = {
    Role.practitioner: {"own", "team", "named"},
    Role.supervisor: {"own", "team", "named"},
    Role.service_manager: {"own", "team", "other", "named"},
    Role.administrator: set(),
}


def _build(session: Session, role: Role) -> tuple[World, Any]:
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



# --- built once per role, copied back before each check -------------------------------------


@dataclass
class _Snapshot:
    rows: dict[str, list[dict[str, Any]]]
    me: int
    team: int
    ids: dict[str, dict[str, int]]


_SNAPSHOTS: dict[Role, _Snapshot] = {}
_PARTS = ("cases", "children", "mappings", "dangers", "goals", "ratings")
_MODELS: dict[str, type] = {"cases": Case, "children": Person, "mappings": Mapping,
                            "dangers": MappingItem, "goals": MappingItem, "ratings": Rating}


def world_for(session: Session, role: Role) -> tuple[World, User, Team]:
    """The world for `role`, in tables the previous check left empty."""
    snap = _SNAPSHOTS.get(role)
    if snap is None:
        world, (me, team) = _build(session, role)
        with get_engine().connect() as conn:
            rows = {t.name: [dict(r) for r in conn.execute(select(t)).mappings()]
                    for t in Base.metadata.sorted_tables}
        _SNAPSHOTS[role] = _Snapshot(
            rows=rows, me=me.id, team=team.id,
            ids={p: {k: o.id for k, o in getattr(world, p).items()} for p in _PARTS},
        )
        return world, me, team
    with get_engine().begin() as conn:
        for table in Base.metadata.sorted_tables:
            if snap.rows[table.name]:
                conn.execute(insert(table), snap.rows[table.name])
        if conn.dialect.name == "postgresql":
            # Rows came back with their ids: move each id sequence past them.
            for table in Base.metadata.sorted_tables:
                pk = table.c.get("id")
                if pk is not None and isinstance(pk.type, Integer) and pk.autoincrement:
                    conn.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
                    ))
    world = World(session=session, cases={}, children={})
    for part in _PARTS:
        setattr(world, part, {k: session.get(_MODELS[part], i)
                              for k, i in snap.ids[part].items()})
    me = session.get(User, snap.me)
    team = session.get(Team, snap.team)
    assert me is not None and team is not None
    session.commit()
    return world, me, team


# --- the checks -------------------------------------------------------------------------------


def check_case_route(client: Any, session: Session, spec: CaseRoute, role: Role) -> None:
    world, me, _ = world_for(session, role)
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


#: A route's own request: (world, session, team, me) -> (path, request kwargs).
OtherCall = Callable[[World, Session, Team, User], tuple[str, dict[str, Any]]]


def check_other_route(
    client: Any, session: Session, route: tuple[str, str], expected: dict[Role, int], role: Role,
    call: OtherCall | None = None,
) -> None:
    world, me, team = world_for(session, role)
    world.csrf = login(client, me)
    method, path = route
    kwargs: dict[str, Any] = {}
    if call is not None:
        path, kwargs = call(world, session, team, me)
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
        from app.models.jargon import JargonTerm

        term = JargonTerm(term="core group", plain="the group that checks the plan")
        session.add(term)
        session.commit()
        path = path.replace("{term_id}", str(term.id))
        if method == "POST":
            kwargs = _form(world, term="core group", plain="plan group", version=term.version)
    path = path.replace("{team_id}", str(team.id))
    response = client.request(method, path, follow_redirects=False, **kwargs)
    assert response.status_code == expected[role], response.text[:300]
    if path in ("/cases", "/api/v1/cases") and method == "GET" and response.status_code == 200:
        shown = {k for k, name in NAMES.items() if name in response.text}
        assert shown == LISTED[role]


CaseRoutes = dict[tuple[str, str], CaseRoute]
OtherRoutes = dict[tuple[str, str], dict[Role, int]]


def admin_only(ok: int) -> dict[Role, int]:
    """An administrator's page: `ok` for them, "Page not found" for everyone else."""
    return {**dict.fromkeys(ROLES, 404), Role.administrator: ok}


def case_route_test(routes: CaseRoutes) -> Callable[..., None]:
    """A test over every route in `routes` × every role × every kind of case."""

    @pytest.mark.parametrize("route", sorted(routes), ids=lambda r: f"{r[0]} {r[1]}")
    @pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
    def test_case_route(client: Any, session: Session, route: tuple[str, str],
                        role: Role) -> None:
        check_case_route(client, session, routes[route], role)

    return test_case_route


def other_route_test(routes: OtherRoutes,
                     calls: dict[tuple[str, str], OtherCall] | None = None) -> Callable[..., None]:
    """A test over every route in `routes` (not about one case) × every role. `calls` gives
    the request for a route that needs its own (a record to act on, a body)."""

    @pytest.mark.parametrize("route", sorted(routes), ids=lambda r: f"{r[0]} {r[1]}")
    @pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
    def test_other_route(client: Any, session: Session, route: tuple[str, str],
                         role: Role) -> None:
        check_other_route(client, session, route, routes[route], role,
                          (calls or {}).get(route))

    return test_other_route
