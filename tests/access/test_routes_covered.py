"""Every route of the app has its access rules in one of the stem modules here, so a new
route cannot be added without deciding who may use it."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi.routing import iter_route_contexts

import tests.access
from app.main import app


def _app_routes() -> set[tuple[str, str]]:
    out = set()
    for ctx in iter_route_contexts(app.routes):
        for method in ctx.methods or []:
            if method != "HEAD":
                out.add((method, ctx.path))
    return out


def _matrix_routes() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for info in pkgutil.iter_modules(tests.access.__path__):
        if info.name.startswith("test_") and info.name.endswith("_access"):
            module = importlib.import_module(f"tests.access.{info.name}")
            found += list(getattr(module, "CASE_ROUTES", {}))
            found += list(getattr(module, "OTHER_ROUTES", {}))
    return found


def test_every_route_has_an_access_rule() -> None:
    known = _matrix_routes()
    twice = {r for r in known if known.count(r) > 1}
    assert not twice, f"these routes have rules in two modules: {sorted(twice)}"
    missing = _app_routes() - set(known)
    assert not missing, f"add these routes to the access matrix: {sorted(missing)}"
    stale = set(known) - _app_routes()
    assert not stale, f"these matrix entries name routes that no longer exist: {sorted(stale)}"
