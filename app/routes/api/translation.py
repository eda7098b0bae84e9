"""Translations of the team's words in the family's documents, for other systems (a
translation service): read what needs translating, send the translator's words. One pair of
operations for each family document: the mapping (its family summary), a safety plan, a
Words and Pictures booklet, a conference report (the family's summary). A translation
belongs to its entry, so an entry shared by documents is translated once."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path

from app.db import SessionDep
from app.deps import CaseDep, EditableCaseDep, WriterDep
from app.schemas.translation import TranslationEntryRead, TranslationsIn, TranslationsRead
from app.services import language as lang_service
from app.services import translation as translation_service

router = APIRouter(prefix="/cases/{case_id}", tags=["documents"])
Language = Annotated[str, Path(max_length=35, description="`cy`, or another language with a "
                                                          "catalogue.")]

#: Each document as the API names it: (its address, its id's name, what the translation
#: service calls it, what it is in words).
DOCUMENTS: list[tuple[str, str, translation_service.What, str]] = [
    ("mappings", "mapping_id", "mappings", "the mapping's family summary"),
    ("safety-plans", "plan_id", "safety-plan", "the safety plan's family copy"),
    ("words-and-pictures", "board_id", "words-and-pictures", "the Words and Pictures booklet"),
    ("conference-reports", "report_id", "conference-reports",
     "the conference's summary for the family"),
]


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


def _operations(id_name: str, what: translation_service.What,
                words: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The two operations for one kind of document."""
    DocId = Annotated[int, Path(alias=id_name)]

    def list_translations(language: Language, doc_id: DocId, case: CaseDep,
                          session: SessionDep) -> TranslationsRead:
        doc = translation_service.of(session, case, what, doc_id)
        return translations_read(translation_service.entries(session, case, doc.parts,
                                                             language), language)

    def put_translations(language: Language, doc_id: DocId, data: TranslationsIn,
                         case: EditableCaseDep, principal: WriterDep,
                         session: SessionDep) -> TranslationsRead:
        doc = translation_service.of(session, case, what, doc_id)
        entries = translation_service.save(
            session, case=case, doc=doc, code=language,
            translator_name=data.translator_name,
            texts={(e.entity_type, e.entity_id, e.field): e.text for e in data.entries},
            versions={(e.entity_type, e.entity_id, e.field): e.version for e in data.entries},
            actor=principal.actor)
        return translations_read(entries, language)

    list_translations.__doc__ = (
        f"Each of the team's entries in {words}, in English as it is now, with its "
        "translation into `language` if there is one (`current: false` when the English "
        "has changed since).")
    put_translations.__doc__ = (
        f"Record the translator's words for entries of {words} (others are left as they "
        "are; an empty `text` takes one away). Each carries the `version` read: a "
        "translation changed since is refused with 409, never overwritten. Audited.")
    return list_translations, put_translations


for _segment, _id_name, _what, _words in DOCUMENTS:
    _get, _put = _operations(_id_name, _what, _words)
    _path = f"/{_segment}/{{{_id_name}}}/translations/{{language}}"
    _name = _segment.replace("-", "_")
    router.add_api_route(_path, _get, methods=["GET"], response_model=TranslationsRead,
                         name=f"list_{_name}_translations")
    router.add_api_route(_path, _put, methods=["PUT"], response_model=TranslationsRead,
                         name=f"put_{_name}_translations")
