"""Conference reports: for a child protection conference (the first, or a review), made from
the record as it stands (the mapping: harm, danger statements with the family's view, safety
goals, scaling by every rater; the children's voice where they agreed; the network; each
child's events and plans) and the worker's analysis. Printed for professionals (a tagged PDF)
and as a plain-language summary for the family from the same data; both given through the
documents register."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.errors import FieldError, Invalid, NotFound, NotPrinted
from app.models.base import utcnow
from app.models.case import Case
from app.models.conference_report import ConferenceReport
from app.models.document import IssuedDocument
from app.models.enums import (
    Audience,
    CaseEventKind,
    Category,
    ChildStatusKind,
    FamilyView,
    MappingKind,
    NetworkAgreement,
    PersonKind,
)
from app.models.mapping import Mapping
from app.models.rating import Rating
from app.models.user import User
from app.schemas.conference_report import ConferenceReportIn, ConferenceReportUpdate
from app.services import (
    audit,
    case_event,
    child_status,
    document,
    family_position,
    family_summary,
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
from app.services.case import check_version
from app.services.family_text import (
    CONFERENCE_TEXT,
    FAMILY_TEXT,
    fixed_text,
    in_language,
    names_in,
)
from app.services.mapping_item import display_text

AUDITED = ["held_on", "kind", "mapping_id", "analysis"]
KINDS = {"initial": "First child protection conference", "review": "Review conference"}
PROFESSIONALS = "CONFERENCE_REPORT"
FAMILY = "CONFERENCE_FAMILY"


def list_for_case(session: Session, *, case: Case) -> list[ConferenceReport]:
    return list(session.scalars(select(ConferenceReport).where(
        ConferenceReport.case_id == case.id).order_by(ConferenceReport.held_on.desc(),
                                                      ConferenceReport.id.desc())))


def load(session: Session, *, case: Case, report_id: int) -> ConferenceReport:
    row = session.scalar(select(ConferenceReport).where(
        ConferenceReport.id == report_id, ConferenceReport.case_id == case.id))
    if row is None:
        raise NotFound("We could not find that conference report.")
    return row


def mappings_for(session: Session, *, case: Case) -> list[Mapping]:
    """The mappings a report may be made from (not a group supervision map), latest first."""
    return list(session.scalars(select(Mapping).where(
        Mapping.case_id == case.id, Mapping.kind != MappingKind.group_supervision)
        .order_by(Mapping.held_on.desc(), Mapping.id.desc())))


def _mapping(session: Session, case: Case, mapping_id: int | None) -> Mapping:
    options = mappings_for(session, case=case)
    if not options:
        raise Invalid([FieldError(["body", "mapping_id"], "Map the case with the family first: "
                                                          "the report is made from a mapping")])
    if mapping_id is None:
        return options[0]
    found = next((m for m in options if m.id == mapping_id), None)
    if found is None:
        raise Invalid([FieldError(["body", "mapping_id"], "Choose a mapping of this case")])
    return found


def create(session: Session, *, case: Case, data: ConferenceReportIn,
           actor: Actor) -> ConferenceReport:
    mapping = _mapping(session, case, data.mapping_id)
    row = ConferenceReport(case_id=case.id, held_on=data.held_on, kind=data.kind,
                           mapping_id=mapping.id, analysis=data.analysis or "",
                           recorded_by_name=actor.name)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="conference_report",
                 entity_id=row.id, case_id=case.id,
                 summary=f"started the report for the {KINDS[row.kind].lower()} on "
                         f"{row.held_on:%-d %B %Y}",
                 changes=audit.diff({}, audit.snapshot(row, AUDITED)))
    return row


def update(session: Session, *, case: Case, row: ConferenceReport, data: ConferenceReportUpdate,
           expected_version: int | None, actor: Actor) -> ConferenceReport:
    check_version(row, expected_version)
    given = data.model_dump(exclude_unset=True)
    if "mapping_id" in given:
        given["mapping_id"] = _mapping(session, case, given["mapping_id"]).id
    for key in ("held_on", "kind"):
        if key in given and given[key] is None:
            raise Invalid([FieldError(["body", key], "Enter this")])
    before = audit.snapshot(row, AUDITED)
    for key, value in given.items():
        setattr(row, key, value if value is not None else "")
    delta = audit.diff(before, audit.snapshot(row, AUDITED))
    if delta:
        session.flush()
        audit.record(session, actor=actor, action="update", entity_type="conference_report",
                     entity_id=row.id, case_id=case.id,
                     summary=f"changed the report for the {KINDS[row.kind].lower()}",
                     changes=delta)
    return row


def _journey(session: Session, case: Case, children: list[Any], t: dict[str, str],
             code: str = "en") -> list[dict[str, Any]]:
    """Each child's events and plans in the order they happened, in both registers (the
    family's in the document's language)."""
    events = case_event.for_case(session, case_ids=[case.id])
    plans = child_status.for_case(session, case=case)
    out = []
    for child in children:
        rows: list[tuple[date, str, str]] = []
        for e in events.get(child.id, []):
            key = "ev_assessment_done" if (e.kind == CaseEventKind.assessment
                                           and e.completed_on) else f"ev_{e.kind.value}"
            day = e.completed_on if key == "ev_assessment_done" and e.completed_on \
                else e.happened_on
            rows.append((day, case_event.describe(e), t[key].format(name=child.given_name)))
        for p in plans.get(child.id, []):
            key = {ChildStatusKind.child_in_need: "ev_plan_help",
                   ChildStatusKind.child_protection_plan: "ev_plan_safe",
                   ChildStatusKind.looked_after: "ev_plan_care"}[p.kind]
            words = t[key].format(name=child.given_name)
            if p.ends_on:
                words += " " + t["ev_plan_ended"].format(
                    date=lang_service.date_in(p.ends_on, code))
            rows.append((p.starts_on, child_status.describe(p) + (
                f", ended {p.ends_on:%-d %B %Y}" if p.ends_on else ""), words))
        out.append({"child": child, "rows": sorted(rows, key=lambda r: r[0])})
    return out


def context(session: Session, case: Case, report: ConferenceReport, *, family: bool,
            issued_on: date | None = None, language: str = "en") -> dict[str, Any]:
    """The report's record; for the family's summary in `language` (the professionals'
    report is in English)."""
    words = in_language(language if family else "en", CONFERENCE_TEXT)
    mapping = session.get(Mapping, report.mapping_id)
    assert mapping is not None
    fm = mapping_service.full(session, mapping=mapping)
    people = person_service.list_for_case(session, case=case)
    children = [p for p in people if p.kind == PersonKind.child and not p.archived]
    ratings: dict[int | None, list[Rating]] = {}
    for r in fm.ratings:
        ratings.setdefault(r.danger_id, []).append(r)
    cat = fm.by_category
    members = [m for m in network.members(session, case=case)
               if not family or m.agreement == NetworkAgreement.agreed]
    names = network.names_of(session, members)
    worker = session.get(User, case.worker_id) if case.worker_id else None
    code = words["language_code"]
    title = words["t"]["title"] if family else f"{KINDS[report.kind]} report"
    printing = translation.printing(
        session, case, lambda: family_parts(session, case, report), words) \
        if family else {}
    return {
        **words, **printing, "case": case, "report": report,
        "mapping": mapping, "kind_words": KINDS[report.kind],
        "doc_title": f"{words['f']['family_of'].format(name=case.family_name)}: {title}, "
                     f"{lang_service.date_in(report.held_on, code)}" if code != "en"
        else f"{case.family_name} family: {title} on {report.held_on:%-d %B %Y}",
        "council": get_settings().council_name, "settings": get_settings(),
        "children": children,
        "children_names": names_in([c.given_name for c in children], words["f"]),
        "worker_name": worker.name if worker else words["f"]["your_worker"],
        "worker_phone": worker.phone if worker else None,
        "issued_on": issued_on or date.today(),
        "display": display_text,
        "harms": cat[Category.harm],
        "pairs": [(d, fm.goal_for(d.id), ratings.get(d.id, []))
                  for d in cat[Category.danger_statement]],
        "positions": [(p.full_name, fp.position, fp.words)
                      for fp, p in family_position.list_for(session, mapping=mapping)
                      if fp.position != FamilyView.not_yet_asked],
        "going_well": cat[Category.existing_strength] + cat[Category.existing_safety],
        "harder": cat[Category.complicating_factor],
        "next_steps": cat[Category.next_step],
        "overall": ratings.get(None, []),
        "rater_words": family_summary.RATER_WORDS,
        "voices": voice.voices_for_case(
            session, case=case, audience=Audience.family if family else Audience.conference),
        "picture_uri": picture.data_uri,
        "network": [(names[m.id], m) for m in members],
        "agreement": network.AGREEMENT,
        "journey": _journey(session, case, children, words["t"], code),
    }


def render(session: Session, case: Case, report: ConferenceReport, *, family: bool,
           created: datetime | None = None, language: str = "en") -> document.Rendered:
    when = created or utcnow()
    ctx = context(session, case, report, family=family, issued_on=when.date(),
                  language=language)
    template = "pdf/conference_family.html" if family else "pdf/conference_report.html"
    try:
        content = pdf.render_pdf(template, ctx, title=ctx["doc_title"], created=when)
    except pdf.PrintFailed as failed:
        texts = [("The analysis", report.analysis)] + [
            ("A danger statement", display_text(d)) for d, _, _ in ctx["pairs"]]
        raise NotPrinted(document.why_not_printed(texts, failed.reason)) from None
    which = "family-summary" if family else "conference-report"
    return document.Rendered(content=content, title=ctx["doc_title"],
                             filename=f"{document.slug(case.family_name, 'family')}-{which}-"
                                      f"{report.held_on:%Y-%m-%d}"
                                      f"{document.lang_suffix(language)}.pdf")


def family_parts(session: Session, case: Case, report: ConferenceReport
                 ) -> list[readability.Part]:
    """The family's summary's words: the fixed text, the mapping, the network's commitments,
    the worker's analysis, and the children's and family's own words (quoted)."""
    mapping = session.get(Mapping, report.mapping_id)
    assert mapping is not None
    return [readability.Part("The words this service writes",
                             fixed_text(CONFERENCE_TEXT, FAMILY_TEXT), readability.SYSTEM),
            *family_summary.mapping_parts(session, case, mapping),
            *family_summary.network_parts(session, case, agreed_only=True),
            readability.Part("The analysis", report.analysis, readability.WORKER,
                             f"/cases/{case.id}/conference-reports/{report.id}#analysis",
                             "conference_report", report.id, "analysis"),
            *family_summary.voice_parts(session, case)]


def check(session: Session, case: Case, report: ConferenceReport) -> readability.DocumentReport:
    """The plain words check of the family's summary."""
    return readability.measure(pl.terms_for(session), family_parts(session, case, report))


def issue(session: Session, *, case: Case, report: ConferenceReport, family: bool,
          issued_to: str, actor: Actor, readability_reason: str | None = None,
          language: str = "en") -> IssuedDocument:
    """The report (or the family's summary of it), recorded as handed to `issued_to`. The
    family's summary needs the worker's reason when the plain words check found something."""
    issued_to = document.checked_issued_to(issued_to)
    lang = lang_service.get(language)
    if not family and lang.code != lang_service.ENGLISH:
        raise Invalid([FieldError(["body", "language"], "The report for the professionals is "
                                  "in English. Give the family's summary in their language")])
    reason_kept: tuple[int, str | None] | None = None
    if family:
        checked = check(session, case, report)
        reason_kept = (checked.count, readability.reason_given(checked, readability_reason))
    now = utcnow()
    mapping = session.get(Mapping, report.mapping_id)
    return document.record_issue(
        session, case=case,
        rendered=render(session, case, report, family=family, created=now, language=lang.code),
        kind=FAMILY if family else PROFESSIONALS, issued_to=issued_to, actor=actor, now=now,
        mapping=mapping, readability=reason_kept, language=lang.code)
