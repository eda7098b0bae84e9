"""The child's own copy of a session with My Three Houses or the Safety House, "What you
told us": printed through the bounded pipeline (services/pdf.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.config import get_settings
from app.errors import NotPrinted
from app.models.base import utcnow
from app.models.case import Case
from app.models.enums import Audience
from app.models.person import Person
from app.models.user import User
from app.models.voice import VoiceSession
from app.services import pdf, picture, voice
from app.services.document import Rendered, lang_suffix, slug, why_not_printed
from app.services.family_text import CHILD_TEXT, in_language


def render(session: Session, case: Case, child: Person, vs: VoiceSession, *,
                     created: datetime | None = None, language: str = "en") -> Rendered:
    """The child's own copy of a session (My Three Houses, the Safety House): their words,
    scale and pictures in large type, only what they agreed their family may see (the copy
    goes home), and a line saying when something was kept back."""
    when = created or utcnow()
    said = voice.voice_for(session, vs=vs, child=child, audience=Audience.family)
    worker = session.get(User, case.worker_id) if case.worker_id else None
    words = in_language(language, CHILD_TEXT)
    t = words["t"]
    title = t["title"].format(name=child.given_name)
    ctx = {**words, "v": said, "tool_name": t[f"tool_{vs.tool.value}"], "doc_title": title,
           "council": get_settings().council_name,
           "worker_name": worker.name if worker else words["f"]["your_worker"],
           "issued_on": when.date(), "picture_uri": picture.data_uri}
    try:
        content = pdf.render_pdf("pdf/voice.html", ctx, title=title, created=when)
    except pdf.PrintFailed as failed:
        raise NotPrinted(why_not_printed(
            [(f"{child.given_name}'s words", w) for _, ws in said.parts for w in ws],
            failed.reason)) from None
    return Rendered(content=content, title=title,
                    filename=f"what-you-told-us-{slug(child.given_name, 'child')}-"
                             f"{vs.held_on:%Y-%m-%d}{lang_suffix(language)}.pdf")


