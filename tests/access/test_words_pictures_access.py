"""Who may see and change a case's Words and Pictures: whoever reaches the case sees it (its
pictures and booklet too); whoever may change the case changes it. Every route × every role
× every kind of case (see tests/access/world.py)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import update

from app.models.words_pictures import Panel, Storyboard
from app.services import picture as picture_service
from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
    pid,
)

boards: dict[str, int] = {}
panels: dict[str, int] = {}
LINE = json.dumps([{"colour": "black", "points": [[100, 100], [900, 600]]}])


def _none_all(w: World) -> None:
    w.session.execute(update(Storyboard).values(replaced=True))
    w.session.commit()


def _board_all(w: World) -> None:
    _none_all(w)
    png = picture_service.render(picture_service.parse_strokes(LINE))
    for k, c in w.cases.items():
        number = len(boards) + 100
        b = Storyboard(case_id=c.id, number=number, title="Our story",
                       created_by_name="Worker")
        w.session.add(b)
        w.session.flush()
        p = Panel(storyboard_id=b.id, position=1, words="Hello.", source="drawing",
                  media_type="image/png", width=1000, height=750, content=png)
        w.session.add(p)
        w.session.flush()
        boards[k], panels[k] = b.id, p.id
    w.session.commit()


def _ui(w: World, k: str, rest: str = "") -> str:
    return f"/cases/{cid(w, k)}/words-and-pictures/{boards[k]}{rest}"


def _api(w: World, k: str, rest: str = "") -> str:
    return f"/api/v1/cases/{cid(w, k)}/words-and-pictures/{boards[k]}{rest}"


def _pv(w: World, k: str) -> int:
    return int(w.fresh(Panel, panels[k]).version)


_TODAY = {"explained_on-day": str(date.today().day),
          "explained_on-month": str(date.today().month),
          "explained_on-year": str(date.today().year)}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/words-and-pictures"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/words-and-pictures", {}),
        _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/words-and-pictures", _form(
            w, title="Why Sam came")), _none_all),
    ("GET", "/cases/{case_id}/words-and-pictures/{board_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k), {}), _board_all),
    ("GET", "/cases/{case_id}/words-and-pictures/{board_id}/booklet.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k, "/booklet.pdf"), {}), _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures/{board_id}/panels"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/panels"), _form(
            w, words="Nana helps.", strokes=LINE)), _board_all),
    ("GET", "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, f"/panels/{panels[k]}"), {}), _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, f"/panels/{panels[k]}"), _form(
            w, words="Hello Mia.", version=str(_pv(w, k)))), _board_all),
    ("GET", "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}/picture"):
        CaseRoute("read", 200, lambda w, k: ("GET", _ui(w, k, f"/panels/{panels[k]}/picture"),
                                             {}), _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}/move"):
        CaseRoute("write", 303, lambda w, k: ("POST", _ui(w, k, f"/panels/{panels[k]}/move"),
                                              _form(w, direction="down",
                                                    version=str(_pv(w, k)))), _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}/remove"):
        CaseRoute("write", 303, lambda w, k: ("POST", _ui(w, k, f"/panels/{panels[k]}/remove"),
                                              _form(w, version=str(_pv(w, k)))), _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures/{board_id}/explanations"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/explanations"), _form(
            w, child_id=str(pid(w, k)), **_TODAY)), _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures/{board_id}/new-version"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/new-version"), _form(
            w, version=str(w.fresh(Storyboard, boards[k]).version))), _board_all),
    ("GET", "/api/v1/cases/{case_id}/words-and-pictures"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/words-and-pictures", {}),
        _board_all),
    ("POST", "/api/v1/cases/{case_id}/words-and-pictures"): CaseRoute(
        "write", 201, lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/words-and-pictures",
                                    _json(w, {"title": "Why Sam came"})), _none_all),
    ("GET", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _api(w, k), {}), _board_all),
    ("POST", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/panels"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/panels"), {
            "data": {"words": "Nana helps.", "strokes": LINE},
            "headers": {"X-CSRF-Token": w.csrf}}), _board_all),
    ("PATCH", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}"):
        CaseRoute("write", 200, lambda w, k: ("PATCH", _api(w, k, f"/panels/{panels[k]}"), _json(
            w, {"words": "Hello Mia."}, f'"panel-{panels[k]}-v{_pv(w, k)}"')), _board_all),
    ("POST", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}/remove"):
        CaseRoute("write", 204, lambda w, k: (
            "POST", _api(w, k, f"/panels/{panels[k]}/remove"),
            _json(w, None, f'"panel-{panels[k]}-v{_pv(w, k)}"')), _board_all),
    ("GET", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/panels/{panel_id}/picture"):
        CaseRoute("read", 200, lambda w, k: ("GET", _api(w, k, f"/panels/{panels[k]}/picture"),
                                             {}), _board_all),
    ("POST", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/explanations"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/explanations"), _json(
            w, {"child_id": pid(w, k), "explained_on": str(date.today())})), _board_all),
    ("POST", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/new-version"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/new-version"), _json(
            w, None, f'"storyboard-{boards[k]}-v{w.fresh(Storyboard, boards[k]).version}"')),
        _board_all),
    ("GET", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/booklet.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _api(w, k, "/booklet.pdf"), {}), _board_all),
    ("POST", "/cases/{case_id}/words-and-pictures/{board_id}/issue"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/issue"), _form(
            w, issued_to="Jade Harper", readability_reason="As asked")), _board_all),
    ("GET", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/readability"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _api(w, k, "/readability"), {}), _board_all),
    ("POST", "/api/v1/cases/{case_id}/words-and-pictures/{board_id}/issue"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/issue"), _json(
            w, {"issued_to": "Jade Harper", "readability_reason": "As asked"})), _board_all),
}

test_case_route = case_route_test(CASE_ROUTES)
