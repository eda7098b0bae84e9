"""The plain-language checker beside the mapping editor (an htmx fragment, as the worker
types), and the administrator's pages for the council's jargon list."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from app.db import SessionDep, discard
from app.deps import PrincipalDep, require_admin
from app.errors import DomainError
from app.models.jargon import JargonTerm
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, hidden_int, text
from app.schemas.plain_language import JargonIn
from app.services import jargon
from app.services import plain_language as pl
from app.templating import render

router = APIRouter(include_in_schema=False)
AdminDep = Depends(require_admin)

#: Fields of the mapping's item form that families read, and what to call them.
CHECKED_FIELDS = {
    "ds_who_worried": "Who is worried",
    "ds_behaviour": "What the adults did or may do",
    "ds_impact": "What could happen to the children",
    "sg_carers_doing": "What the parents or carers will be doing",
    "sg_child_experience": "What the children will experience",
    "sg_professionals_see": "What professionals will see",
    "harm_adult_action": "What the adult did",
    "harm_impact": "The impact on the child",
    "text": "Text",
    "body": "What happened",
}


@router.post("/plain-language/check")
async def check_fragment(
    request: Request, principal: PrincipalDep, session: SessionDep
) -> Response:
    form = await request.form()
    terms = pl.terms_for(session)
    results = []
    for name, label in CHECKED_FIELDS.items():
        value = text(form, name)
        if value:
            results.append((label, pl.check(value[:100_000], terms=terms)))
    return render(
        request,
        "plain_language/_findings.html",
        {"results": results, "target": pl.TARGET_READING_AGE},
    )


# --- the jargon list ---------------------------------------------------------------------


@router.get("/admin/jargon", dependencies=[AdminDep])
def jargon_list(request: Request, session: SessionDep) -> Response:
    rows = session.scalars(select(JargonTerm).order_by(JargonTerm.term)).all()
    return render(
        request,
        "plain_language/jargon_list.html",
        {"rows": rows, "empty": not rows, "defaults": pl.default_terms() if not rows else []},
    )


def _form_ctx(row: JargonTerm | None, **extra: Any) -> dict[str, Any]:
    values = (
        {f: getattr(row, f) for f in jargon.AUDITED}
        if row
        else {"term": "", "plain": "", "note": "", "label_only": False, "active": True}
    )
    return {
        "row": row,
        "values": values,
        "version": row.version if row else None,
        "errors": FormErrors(),
        "action": f"/admin/jargon/{row.id}" if row else "/admin/jargon",
        **extra,
    }


@router.get("/admin/jargon/new", dependencies=[AdminDep])
def jargon_new(request: Request) -> Response:
    return render(request, "plain_language/jargon_form.html", _form_ctx(None))


def _read(form: Any) -> dict[str, Any]:
    return {
        "term": text(form, "term") or "",
        "plain": text(form, "plain") or "",
        "note": text(form, "note"),
        "label_only": form.get("label_only") == "yes",
        "active": form.get("active") == "yes",
    }


@router.post("/admin/jargon", dependencies=[AdminDep])
async def jargon_create(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    form = await request.form()
    ctx = _form_ctx(None)
    errors: FormErrors = ctx["errors"]
    data = _read(form)
    schema = build(JargonIn, data, errors)
    if schema is not None:
        try:
            jargon.create(session, data=schema, actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
        else:
            return see_other(request, "/admin/jargon?saved=1")
    discard(session)
    ctx["values"] = data
    return render(request, "plain_language/jargon_form.html", ctx, status_code=422)


@router.get("/admin/jargon/{term_id}/edit", dependencies=[AdminDep])
def jargon_edit(request: Request, term_id: int, session: SessionDep) -> Response:
    return render(
        request, "plain_language/jargon_form.html", _form_ctx(jargon.load(session, term_id))
    )


@router.post("/admin/jargon/{term_id}", dependencies=[AdminDep])
async def jargon_update(
    request: Request, term_id: int, principal: PrincipalDep, session: SessionDep
) -> Response:
    row = jargon.load(session, term_id)
    form = await request.form()
    version = hidden_int(form, "version")
    ctx = _form_ctx(row)
    errors: FormErrors = ctx["errors"]
    data = _read(form)
    status = 422
    schema = build(JargonIn, data, errors)
    if schema is not None:
        try:
            jargon.update(session, row=row, data=schema, expected_version=version,
                          actor=principal.actor)
        except DomainError as exc:
            errors.add_domain(exc)
            if exc.status == 409:
                status = 409
                ctx["version"] = row.version
        else:
            return see_other(request, "/admin/jargon?saved=1")
    discard(session)
    ctx["values"] = data
    return render(request, "plain_language/jargon_form.html", ctx, status_code=status)
