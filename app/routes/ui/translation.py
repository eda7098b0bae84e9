"""Translating the team's words in a mapping into the family's language, in the browser: the
English beside a box for each entry, and the translator's name."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.db import SessionDep
from app.deps import EditableCaseDep, EditableMappingDep, PrincipalDep
from app.models.case import Case
from app.models.mapping import Mapping
from app.routes.ui.act import attempt
from app.routes.ui.forms import FormErrors, text
from app.services import language as lang_service
from app.services import translation as translation_service
from app.templating import render

router = APIRouter(include_in_schema=False)
URL = "/cases/{case_id}/mappings/{mapping_id}/translations/{language}"
DIGITS = re.compile(r"[0-9]{1,9}")


def _page(request: Request, session: Session, case: Case, mapping: Mapping, code: str,
          errors: FormErrors, values: dict[str, Any], status: int = 200) -> Response:
    lang = lang_service.get(code)
    return render(request, "translation/page.html", {
        "case": case, "mapping": mapping, "lang": lang, "errors": errors, "values": values,
        "entries": translation_service.entries(session, case, mapping, lang.code),
        "saved": request.query_params.get("saved")}, status_code=status)


@router.get(URL)
def translations_page(request: Request, language: str, case: EditableCaseDep,
                      mapping: EditableMappingDep, session: SessionDep) -> Response:
    return _page(request, session, case, mapping, language, FormErrors(), {})


@router.post(URL)
async def save_translations(request: Request, language: str, case: EditableCaseDep,
                            mapping: EditableMappingDep, principal: PrincipalDep,
                            session: SessionDep) -> Response:
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
        return _page(request, session, case, mapping, language, errors, values, 422)
    # Only what was typed or changed: an entry left as it was is not sent.
    was = {translation_service.key_of(e.part): (e.translation.text if e.translation else "")
           for e in translation_service.entries(session, case, mapping, language)}
    changed = {k: v for k, v in texts.items() if v.strip() != (was.get(k) or "")}

    def act() -> str:
        translation_service.save(session, case=case, mapping=mapping, code=language,
                                 translator_name=str(values["translator_name"]),
                                 texts=changed, versions=versions, actor=principal.actor)
        return f"/cases/{case.id}/mappings/{mapping.id}/translations/{language}?saved=1"

    def again(errs: FormErrors, status: int) -> Response:
        return _page(request, session, case, mapping, language, errs, values, status)

    return attempt(request, session, act, again)
