"""The plain-language checker for other systems, and the council's jargon list."""

from fastapi import APIRouter
from sqlalchemy import select

from app.db import SessionDep
from app.deps import PrincipalDep
from app.models.jargon import JargonTerm
from app.schemas.plain_language import (
    CheckIn,
    CheckRead,
    FindingRead,
    JargonRead,
    LongSentenceRead,
)
from app.schemas.readability import MeasureRead, PartFindingRead, ReadabilityRead
from app.services import plain_language as pl
from app.services import readability

router = APIRouter(tags=["plain language"])


def report_read(report: pl.Report) -> CheckRead:
    return CheckRead(
        words=report.words,
        sentences=report.sentences,
        grade=report.grade,
        reading_age=report.reading_age,
        reading_ease=report.reading_ease,
        target_reading_age=pl.TARGET_READING_AGE,
        too_hard=report.too_hard,
        long_sentences=[LongSentenceRead.model_validate(s.__dict__)
                        for s in report.long_sentences],
        jargon=[FindingRead.model_validate({**f.__dict__, "advice": f.advice})
                for f in report.jargon],
    )


@router.post("/plain-language/check", response_model=CheckRead)
def check(data: CheckIn, principal: PrincipalDep, session: SessionDep) -> CheckRead:
    """Check text a family will read: its reading age (Flesch-Kincaid grade + 5; we aim for
    10 or under), sentences longer than `max_sentence_words`, and social care jargon from
    the council's list with the plain words to use instead (offsets are character positions
    in `text`). Nothing is stored. It warns; it never blocks."""
    report = pl.check(data.text, terms=pl.terms_for(session),
                      max_sentence_words=data.max_sentence_words)
    return report_read(report)


@router.get("/jargon", response_model=list[JargonRead])
def jargon(principal: PrincipalDep, session: SessionDep) -> list[JargonRead]:
    """The council's jargon list, including terms switched off (`active: false`)."""
    rows = session.scalars(select(JargonTerm).order_by(JargonTerm.term)).all()
    return [JargonRead.model_validate(r) for r in rows]


def readability_read(report: readability.DocumentReport) -> ReadabilityRead:
    """The plain words check of a family document, for other systems."""
    return ReadabilityRead(
        target_reading_age=pl.TARGET_READING_AGE,
        system=MeasureRead.model_validate(report.system.__dict__),
        worker=MeasureRead.model_validate(report.worker.__dict__),
        quoted_parts=report.quoted,
        findings=[PartFindingRead(
            label=c.part.label, text=c.part.text, source="worker", link=c.part.link,
            entity_type=c.part.entity_type, entity_id=c.part.entity_id,
            reading_age=c.report.reading_age, too_hard=c.report.too_hard,
            long_sentences=report_read(c.report).long_sentences,
            findings=report_read(c.report).jargon) for c in report.findings],
        findings_count=report.count,
        reason_needed=report.reason_needed,
    )
