"""Renaming the mapping's columns and categories in the browser (e.g. for Signs of
Wellbeing): the team manager for their team; service managers and administrators for any
team and for the whole service. Only the words change, never the structure."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import PrincipalDep
from app.errors import BadForm, DomainError, NotFound, PreconditionFailed
from app.models.enums import SEVEN
from app.models.labels import LabelSet
from app.models.team import Team
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, hidden_int, text
from app.services import labels as label_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)


def _row(session: Session, team_id: int | None) -> LabelSet | None:
    where = LabelSet.team_id.is_(None) if team_id is None else LabelSet.team_id == team_id
    return session.scalar(select(LabelSet).where(where))


def _context(session: Session, team: Team | None, **extra: Any) -> dict[str, Any]:
    team_id = team.id if team else None
    row = _row(session, team_id)
    inherited = (
        label_service.labels_for(session, team_id=None) if team else label_service.defaults()
    )
    return {
        "team": team,
        "keys": label_service.KEYS,
        "defaults": inherited,
        "own": dict(row.labels) if row else {},
        "version": row.version if row else 0,
        "errors": FormErrors(),
        "action": f"/teams/{team_id}/labels" if team else "/labels",
        **extra,
    }


def _team(session: Session, team_id: int) -> Team:
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound()
    return team


@router.get("/labels")
def service_labels_page(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    label_service.check_may_rename(principal, None)
    return render(request, "labels/edit.html", _context(session, None))


@router.get("/teams/{team_id}/labels")
def team_labels_page(
    request: Request, team_id: int, principal: PrincipalDep, session: SessionDep
) -> Response:
    label_service.check_may_rename(principal, team_id)
    return render(request, "labels/edit.html", _context(session, _team(session, team_id)))


async def _save(
    request: Request, session: Session, principal: Principal, team: Team | None
) -> Response:
    form = await request.form()
    team_id = team.id if team else None
    ctx = _context(session, team)
    wanted = {k: text(form, f"label-{k}") or "" for k in label_service.KEYS}
    version = hidden_int(form, "version")
    errors: FormErrors = ctx["errors"]
    for k, v in wanted.items():
        if len(v) > 80:
            errors[f"label-{k}"] = "Keep the name to 80 characters or fewer"
    if ctx["version"] != version:
        errors["form"] = (
            "Someone else changed these names while you were editing, so yours have not been "
            "saved. Your words are still in the boxes: save again to replace theirs, or open "
            "this page again to see what they saved."
        )
    if not errors:
        try:
            label_service.set_labels(
                session, team_id=team_id, labels={k: v for k, v in wanted.items() if v},
                actor=principal.actor,
            )
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, (ctx["action"]) + "?saved=1")
    discard(session)
    ctx["own"] = wanted
    return render(request, "labels/edit.html", ctx, status_code=409 if "form" in errors else 422)


@router.post("/labels")
async def save_service_labels(
    request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    label_service.check_may_rename(principal, None)
    return await _save(request, session, principal, None)


@router.post("/teams/{team_id}/labels")
async def save_team_labels(
    request: Request, team_id: int, principal: PrincipalDep, session: SessionDep
) -> Response:
    label_service.check_may_rename(principal, team_id)
    return await _save(request, session, principal, _team(session, team_id))


# --- which categories each kind of mapping is expected to have -------------------------------


def _expected_context(session: Session, team: Team | None, **extra: Any) -> dict[str, Any]:
    team_id = team.id if team else None
    own, version = label_service.own_expected(session, team_id=team_id)
    inherited = label_service.expected_for(session, team_id=None) if team else None
    in_force = label_service.expected_for(session, team_id=team_id)
    return {
        "team": team, "kinds": label_service.EXPECTATION_KINDS, "categories": SEVEN,
        "chosen": {(k.value, c.value) for k in label_service.EXPECTATION_KINDS
                   for c in in_force[k]},
        "inherited": inherited, "own": own, "version": version, "errors": FormErrors(),
        "labels": label_service.labels_for(session, team_id=team_id),
        "action": f"/teams/{team_id}/expected" if team else "/expected",
        **extra,
    }


@router.get("/expected")
def service_expected_page(request: Request, principal: PrincipalDep,
                          session: SessionDep) -> Response:
    label_service.check_may_rename(principal, None, label_service.SET_EXPECTED)
    return render(request, "labels/expected.html", _expected_context(session, None))


@router.get("/teams/{team_id}/expected")
def team_expected_page(request: Request, team_id: int, principal: PrincipalDep,
                       session: SessionDep) -> Response:
    label_service.check_may_rename(principal, team_id, label_service.SET_EXPECTED)
    return render(request, "labels/expected.html",
                  _expected_context(session, _team(session, team_id)))


async def _save_expected(request: Request, session: Session, principal: Principal,
                         team: Team | None) -> Response:
    form = await request.form()
    team_id = team.id if team else None
    version = hidden_int(form, "version")
    ticked = {v for v in form.getlist("expect") if isinstance(v, str)}
    kinds = {k.value for k in label_service.EXPECTATION_KINDS}
    cats = {c.value for c in SEVEN}
    pairs = {tuple(v.split(":", 1)) for v in ticked}
    if any(len(p) != 2 or p[0] not in kinds or p[1] not in cats for p in pairs):
        raise BadForm()
    wanted = {k: [c.value for c in SEVEN if (k, c.value) in pairs] for k in sorted(kinds)}
    ctx = _expected_context(session, team, chosen=pairs)
    try:
        label_service.set_expected(session, team_id=team_id, expected=wanted,
                                   expected_version=version, actor=principal.actor)
    except PreconditionFailed:
        ctx["errors"]["form"] = (
            "Someone else changed this team's mapping set-up while you were choosing, so "
            "nothing was saved. Your ticks are still below: save again to keep them.")
        ctx["version"] = label_service.own_expected(session, team_id=team_id)[1]
        discard(session)
        return render(request, "labels/expected.html", ctx, status_code=409)
    return see_other(request, ctx["action"] + "?saved=1")


@router.post("/expected")
async def save_service_expected(request: Request, principal: PrincipalDep,
                                session: SessionDep) -> Response:
    label_service.check_may_rename(principal, None, label_service.SET_EXPECTED)
    return await _save_expected(request, session, principal, None)


@router.post("/teams/{team_id}/expected")
async def save_team_expected(request: Request, team_id: int, principal: PrincipalDep,
                             session: SessionDep) -> Response:
    label_service.check_may_rename(principal, team_id, label_service.SET_EXPECTED)
    return await _save_expected(request, session, principal, _team(session, team_id))
