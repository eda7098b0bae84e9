"""The Words and Pictures booklet: the title, then a panel to a page, the picture large and
the words under it. Printed through the bounded pipeline and given through the documents
register (services/document.py)."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.config import get_settings
from app.errors import NotPrinted
from app.models.base import utcnow
from app.models.case import Case
from app.models.document import IssuedDocument
from app.models.picture import Picture
from app.models.words_pictures import Panel, Storyboard
from app.services import document, pdf, picture, readability, translation
from app.services import language as lang_service
from app.services import plain_language as pl
from app.services.audit import Actor
from app.services.family_text import BOOKLET_TEXT, in_language


def render(session: Session, case: Case, board: Storyboard, *,
           created: datetime | None = None, language: str = "en") -> document.Rendered:
    """The Words and Pictures booklet: the title, then a panel to a page, the picture large
    and the words under it; in `language`, with the translators' words where there are
    any."""
    when = created or utcnow()
    ctx = context(session, case, board, language=language)
    try:
        content = pdf.render_pdf("pdf/words_pictures.html", ctx, title=ctx["doc_title"],
                                 created=when)
    except pdf.PrintFailed as failed:
        raise NotPrinted(document.why_not_printed([("A panel", p.words) for p, _ in ctx["panels"]],
                                         failed.reason)) from None
    return document.Rendered(content=content, title=ctx["doc_title"],
                    filename=f"{document.slug(case.family_name, 'family')}-words-and-pictures-"
                             f"{board.number}{document.lang_suffix(language)}.pdf")


def context(session: Session, case: Case, board: Storyboard, *,
            language: str = "en") -> dict[str, Any]:
    rows = session.scalars(select(Panel).options(undefer(Panel.content)).where(
        Panel.storyboard_id == board.id, Panel.removed.is_(False))
        .order_by(Panel.position, Panel.id)).all()
    reused = {p.id: p for p in session.scalars(select(Picture).options(
        undefer(Picture.content)).where(Picture.id.in_(
            [r.picture_id for r in rows if r.picture_id])))} if any(
        r.picture_id for r in rows) else {}
    panels = []
    for r in rows:
        uri = None
        if r.content is not None and r.media_type:
            uri = f"data:{r.media_type};base64,{base64.b64encode(r.content).decode()}"
        elif r.picture_id in reused:
            uri = picture.data_uri(reused[r.picture_id])
        panels.append((r, uri))
    words = in_language(language, BOOKLET_TEXT)
    printing = translation.printing(session, case, lambda: parts(session, case, board),
                                    words)
    return {**words, **printing, "case": case, "board": board, "panels": panels,
            "council": get_settings().council_name,
            "doc_title": f"{words['f']['family_of'].format(name=case.family_name)}: "
                         f"{printing['say'](board, 'title')}"}


def parts(session: Session, case: Case, board: Storyboard) -> list[readability.Part]:
    """The booklet's words: its title and each panel, all the worker's."""
    base = f"/cases/{case.id}/words-and-pictures/{board.id}"
    rows = session.scalars(select(Panel).where(
        Panel.storyboard_id == board.id, Panel.removed.is_(False))
        .order_by(Panel.position, Panel.id)).all()
    return [readability.Part("The title", board.title, readability.WORKER, base,
                             "words_and_pictures", board.id, "title"),
            *(readability.Part(f"Panel {n}", p.words, readability.WORKER,
                               f"{base}/panels/{p.id}", "panel", p.id, "words")
              for n, p in enumerate(rows, start=1))]


def check(session: Session, case: Case, board: Storyboard) -> readability.DocumentReport:
    return readability.measure(pl.terms_for(session), parts(session, case, board))


def issue(session: Session, *, case: Case, board: Storyboard, issued_to: str,
          actor: Actor, readability_reason: str | None = None,
          language: str = "en") -> IssuedDocument:
    """The Words and Pictures booklet, recorded as handed to `issued_to`; with the worker's
    reason when the plain words check found something left."""
    issued_to = document.checked_issued_to(issued_to)
    lang = lang_service.get(language)
    checked = check(session, case, board)
    reason = readability.reason_given(checked, readability_reason)
    now = utcnow()
    return document.record_issue(session, case=case,
                                 rendered=render(session, case, board, created=now,
                                                 language=lang.code),
                                 kind=document.WORDS_PICTURES, issued_to=issued_to, actor=actor,
                                 now=now, readability=(checked.count, reason),
                                 language=lang.code)

