"""Demo data: what the Children in Need census needs about the Harper children (sex,
disability, pupil number), their journey (the referral from school, Mia's assessment from the
signed-off assessment mapping, child in need plans), so that 'make run' shows a statutory
record, a proposal from the record (Leo's assessment) and a census return to run."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.models.case import Case
from app.models.enums import CaseEventKind, ChildStatusKind, MappingKind
from app.models.mapping import Mapping
from app.models.person import Person
from app.models.user import User
from app.schemas.case_event import CaseEventIn
from app.schemas.child_status import ChildStatusIn
from app.schemas.person import PersonUpdate
from app.seed_mappings import ago
from app.services import case_event, census_codes, child_status
from app.services import person as person_service
from app.services.audit import Actor


def harper_statutory_record(session: Session, case: Case, mia: Person, leo: Person,
                            worker: User) -> None:
    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    upn = census_codes.with_check_letter(f"{get_settings().la_code}123456789")
    person_service.update(session, case=case, person=mia, data=PersonUpdate(
        sex="F", disabilities="NONE", upn=upn), expected_version=None, actor=sam)
    person_service.update(session, case=case, person=leo, data=PersonUpdate(
        sex="M", disabilities="NONE", upn_unknown="UN1"), expected_version=None, actor=sam)
    first = session.scalar(select(Mapping).where(
        Mapping.case_id == case.id, Mapping.kind == MappingKind.initial_assessment)
        .order_by(Mapping.id))
    assert first is not None and first.signed_off_at is not None
    signed = first.signed_off_at.date()
    for child in (mia, leo):
        case_event.add(session, case=case, child=child, data=CaseEventIn(
            kind=CaseEventKind.referral, happened_on=ago(62), code="2A", need_code="N1",
            note="Mia told her class teacher she was scared at home"), actor=sam)
        child_status.add(session, case=case, child=child, data=ChildStatusIn(
            kind=ChildStatusKind.child_in_need, starts_on=signed + timedelta(days=1)),
            actor=sam)
    # Mia's assessment is recorded from the mapping; Leo's is left for the record to propose.
    case_event.add(session, case=case, child=mia, data=CaseEventIn(
        kind=CaseEventKind.assessment, happened_on=first.held_on, completed_on=signed,
        mapping_id=first.id), actor=sam)
