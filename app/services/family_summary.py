"""The family summary: the mapping written to the family as a PDF (the usual one, or easy
read; in the family's language, with the translators' words where there are any), the words
it prints with who wrote each (for the plain words check), and giving it to the family
through the documents register (services/document.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from app.config import get_settings
from app.errors import Conflict, NotPrinted
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
from app.models.network import NetworkMember
from app.models.rating import Rating
from app.models.user import User
from app.services import (
    family_position,
    genogram,
    genogram_svg,
    network,
    pdf,
    picture,
    readability,
    translation,
    voice,
)
from app.services import language as lang_service
from app.services import mapping as mapping_service
from app.services import person as person_service
from app.services import plain_language as pl
from app.services.audit import Actor
from app.services.document import (
    FAMILY_SUMMARY,
    FAMILY_SUMMARY_EASY_READ,
    Rendered,
    checked_issued_to,
    lang_suffix,
    record_issue,
    slug,
    why_not_printed,
)
from app.services.family_text import FAMILY_TEXT, fixed_text, in_language, names_in
from app.services.mapping_item import display_text
from app.services.readability import CHILD, FAMILY, SYSTEM, WORKER, Part

#: Who gave a score, in the family's words.
RATER_WORDS = {k.removeprefix("rater_"): v for k, v in FAMILY_TEXT.items()
               if k.startswith("rater_")}


def scale_alt(f: dict[str, str]) -> Callable[[list[Rating]], str]:
    """The words for a scale's picture, in the language of `f` (FAMILY_TEXT translated)."""
    def alt(ratings: list[Rating]) -> str:
        return " ".join([f["scale_alt"], *(f["scale_said"].format(
            name=r.rater_name, who=f.get(f"rater_{r.rater_kind.value}", r.rater_kind.value),
            score=r.score) for r in ratings)])
    return alt


def family_context(
    session: Session, case: Case, mapping: Mapping, *, issued_on: date | None = None,
    language: str = lang_service.ENGLISH,
) -> dict[str, Any]:
    """What the summary's templates print, in `language`: the fixed words from its
    catalogue, the team's words as translated (services/translation.py)."""
    words = in_language(language, FAMILY_TEXT)
    f = words["t"]
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
    ctx = {
        **words,
        **translation.printing(session, case, lambda: parts(session, case, mapping), words),
        "positions": positions,
        "case": case,
        "mapping": mapping,
        "council": get_settings().council_name,
        "doc_title": f"{case.family_name} family: {FAMILY_TEXT['title'].lower()} on "
        f"{mapping.held_on:%-d %B %Y}",
        "children_names": names_in([c.given_name for c in children], f),
        "worker_name": worker.name if worker else f["your_worker"],
        "worker_phone": worker.phone if worker else None,
        "issued_on": issued_on or date.today(),
        "display": display_text,
        "scale_alt": scale_alt(f),
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
    if words["language_code"] != lang_service.ENGLISH:
        ctx["doc_title"] = (f"{f['family_of'].format(name=case.family_name)}: {f['title']}, "
                            f"{lang_service.date_in(mapping.held_on, words['language_code'])}")
    return ctx


def _helping(session: Session, case: Case) -> list[tuple[str, NetworkMember]]:
    """The network members who agreed to help, each with their name."""
    rows = [m for m in network.members(session, case=case)
            if m.agreement == NetworkAgreement.agreed]
    names = network.names_of(session, rows)
    return [(names[m.id], m) for m in rows]


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


def render(
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
    ctx = family_context(session, case, mapping, issued_on=when.date(), language=lang.code)
    t = ctx["t"]
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
    return Rendered(
        content=content,
        title=ctx["doc_title"],
        filename=f"{slug(case.family_name, 'family')}-family-{mapping.held_on:%Y-%m-%d}"
                 f"{'-easy-read' if easy_read else ''}{lang_suffix(lang.code)}.pdf",
    )


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
    where = f"/cases/{case.id}/network/members"
    return [part for m in members for part in (
        Part(f"Who {names[m.id]} is", m.role, WORKER, f"{where}/{m.id}", "network_member",
             m.id, "role"),
        Part(f"What {names[m.id]} will do", m.commitments or "", WORKER, f"{where}/{m.id}",
             "network_member", m.id, "commitments"))]


def voice_parts(session: Session, case: Case) -> list[Part]:
    """The children's own words as the family's documents quote them (never checked)."""
    return [Part(f"{v.child.given_name}'s words", w, CHILD)
            for v in voice.voices_for_case(session, case=case, audience=Audience.family)
            for _, words in v.parts for w in words]


def parts(session: Session, case: Case, mapping: Mapping) -> list[Part]:
    return [Part("The words this service writes", fixed_text(FAMILY_TEXT), SYSTEM),
            *mapping_parts(session, case, mapping),
            *network_parts(session, case, agreed_only=True),
            *voice_parts(session, case)]


def check(session: Session, case: Case, mapping: Mapping
                       ) -> readability.DocumentReport:
    return readability.measure(pl.terms_for(session), parts(session, case, mapping))


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
    checked = check(session, case, mapping)
    reason = readability.reason_given(checked, readability_reason)
    now = utcnow()
    rendered = render(session, case, mapping, created=now, easy_read=easy_read,
                              language=lang.code)
    return record_issue(session, case=case, rendered=rendered, language=lang.code,
                        kind=FAMILY_SUMMARY_EASY_READ if easy_read else FAMILY_SUMMARY,
                        issued_to=issued_to, actor=actor, now=now, mapping=mapping,
                        readability=(checked.count, reason))


