"""The Children in Need census return, derived from the record: for a collection year, every
child with an episode open in it, as the Department's XML (the structure the
csc-validator-be-cin package reads), with a trace of each row back to the record it came from.
Nothing goes in the file that is not on a person, a case event or a plan of the record.

Episodes: a referral opens one; the next closure on or after it ends it. A referral with no
further action and no closure recorded closes the same day (RC8), as the census guide asks.
Assessments, enquiries, conferences and reviews belong to the episode whose dates hold them;
plans (child_status) to the episode open when they started."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.models.case_event import CaseEvent
from app.models.child_status import ChildStatus
from app.models.enums import AbuseCategory, CaseEventKind, ChildStatusKind, PersonKind
from app.models.person import Person
from app.services import case_event as event_service
from app.services import census_codes

K = CaseEventKind
CATEGORY = {AbuseCategory.neglect: "NEG", AbuseCategory.physical: "PHY",
            AbuseCategory.emotional: "EMO", AbuseCategory.sexual: "SAB",
            AbuseCategory.multiple: "MUL"}
SOFTWARE = "Signs of Safety record"
#: Progress callback: (percent, what it is doing).
Progress = Callable[[int, str], None]


@dataclass
class Trace:
    """One row of one census table, and the record it came from. `fields` maps the census
    column to the record's field, so a finding on a column names the field to change."""

    child_id: int
    case_id: int
    entity: str  # "person", "case_event", "child_status"
    entity_id: int
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Built:
    xml: bytes
    children: int
    traces: dict[str, list[Trace]]
    #: Children with a plan in the year and no referral recorded: left out of the file (it
    #: holds only what the record holds), named so that the referral is recorded.
    unreferred: list[tuple[int, int, int]] = field(default_factory=list)


def period(year: int) -> tuple[date, date]:
    """The collection period ending 31 March `year`: from 1 April the year before."""
    end = date(year, 3, 31)
    return date(year - 1, 4, 1), end


def _d(day: date) -> str:
    return day.isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _working_days_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


@dataclass
class _Episode:
    referral: CaseEvent
    closure: CaseEvent | None
    closed_on: date | None
    events: list[CaseEvent]
    plans: list[ChildStatus]


def _episodes(events: list[CaseEvent], plans: list[ChildStatus]) -> list[_Episode]:
    referrals = [e for e in events if e.kind == K.referral]
    closures = [e for e in events if e.kind == K.closure]
    out: list[_Episode] = []
    for i, ref in enumerate(referrals):
        nxt = referrals[i + 1].happened_on if i + 1 < len(referrals) else None
        closure = next((c for c in closures if c.happened_on >= ref.happened_on
                        and (nxt is None or c.happened_on <= nxt)), None)
        closed_on = closure.happened_on if closure else (
            ref.happened_on if ref.no_further_action else None)
        last = closed_on or date.max

        def inside(day: date, first: date = ref.happened_on, until: date = last) -> bool:
            return first <= day <= until

        out.append(_Episode(
            referral=ref, closure=closure, closed_on=closed_on,
            events=[e for e in events if e.kind not in (K.referral, K.closure)
                    and inside(e.happened_on)],
            plans=[p for p in plans if inside(p.starts_on)]))
    return out


def _child_block(parent: ET.Element, child: Person, episodes: list[_Episode],
                 all_cpps: list[ChildStatus], start: date, end: date,
                 traces: dict[str, list[Trace]], factors_of: Callable[[int], list[str]]) -> None:
    case_id = child.case_id
    el = _sub(parent, "Child")
    ids = _sub(el, "ChildIdentifiers")
    _sub(ids, "LAchildID", str(child.id))
    if child.upn:
        _sub(ids, "UPN", child.upn)
    if child.upn_unknown:
        _sub(ids, "UPNunknown", child.upn_unknown)
    if child.date_of_birth:
        _sub(ids, "PersonBirthDate", _d(child.date_of_birth))
    elif child.expected_date:
        _sub(ids, "ExpectedPersonBirthDate", _d(child.expected_date))
    if child.sex:
        _sub(ids, "Sex", child.sex)
    if child.died_on:
        _sub(ids, "PersonDeathDate", _d(child.died_on))
    person = {"LAchildID": "id", "UPN": "upn", "UPNunknown": "upn_unknown",
              "PersonBirthDate": "date_of_birth", "ExpectedPersonBirthDate": "expected_date",
              "Sex": "sex", "GenderCurrent": "sex", "PersonDeathDate": "died_on",
              "FormerUPN": "upn", "Ethnicity": "ethnicity", "Disability": "disabilities"}
    traces["ChildIdentifiers"].append(Trace(child.id, case_id, "person", child.id, person))
    chars = _sub(el, "ChildCharacteristics")
    if child.ethnicity:
        _sub(chars, "Ethnicity", child.ethnicity)
    traces["ChildCharacteristics"].append(Trace(child.id, case_id, "person", child.id, person))
    codes = census_codes.split(child.disabilities)
    if codes:
        dis = _sub(chars, "Disabilities")
        for code in codes:
            _sub(dis, "Disability", code)
            traces["Disabilities"].append(Trace(child.id, case_id, "person", child.id, person))
    for ep in episodes:
        _episode_block(el, child, ep, all_cpps, start, end, traces, factors_of)


def _episode_block(parent: ET.Element, child: Person, ep: _Episode,
                   all_cpps: list[ChildStatus], start: date, end: date,
                   traces: dict[str, list[Trace]], factors_of: Callable[[int], list[str]]) -> None:
    case_id = child.case_id
    ref = ep.referral
    cin = _sub(parent, "CINdetails")
    _sub(cin, "CINreferralDate", _d(ref.happened_on))
    if ref.code:
        _sub(cin, "ReferralSource", ref.code)
    if ref.need_code:
        _sub(cin, "PrimaryNeedCode", ref.need_code)
    closed = ep.closed_on if ep.closed_on and ep.closed_on <= end else None
    if closed:
        _sub(cin, "CINclosureDate", _d(closed))
        _sub(cin, "ReasonForClosure", ep.closure.code if ep.closure and ep.closure.code
             else "RC8")
    s47s = [e for e in ep.events if e.kind == K.section47 and e.happened_on <= end]
    conferences = [e for e in ep.events if e.kind == K.initial_conference
                   and e.happened_on <= end]
    loose = conferences[0] if conferences and not s47s else None
    if loose:
        _sub(cin, "DateOfInitialCPC", _d(loose.happened_on))
    _sub(cin, "ReferralNFA", "true" if ref.no_further_action else "false")
    ref_fields = {"CINreferralDate": "happened_on", "ReferralSource": "code",
                  "PrimaryNeedCode": "need_code", "ReferralNFA": "no_further_action"}
    if ep.closure is not None:
        ref_fields |= {"CINclosureDate": f"event:{ep.closure.id}:happened_on",
                       "ReasonForClosure": f"event:{ep.closure.id}:code"}
    if loose:
        ref_fields["DateOfInitialCPC"] = f"event:{loose.id}:happened_on"
    traces["CINdetails"].append(Trace(child.id, case_id, "case_event", ref.id, ref_fields))

    for a in (e for e in ep.events if e.kind == K.assessment):
        done = a.completed_on if a.completed_on and a.completed_on <= end else None
        if a.happened_on > end or (done is None and a.completed_on is not None) or (
                done is not None and done < start):
            continue
        el = _sub(cin, "Assessments")
        _sub(el, "AssessmentActualStartDate", _d(a.happened_on))
        if done:
            _sub(el, "AssessmentAuthorisationDate", _d(done))
            codes = census_codes.split(a.factors) or (
                factors_of(a.mapping_id) if a.mapping_id else [])
            if codes:
                fx = _sub(el, "FactorsIdentifiedAtAssessment")
                for code in codes:
                    _sub(fx, "AssessmentFactors", code)
        traces["Assessments"].append(Trace(child.id, case_id, "case_event", a.id, {
            "AssessmentActualStartDate": "happened_on",
            "AssessmentAuthorisationDate": "completed_on", "AssessmentFactors": "factors"}))
    for p in ep.plans:
        if p.kind != ChildStatusKind.child_in_need or p.starts_on > end or (
                p.ends_on is not None and p.ends_on < start):
            continue
        el = _sub(cin, "CINPlanDates")
        _sub(el, "CINPlanStartDate", _d(p.starts_on))
        if p.ends_on and p.ends_on <= end:
            _sub(el, "CINPlanEndDate", _d(p.ends_on))
        traces["CINplanDates"].append(Trace(child.id, case_id, "child_status", p.id, {
            "CINPlanStartDate": "starts_on", "CINPlanEndDate": "ends_on"}))
    for i, s in enumerate(s47s):
        until = s47s[i + 1].happened_on if i + 1 < len(s47s) else date.max
        conf = next((c for c in conferences if s.happened_on <= c.happened_on < until), None)
        if conf is not None and conf.happened_on < start:
            continue
        el = _sub(cin, "Section47")
        _sub(el, "S47ActualStartDate", _d(s.happened_on))
        _sub(el, "InitialCPCtarget", _d(_working_days_after(s.strategy_on or s.happened_on,
                                                            15)))
        if conf is not None:
            _sub(el, "DateOfInitialCPC", _d(conf.happened_on))
        _sub(el, "ICPCnotRequired", "true" if s.no_conference else "false")
        fields = {"S47ActualStartDate": "happened_on", "InitialCPCtarget": "strategy_on",
                  "ICPCnotRequired": "no_conference"}
        if conf is not None:
            fields["DateOfInitialCPC"] = f"event:{conf.id}:happened_on"
        traces["Section47"].append(Trace(child.id, case_id, "case_event", s.id, fields))
    reviews = [e for e in ep.events if e.kind == K.cp_review]
    for p in ep.plans:
        if p.kind != ChildStatusKind.child_protection_plan or p.starts_on > end or (
                p.ends_on is not None and p.ends_on < start):
            continue
        el = _sub(cin, "ChildProtectionPlans")
        _sub(el, "CPPstartDate", _d(p.starts_on))
        if p.ends_on and p.ends_on <= end:
            _sub(el, "CPPendDate", _d(p.ends_on))
        category = CATEGORY.get(p.category) if p.category else None
        if category:
            _sub(el, "InitialCategoryOfAbuse", category)
            _sub(el, "LatestCategoryOfAbuse", category)
        _sub(el, "NumberOfPreviousCPP", str(sum(1 for o in all_cpps
                                                if o.starts_on < p.starts_on)))
        traces["ChildProtectionPlans"].append(Trace(child.id, case_id, "child_status", p.id, {
            "CPPstartDate": "starts_on", "CPPendDate": "ends_on",
            "InitialCategoryOfAbuse": "category", "LatestCategoryOfAbuse": "category",
            "NumberOfPreviousCPP": "starts_on"}))
        for r in reviews:
            if p.starts_on <= r.happened_on <= min(p.ends_on or date.max, end):
                rv = _sub(el, "Reviews")
                _sub(rv, "CPPreviewDate", _d(r.happened_on))
                traces["Reviews"].append(Trace(child.id, case_id, "case_event", r.id, {
                    "CPPreviewDate": "happened_on"}))


TABLES = ("ChildIdentifiers", "ChildCharacteristics", "Disabilities", "CINdetails",
          "Assessments", "CINplanDates", "Section47", "ChildProtectionPlans", "Reviews")


def _batches(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def build(session: Session, *, year: int, serial: int = 1,
          progress: Progress | None = None) -> Built:
    """The return for the collection ending 31 March `year`, and where each row came from."""
    start, end = period(year)
    settings = get_settings()
    root = ET.Element("Message")
    header = _sub(root, "Header")
    coll = _sub(header, "CollectionDetails")
    _sub(coll, "Collection", "CIN")
    _sub(coll, "Year", str(year))
    _sub(coll, "ReferenceDate", _d(end))
    src = _sub(header, "Source")
    _sub(src, "SourceLevel", "L")
    _sub(src, "LEA", settings.la_code)
    _sub(src, "SoftwareCode", SOFTWARE)
    _sub(src, "Release", "1")
    _sub(src, "SerialNo", str(serial))
    _sub(src, "DateTime", datetime.now(UTC).replace(microsecond=0)
         .strftime("%Y-%m-%dT%H:%M:%S"))
    children_el = _sub(root, "Children")
    traces: dict[str, list[Trace]] = {t: [] for t in TABLES}
    # Children with a referral on or before the reference date; their episodes decide.
    child_ids = sorted(set(session.scalars(
        select(CaseEvent.child_id).where(CaseEvent.kind == K.referral,
                                         CaseEvent.withdrawn.is_(False),
                                         CaseEvent.happened_on <= end))))
    factor_cache: dict[int, list[str]] = {}

    def factors_of(mapping_id: int) -> list[str]:
        if mapping_id not in factor_cache:
            factor_cache[mapping_id] = event_service.mapping_factors(session, mapping_id)
        return factor_cache[mapping_id]

    count = 0
    done = 0
    for batch in _batches(child_ids):
        children = {p.id: p for p in session.scalars(
            select(Person).where(Person.id.in_(batch), Person.kind == PersonKind.child))}
        events: dict[int, list[CaseEvent]] = {}
        for e in session.scalars(select(CaseEvent).where(
                CaseEvent.child_id.in_(batch), CaseEvent.withdrawn.is_(False))
                .order_by(CaseEvent.happened_on, CaseEvent.id)):
            events.setdefault(e.child_id, []).append(e)
        plans: dict[int, list[ChildStatus]] = {}
        for p in session.scalars(select(ChildStatus).where(ChildStatus.child_id.in_(batch))
                                 .order_by(ChildStatus.starts_on, ChildStatus.id)):
            plans.setdefault(p.child_id, []).append(p)
        for child_id in batch:
            child = children.get(child_id)
            if child is None:
                continue
            own_plans = plans.get(child_id, [])
            episodes = [ep for ep in _episodes(events.get(child_id, []), own_plans)
                        if ep.referral.happened_on <= end
                        and (ep.closed_on is None or ep.closed_on >= start)]
            if not episodes:
                continue
            cpps = [p for p in own_plans if p.kind == ChildStatusKind.child_protection_plan]
            _child_block(children_el, child, episodes, cpps, start, end, traces, factors_of)
            count += 1
        done += len(batch)
        if progress:
            progress(int(40 * done / max(len(child_ids), 1)),
                     f"Gathered {done:,} of {len(child_ids):,} children from the record")
    ET.indent(root)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Built(xml=xml, children=count, traces=traces,
                 unreferred=_unreferred(session, set(child_ids), start, end))


def _unreferred(session: Session, referred: set[int], start: date,
                end: date) -> list[tuple[int, int, int]]:
    """(case, child, plan) for each child with a plan open in the year and no referral."""
    out: dict[int, tuple[int, int, int]] = {}
    for plan in session.scalars(select(ChildStatus).where(
            ChildStatus.starts_on <= end,
            (ChildStatus.ends_on.is_(None)) | (ChildStatus.ends_on >= start))
            .order_by(ChildStatus.id)):
        if plan.child_id not in referred and plan.kind != ChildStatusKind.looked_after:
            out.setdefault(plan.child_id, (plan.case_id, plan.child_id, plan.id))
    return list(out.values())
