"""The Family tree tab: the genogram drawn by the server with the same facts in words, each
child's ecomap, and the relationships and households they are drawn from (changed through
kinship.py and household.py); and whether the family agreed to it in their documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import CaseDep, EditableCaseDep, PrincipalDep
from app.errors import DomainError
from app.models.case import Case
from app.models.enums import PersonKind, Strength
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, hidden_int
from app.services import access
from app.services import ecomap as ecomap_service
from app.services import genogram as genogram_service
from app.services import household as household_service
from app.services import kinship as kinship_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)
STRENGTHS = [("", "Not recorded"), *[(s.value, ecomap_service.STRENGTH_WORDS[s].capitalize())
                                     for s in Strength]]


def page_context(session: Session, case: Case, principal: Principal,
                 **extra: Any) -> dict[str, Any]:
    people = kinship_service.people_of(session, case=case)
    rows = kinship_service.active(session, case=case)
    stays = household_service.stays(session, case=case)
    g = genogram_service.build(people, rows, stays)
    live = sorted((p for p in people.values() if not p.archived),
                  key=lambda p: (p.kind != PersonKind.child, p.full_name.casefold()))
    ecomaps = [ecomap_service.for_child(session, case=case, child=p) for p in live
               if p.kind == PersonKind.child]
    return {
        "case": case, "g": g,
        "drawing": Markup(genogram_service.drawing(g, case=case)),  # noqa: S704 (escaped XML)
        "kinships": [(k, kinship_service.words(k, people)) for k in rows],
        "stays": stays, "people": people,
        "person_options": [(p.id, p.full_name) for p in live],
        "kinds": [(k.value, w) for k, w in kinship_service.KIND_CHOICES],
        "strengths": STRENGTHS,
        "households": sorted({s.household for s in stays}, key=str.casefold),
        "ecomaps": [(e, Markup(ecomap_service.svg(e)) if e.drawn else None)  # noqa: S704
                    for e in ecomaps],
        "can_edit": access.can_edit(principal, case),
        "errors": FormErrors(), "values": {}, "stay_errors": FormErrors(), "stay_values": {},
        **extra}


@router.get("/cases/{case_id}/family-tree")
def family_tree_page(request: Request, case: CaseDep, principal: PrincipalDep,
                     session: SessionDep) -> Response:
    return render(request, "genogram/page.html", page_context(session, case, principal))


@router.post("/cases/{case_id}/family-tree/sharing")
async def set_sharing(request: Request, case: EditableCaseDep, principal: PrincipalDep,
                      session: SessionDep) -> Response:
    form = await request.form()
    errors = FormErrors()
    try:
        genogram_service.set_shared(session, case=case, shared=form.get("shared") == "yes",
                                    expected_version=hidden_int(form, "version"),
                                    actor=principal.actor)
    except DomainError as exc:
        status = errors.add_domain(exc)
    else:
        return see_other(request, f"/cases/{case.id}/family-tree?shared=1#sharing")
    discard(session)
    return render(request, "genogram/page.html", page_context(session, case, principal,
                                                              errors=errors),
                  status_code=status)
