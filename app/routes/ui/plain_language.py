"""The plain-language checker beside the mapping editor (an htmx fragment, as the worker
types), and the administrator's pages for the council's jargon list."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import SessionDep, discard
from app.deps import PrincipalDep, require_admin
from app.errors import NotFound
from app.models.jargon import JargonTerm
from app.routes.ui.case import see_other
from app.routes.ui.forms import FormErrors, build, text
from app.schemas.plain_language import JargonIn
from app.services import audit
from app.services import plain_language as pl
from app.services.access import Principal
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
}
AUDITED = ["term", "plain", "note", "label_only", "active"]


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
        {f: getattr(row, f) for f in AUDITED}
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


def _save(
    session: Session, principal: Principal, row: JargonTerm | None, data: JargonIn
) -> JargonTerm:
    before = audit.snapshot(row, AUDITED) if row else {}
    if row is None:
        row = JargonTerm(**data.model_dump())
        session.add(row)
    else:
        for k, v in data.model_dump().items():
            setattr(row, k, v)
    session.flush()
    changes = audit.diff(before, audit.snapshot(row, AUDITED))
    if changes:
        audit.record(
            session,
            actor=principal.actor,
            action="create" if not before else "update",
            entity_type="jargon_term",
            entity_id=row.id,
            case_id=None,
            summary=(
                f"added “{row.term}” to the jargon list"
                if not before
                else f"changed “{row.term}” in the jargon list"
            ),
            changes=changes,
        )
    return row


def _duplicate(session: Session, term: str, row_id: int | None) -> bool:
    found = session.scalar(
        select(JargonTerm.id).where(JargonTerm.term.ilike(term.replace("%", r"\%")))
    )
    return found is not None and found != row_id


@router.post("/admin/jargon", dependencies=[AdminDep])
async def jargon_create(request: Request, principal: PrincipalDep, session: SessionDep) -> Response:
    form = await request.form()
    ctx = _form_ctx(None)
    errors: FormErrors = ctx["errors"]
    data = _read(form)
    schema = build(JargonIn, data, errors)
    if schema is not None and _duplicate(session, schema.term, None):
        errors["term"] = f"“{schema.term}” is already on the list"
    if schema is not None and not errors:
        if not session.scalar(select(JargonTerm.id).limit(1)):
            pl.load_defaults(session)  # the first edit starts from the built-in list
        if _duplicate(session, schema.term, None):
            errors["term"] = f"“{schema.term}” is already on the list"
        else:
            _save(session, principal, None, schema)
            return see_other(request, "/admin/jargon?saved=1")
    discard(session)
    ctx["values"] = data
    return render(request, "plain_language/jargon_form.html", ctx, status_code=422)


def _load(session: Session, term_id: int) -> JargonTerm:
    row = session.get(JargonTerm, term_id)
    if row is None:
        raise NotFound()
    return row


@router.get("/admin/jargon/{term_id}/edit", dependencies=[AdminDep])
def jargon_edit(request: Request, term_id: int, session: SessionDep) -> Response:
    return render(request, "plain_language/jargon_form.html", _form_ctx(_load(session, term_id)))


@router.post("/admin/jargon/{term_id}", dependencies=[AdminDep])
async def jargon_update(
    request: Request, term_id: int, principal: PrincipalDep, session: SessionDep
) -> Response:
    row = _load(session, term_id)
    form = await request.form()
    version = int(text(form, "version") or 0)
    ctx = _form_ctx(row)
    errors: FormErrors = ctx["errors"]
    data = _read(form)
    status = 422
    if version != row.version:
        errors["form"] = (
            "Someone else changed this term while you were editing, so your changes have not "
            f"been saved. It now says: “{row.term}” → “{row.plain}”. Your words are still in "
            "the form: save again to replace theirs."
        )
        ctx["version"] = row.version
        status = 409
    schema = build(JargonIn, data, errors) if not errors else None
    if schema is not None and _duplicate(session, schema.term, row.id):
        errors["term"] = f"“{schema.term}” is already on the list"
    if schema is not None and not errors:
        try:
            _save(session, principal, row, schema)
        except IntegrityError:
            errors["term"] = f"“{schema.term}” is already on the list"
        else:
            return see_other(request, "/admin/jargon?saved=1")
    discard(session)
    ctx["values"] = data
    return render(request, "plain_language/jargon_form.html", ctx, status_code=status)
