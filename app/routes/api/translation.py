"""Translations of the team's words in a mapping, for other systems (a translation service):
read what needs translating, send the translator's words."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, EditableMappingDep, MappingDep, WriterDep
from app.schemas.translation import TranslationEntryRead, TranslationsIn, TranslationsRead
from app.services import language as lang_service
from app.services import translation as translation_service

router = APIRouter(prefix="/cases/{case_id}/mappings/{mapping_id}/translations",
                   tags=["documents"])
Language = Annotated[str, Path(max_length=35, description="`cy`, or another language with a "
                                                          "catalogue.")]


def translations_read(entries: list[translation_service.Entry], code: str
                      ) -> TranslationsRead:
    lang = lang_service.get(code)
    rows = [TranslationEntryRead(
        label=e.part.label, entity_type=e.part.entity_type or "", entity_id=e.part.entity_id or 0,
        field=e.part.field, source=e.part.text, link=e.part.link,
        text=e.translation.text if e.translation else None,
        translator_name=e.translation.translator_name if e.translation else None,
        version=e.translation.version if e.translation else None, current=e.current)
        for e in entries]
    return TranslationsRead(
        language=lang.code, language_name=lang.name, entries=rows,
        translated=sum(1 for r in rows if r.current),
        out_of_date=sum(1 for r in rows if r.text is not None and not r.current),
        untranslated=sum(1 for r in rows if r.text is None))


@router.get("/{language}", response_model=TranslationsRead)
def list_translations(language: Language, case: CaseDep, mapping: MappingDep,
                      session: SessionDep) -> TranslationsRead:
    """Each of the mapping's entries a family document prints, in English as it is now,
    with its translation into `language` if there is one (`current: false` when the English
    has changed since)."""
    return translations_read(translation_service.entries(session, case, mapping, language),
                             language)


@router.put("/{language}", response_model=TranslationsRead)
def put_translations(language: Language, data: TranslationsIn, case: EditableCaseDep,
                     mapping: EditableMappingDep, principal: WriterDep,
                     session: SessionDep) -> TranslationsRead:
    """Record the translator's words for the entries given (others are left as they are;
    an empty `text` takes one away). Each carries the `version` read: a translation changed
    since is refused with 409, never overwritten. Audited."""
    entries = translation_service.save(
        session, case=case, mapping=mapping, code=language,
        translator_name=data.translator_name,
        texts={(e.entity_type, e.entity_id, e.field): e.text for e in data.entries},
        versions={(e.entity_type, e.entity_id, e.field): e.version for e in data.entries},
        actor=principal.actor)
    return translations_read(entries, language)
