"""Family documents: the mapping written to the family as a PDF, and the register of what
was handed to whom (the exact bytes, kept, so a copy can be given again unchanged)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.config import get_settings
from app.errors import Conflict, FieldError, Invalid, NotFound, NotPrinted
from app.models.base import utcnow
from app.models.case import Case
from app.models.document import IssuedDocument
from app.models.enums import (
    Audience,
    Category,
    FamilyView,
    MappingKind,
    NetworkAgreement,
    PersonKind,
    label,
)
from app.models.mapping import Mapping
from app.models.person import Person
from app.models.rating import Rating
from app.models.user import User
from app.models.voice import VoiceSession
from app.services import (
    audit,
    family_position,
    genogram,
    genogram_svg,
    network,
    pdf,
    picture,
    readability,
    voice,
)
from app.services import language as lang_service
from app.services import mapping as mapping_service
from app.services import person as person_service
from app.services import plain_language as pl
from app.services.audit import Actor
from app.services.family_text import CHILD_TEXT, FAMILY_TEXT, fixed_text
from app.services.mapping_item import display_text, short
from app.services.readability import CHILD, FAMILY, SYSTEM, WORKER, Part

FAMILY_SUMMARY = "family_summary"
FAMILY_SUMMARY_EASY_READ = "family_summary_easy_read"
SAFETY_PLAN = "safety_plan"
WORDS_PICTURES = "words_and_pictures"
RATER_WORDS = {
    "worker": "social worker",
    "parent": "parent",
    "carer": "carer",
    "network": "family or friend",
    "child": "child",
    "supervisor": "team manager",
    "professional": "professional",
}


@dataclass
class Rendered:
    content: bytes
    title: str
    filename: str


def _names(items: list[str]) -> str:
    if not items:
        return "your family"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _scale_alt(ratings: list[Rating]) -> str:
    parts = [
        f"{r.rater_name} ({RATER_WORDS.get(r.rater_kind.value, r.rater_kind.value)}) "
        f"said {r.score} out of 10"
        for r in ratings
    ]
    return "Scale from 0 to 10. " + ". ".join(parts) + "."


def family_context(
    session: Session, case: Case, mapping: Mapping, *, issued_on: date | None = None
) -> dict[str, Any]:
    fm = mapping_service.full(session, mapping=mapping)
    people = person_service.list_for_case(session, case=case)
    children = [p for p in people if p.kind == PersonKind.child and not p.archived]
    worker = session.get(User, case.worker_id) if case.worker_id else None
    ratings: dict[int | None, list[Rating]] = {}
    for r in fm.ratings:
        ratings.setdefault(r.danger_id, []).append(r)
    cat = fm.by_category
    positions = [(p.full_name, fp.position.value, fp.words)
                 for fp, p in family_position.list_for(session, mapping=mapping)
                 if fp.position != FamilyView.not_yet_asked]
    return {
        "t": FAMILY_TEXT,
        "positions": positions,
        "case": case,
        "mapping": mapping,
        "council": get_settings().council_name,
        "doc_title": f"{case.family_name} family: {FAMILY_TEXT['title'].lower()} on "
        f"{mapping.held_on:%-d %B %Y}",
        "children_names": _names([c.given_name for c in children]),
        "worker_name": worker.name if worker else "your social worker",
        "worker_phone": worker.phone if worker else None,
        "issued_on": issued_on or date.today(),
        "display": display_text,
        "scale_alt": _scale_alt,
        "harms": cat[Category.harm],
        "pairs": [
            (d, fm.goal_for(d.id), ratings.get(d.id, [])) for d in cat[Category.danger_statement]
        ],
        "going_well": cat[Category.existing_strength] + cat[Category.existing_safety],
        "next_steps": cat[Category.next_step],
        "bottom_lines": cat[Category.bottom_line],
        "harder": cat[Category.complicating_factor],
        "overall": ratings.get(None, []),
        "settings": get_settings(),
        "participants": [p.name for p in mapping.participants],
        "voices": voice.voices_for_case(session, case=case, audience=Audience.family),
        "voice_tools": voice.TOOLS,
        "picture_uri": picture.data_uri,
        "helping": _helping(session, case),
        "family_tree": _family_tree(session, case),
    }


def _helping(session: Session, case: Case) -> list[tuple[str, str, str | None]]:
    """The network members who agreed to help: (name, who they are, what they will do)."""
    rows = [m for m in network.members(session, case=case)
            if m.agreement == NetworkAgreement.agreed]
    names = network.names_of(session, rows)
    return [(names[m.id], m.role, m.commitments) for m in rows]


def _family_tree(session: Session, case: Case) -> tuple[Markup, list[str]] | None:
    """The genogram and its facts, only where the family agreed to it in their documents; the
    facts alone when it is too large to read on a page."""
    if not case.genogram_shared:
        return None
    g = genogram.for_case(session, case=case)
    if not g.nodes:
        return None
    drawing = Markup(genogram_svg.svg(g, title=f"The {case.family_name} family tree")  # noqa: S704
                     ) if g.printable else Markup("")
    return drawing, g.people_facts + g.relationship_facts


_IDEA_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


def ideas(text: str | None) -> list[str]:
    """One idea to a line, for easy read: each sentence (or line) of a text on its own. A
    full stop inside a word (an email address, 2.5) does not end one."""
    return [s.strip() for s in _IDEA_END.split(text or "") if s.strip()]


def in_language(code: str, texts: dict[str, str]) -> dict[str, Any]:
    """What a family document's template needs to be written in `code`: its fixed words `t`
    (and the summary's `f`), the page's language and direction, `wl` to mark the team's words
    as English, `fam` to name the family, and the sentence that says what is still English."""
    lang = lang_service.get(code)
    t, _ = lang_service.translate(texts, lang.code)
    f, _ = lang_service.translate(FAMILY_TEXT, lang.code)
    other = lang.code != lang_service.ENGLISH
    return {"t": t, "f": f, "lang": lang, "language_code": lang.code, "html_lang": lang.html,
            "dir": lang.dir, "wl": Markup(' lang="en-GB"') if other else Markup(""),
            "fam": f["family_of"].split("{name}"),
            "untranslated": f["untranslated"].format(language=lang.own_name) if other else None}


def family_summary(
    session: Session, case: Case, mapping: Mapping, *, created: datetime | None = None,
    easy_read: bool = False, language: str = lang_service.ENGLISH,
) -> Rendered:
    """The family's copy of the mapping; `easy_read`: the same record one idea to a line, in
    larger print, with each scale as a large picture. `language`: the fixed words from its
    catalogue; the workers' words stay as written (marked as English, and the document
    says they have not been translated)."""
    lang = lang_service.get(language)
    if mapping.kind == MappingKind.group_supervision:
        raise Conflict("A group supervision map is the team's own thinking, so it is never "
                       "given to the family. Map with the family in a mapping of its own.")
    when = created or utcnow()
    ctx = family_context(session, case, mapping, issued_on=when.date())
    t, _ = lang_service.translate(FAMILY_TEXT, lang.code)
    from app.services import translation  # it reads this module's mapping_parts

    done, translators, left = translation.current(session, case, mapping, lang.code)
    english = Markup(' lang="en-GB"') if lang.code != lang_service.ENGLISH else Markup("")

    def say(item: Any, field: str = "text") -> str:
        """An entry's words: the translator's, where up to date, else as written."""
        written = display_text(item) if field == "text" else (getattr(item, field) or "")
        return done.get(("mapping_item", item.id, field), written)

    def lang_of(item: Any, field: str = "text") -> Markup:
        return Markup("") if ("mapping_item", item.id, field) in done else english

    notes = []
    if left:
        notes.append(t["untranslated"].format(language=lang.own_name))
    if translators:
        notes.append(t["translated_by"].format(names=", ".join(translators)))
    ctx.update(t=t, language_code=lang.code, html_lang=lang.html, dir=lang.dir,
               doc_title=f"{t['family_of'].format(name=case.family_name)}: {t['title']}, "
                         f"{lang_service.date_in(mapping.held_on, lang.code)}",
               wl=english, say=say, lang_of=lang_of,
               untranslated=" ".join(notes) if lang.code != lang_service.ENGLISH else None)
    if lang.code == lang_service.ENGLISH:
        ctx["doc_title"] = (f"{case.family_name} family: {t['title'].lower()} on "
                            f"{mapping.held_on:%-d %B %Y}")
    if easy_read:
        ctx["doc_title"] += f" ({t['easy_read'].lower()})"
        ctx["split_ideas"] = ideas
    template = "pdf/family_easy_read.html" if easy_read else "pdf/family_summary.html"
    try:
        content = pdf.render_pdf(template, ctx, title=ctx["doc_title"], created=when)
    except pdf.PrintFailed as failed:
        raise NotPrinted(why_not_printed(
            [(p.label, p.text) for p in mapping_parts(session, case, mapping)], failed.reason)
        ) from None
    slug = re.sub(r"[^a-z0-9]+", "-", case.family_name.lower()).strip("-") or "family"
    return Rendered(
        content=content,
        title=ctx["doc_title"],
        filename=f"{slug}-family-{mapping.held_on:%Y-%m-%d}"
                 f"{'-easy-read' if easy_read else ''}"
                 f"{'' if lang.code == lang_service.ENGLISH else '-' + lang.code}.pdf",
    )


#: A word at least this long is named when a document cannot be printed.
LONG_WORD = 60


def why_not_printed(texts: list[tuple[str, str]], reason: str) -> str:
    """What to tell the person whose document could not be printed: the entry with the
    longest unbroken word if there is one (a pasted link, a held-down key), else its size."""
    longest = max(
        ((len(word), label, text) for label, text in texts for word in text.split()),
        default=(0, "", ""),
    )
    n, label, text = longest
    if n >= LONG_WORD:
        return (f"This document could not be printed: “{label}” (“{short(text, 40)}”) has a "
                f"word of {n:,} letters. Break it up with spaces or shorten it, then try again.")
    limit = get_settings().pdf_timeout_seconds
    if reason == "time":
        return (f"This document took more than {limit:g} seconds to print, so it was stopped. "
                "Shorten the longest entries in the mapping, then try again.")
    return ("This document could not be printed: it needed more memory than a document may "
            "use. Shorten the longest entries in the mapping, then try again.")


def mapping_parts(session: Session, case: Case, mapping: Mapping) -> list[Part]:
    """The mapping's words as a family document prints them, each with who wrote it and
    where to change it: the worker's entries, the family's own view of each worry."""
    fm = mapping_service.full(session, mapping=mapping)
    base = f"/cases/{case.id}/mappings/{mapping.id}/items"
    out: list[Part] = []

    def add(item: Any, what: str, text: str | None, field: str = "text") -> None:
        out.append(Part(what, text or "", WORKER, f"{base}/{item.id}/edit", "mapping_item",
                        item.id, field))

    for h in fm.by_category[Category.harm]:
        add(h, label(Category.harm), display_text(h))
        add(h, label(Category.harm), h.harm_impact, "harm_impact")
    for d in fm.by_category[Category.danger_statement]:
        add(d, "What we are worried about", display_text(d))
        if d.family_view_words:
            out.append(Part("What the family said about this worry", d.family_view_words, FAMILY))
        goal = fm.goal_for(d.id)
        if goal:
            add(goal, "What needs to happen", display_text(goal))
            add(goal, "What needs to happen", goal.sg_child_experience, "sg_child_experience")
            add(goal, "What needs to happen", goal.sg_duration, "sg_duration")
    for c in (Category.complicating_factor, Category.existing_strength,
              Category.existing_safety, Category.next_step, Category.bottom_line):
        for i in fm.by_category[c]:
            add(i, label(c), display_text(i))
    out.extend(Part("What the family said", fp.words, FAMILY)
               for fp, _ in family_position.list_for(session, mapping=mapping) if fp.words)
    return out


def network_parts(session: Session, case: Case, *, agreed_only: bool) -> list[Part]:
    members = [m for m in network.members(session, case=case)
               if not agreed_only or m.agreement == NetworkAgreement.agreed]
    names = network.names_of(session, members)
    return [Part(f"What {names[m.id]} will do", m.commitments or "", WORKER,
                 f"/cases/{case.id}/network/members/{m.id}", "network_member", m.id)
            for m in members]


def voice_parts(session: Session, case: Case) -> list[Part]:
    """The children's own words as the family's documents quote them (never checked)."""
    return [Part(f"{v.child.given_name}'s words", w, CHILD)
            for v in voice.voices_for_case(session, case=case, audience=Audience.family)
            for _, words in v.parts for w in words]


def family_summary_parts(session: Session, case: Case, mapping: Mapping) -> list[Part]:
    return [Part("The words this service writes", fixed_text(FAMILY_TEXT), SYSTEM),
            *mapping_parts(session, case, mapping),
            *network_parts(session, case, agreed_only=True),
            *voice_parts(session, case)]


def language_choices() -> list[tuple[str, str]]:
    """The languages family documents can be given in, as a form offers them."""
    return [(lang.code, f"{lang.own_name} ({lang.name})" if lang.code != "en" else "English")
            for lang in lang_service.for_documents()]


def family_language(session: Session, case: Case) -> str:
    """The language to offer first: one the adults of the family prefer that documents can
    be written in, else English."""
    offered = {lang.code for lang in lang_service.for_documents()}
    preferred = [p.language for p in person_service.list_for_case(session, case=case)
                 if p.kind == PersonKind.adult and not p.archived and p.language in offered]
    return preferred[0] if preferred else lang_service.ENGLISH


def check_before_issue(session: Session, case: Case, mapping: Mapping
                       ) -> readability.DocumentReport:
    return readability.measure(pl.terms_for(session), family_summary_parts(session, case, mapping))


def issue(
    session: Session,
    *,
    case: Case,
    mapping: Mapping,
    issued_to: str,
    actor: Actor,
    readability_reason: str | None = None,
    easy_read: bool = False,
    language: str = lang_service.ENGLISH,
) -> IssuedDocument:
    issued_to = checked_issued_to(issued_to)
    lang = lang_service.get(language)
    checked = check_before_issue(session, case, mapping)
    reason = readability.reason_given(checked, readability_reason)
    now = utcnow()
    rendered = family_summary(session, case, mapping, created=now, easy_read=easy_read,
                              language=lang.code)
    return record_issue(session, case=case, rendered=rendered, language=lang.code,
                        kind=FAMILY_SUMMARY_EASY_READ if easy_read else FAMILY_SUMMARY,
                        issued_to=issued_to, actor=actor, now=now, mapping=mapping,
                        readability=(checked.count, reason))


def checked_issued_to(issued_to: str) -> str:
    issued_to = (issued_to or "").strip()
    if not issued_to:
        raise Invalid([FieldError(["body", "issued_to"], "Enter who the document is for")])
    if len(issued_to) > 200:
        raise Invalid([FieldError(["body", "issued_to"], "Keep this to 200 characters or fewer")])
    return issued_to


def record_issue(session: Session, *, case: Case, rendered: Rendered, kind: str, issued_to: str,
                 actor: Actor, now: datetime, mapping: Mapping | None = None,
                 readability: tuple[int, str | None] | None = None,
                 language: str = lang_service.ENGLISH) -> IssuedDocument:
    """The register: the exact bytes as handed over, their SHA-256, who to and by whom; for
    a family document, how many plain-words findings were left and why."""
    doc = IssuedDocument(
        case_id=case.id,
        mapping_id=mapping.id if mapping else None,
        mapping_version=mapping.version if mapping else None,
        kind=kind,
        title=rendered.title,
        filename=rendered.filename,
        media_type="application/pdf",
        issued_to=issued_to,
        issued_by_id=actor.user_id,
        issued_by_name=actor.name,
        issued_at=now,
        sha256=hashlib.sha256(rendered.content).hexdigest(),
        size=len(rendered.content),
        content=rendered.content,
        readability_findings=readability[0] if readability else None,
        readability_reason=readability[1] if readability else None,
        language=language,
    )
    session.add(doc)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="issue",
        entity_type="document",
        entity_id=doc.id,
        case_id=case.id,
        summary=f"issued “{doc.title}” to {issued_to}",
        changes={
            "sha256": {"before": None, "after": doc.sha256},
            **({"mapping_version": {"before": None, "after": mapping.version}}
               if mapping else {"kind": {"before": None, "after": kind}}),
            "language": {"before": None, "after": language},
            **({"readability_findings": {"before": None, "after": readability[0]},
                "readability_reason": {"before": None, "after": readability[1]}}
               if readability else {}),
        },
    )
    return doc


def list_for_case(session: Session, *, case: Case) -> list[IssuedDocument]:
    return list(
        session.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.case_id == case.id)
            .order_by(IssuedDocument.issued_at.desc(), IssuedDocument.id.desc())
        )
    )


def load(session: Session, *, case: Case, document_id: int, with_content: bool = False
         ) -> IssuedDocument:
    query = select(IssuedDocument).where(
        IssuedDocument.id == document_id, IssuedDocument.case_id == case.id
    )
    if with_content:
        query = query.options(undefer(IssuedDocument.content))
    doc = session.scalar(query)
    if doc is None:
        raise NotFound()
    return doc


def what_you_told_us(session: Session, case: Case, child: Person, vs: VoiceSession, *,
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
           "worker_name": worker.name if worker else "your social worker",
           "issued_on": when.date(), "picture_uri": picture.data_uri}
    try:
        content = pdf.render_pdf("pdf/voice.html", ctx, title=title, created=when)
    except pdf.PrintFailed as failed:
        raise NotPrinted(why_not_printed(
            [(f"{child.given_name}'s words", w) for _, ws in said.parts for w in ws],
            failed.reason)) from None
    slug = re.sub(r"[^a-z0-9]+", "-", child.given_name.lower()).strip("-") or "child"
    return Rendered(content=content, title=title,
                    filename=f"what-you-told-us-{slug}-{vs.held_on:%Y-%m-%d}"
                             f"{'' if language == 'en' else '-' + language}.pdf")


