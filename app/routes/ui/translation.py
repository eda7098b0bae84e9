"""Translating the team's words in a family document (the mapping's family summary, a safety
plan, a Words and Pictures booklet, the conference's summary for the family) into the family's
language, in the browser: the English beside a box for each entry, and the translator's name."""

from __future__ import annotations

import re
from typing import Any, get_args

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import EditableCaseDep, PrincipalDep
from app.models.case import Case
from app.routes.ui.act import attempt
from app.routes.ui.forms import FormErrors, text
from app.services import language as lang_service
from app.services import translation as translation_service
from app.services.access import Principal
from app.templating import render

router = APIRouter(include_in_schema=False)
DIGITS = re.compile(r"[0-9]{1,9}")


def _page(request: Request, session: Session, case: Case, doc: translation_service.Document,
          code: str, errors: FormErrors, values: dict[str, Any],
          status: int = 200) -> Response:
    lang = lang_service.get(code)
    return render(request, "translation/page.html", {
        "case": case, "doc": doc, "lang": lang, "errors": errors, "values": values,
        "entries": translation_service.entries(session, case, doc.parts, lang.code),
        "saved": request.query_params.get("saved")}, status_code=status)


async def _save(request: Request, session: Session, case: Case, principal: Principal,
                doc: translation_service.Document, language: str) -> Response:
    form = await request.form()
    texts: dict[translation_service.Key, str] = {}
    versions: dict[translation_service.Key, int | None] = {}
    values: dict[str, Any] = {"translator_name": text(form, "translator_name") or ""}
    errors = FormErrors()
    n = 0
    while (raw := text(form, f"key-{n}")) is not None:
        kind, _, rest = raw.partition(":")
        ident, _, field = rest.partition(":")
        version = text(form, f"version-{n}")
        if not DIGITS.fullmatch(ident) or (version and not DIGITS.fullmatch(version)):
            errors["form"] = "The form was changed: open the translations again"
            break
        key = (kind, int(ident), field)
        typed = form.get(f"text-{n}")
        texts[key] = typed if isinstance(typed, str) else ""
        versions[key] = int(version) if version else None
        values[f"text-{n}"] = texts[key]
        n += 1
    if errors:
        return _page(request, session, case, doc, language, errors, values, 422)
    # Only what was typed or changed: an entry left as it was is not sent.
    was = {translation_service.key_of(e.part): (e.translation.text if e.translation else "")
           for e in translation_service.entries(session, case, doc.parts, language)}
    changed = {k: v for k, v in texts.items() if v.strip() != (was.get(k) or "")}

    def act() -> str:
        translation_service.save(session, case=case, doc=doc, code=language,
                                 translator_name=str(values["translator_name"]),
                                 texts=changed, versions=versions, actor=principal.actor)
        return f"{doc.url(case, language)}?saved=1"

    def again(errs: FormErrors, status: int) -> Response:
        return _page(request, session, case, translation_service.of(session, case, doc.what,
                                                                    doc.ident),
                     language, errs, values, status)

    return attempt(request, session, act, again)


def _routes(what: translation_service.What) -> None:
    """The page and its form for one kind of family document."""
    path = f"/cases/{{case_id}}/{what}/{{doc_id}}/translations/{{language}}"

    def translations_page(request: Request, language: str, doc_id: int,
                          case: EditableCaseDep, session: SessionDep) -> Response:
        return _page(request, session, case, translation_service.of(session, case, what,
                                                                    doc_id),
                     language, FormErrors(), {})

    async def save_translations(request: Request, language: str, doc_id: int,
                                case: EditableCaseDep, principal: PrincipalDep,
                                session: SessionDep) -> Response:
        return await _save(request, session, case, principal,
                           translation_service.of(session, case, what, doc_id), language)

    router.add_api_route(path, translations_page, methods=["GET"])
    router.add_api_route(path, save_translations, methods=["POST"])


for _what in get_args(translation_service.What):
    _routes(_what)
