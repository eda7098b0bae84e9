"""The dated events of each child's journey that the statutory return needs: the referral, the
assessment, the child protection enquiry (section 47), the first child protection conference,
the reviews of a child protection plan, and the closure. Child in need plans and child
protection plans themselves are `child_status` rows. Each event links to the part of the Signs
of Safety record it came from; events are withdrawn, never deleted."""

from datetime import date

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned
from app.models.enums import CaseEventKind


class CaseEvent(Versioned, Base):
    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[CaseEventKind] = mapped_column(Enum(CaseEventKind, native_enum=False,
                                                     length=20))
    #: The day it happened: the referral, the start of the assessment or the enquiry, the
    #: conference, the review, the closure.
    happened_on: Mapped[date]
    #: Assessment: the day the manager authorised it (signed off the assessment mapping).
    completed_on: Mapped[date | None]
    #: Section 47: the day of the strategy discussion.
    strategy_on: Mapped[date | None]
    #: Referral: where it came from; closure: the reason. Census codes (app/data/cin).
    code: Mapped[str | None] = mapped_column(String(8))
    #: Referral: the primary need code.
    need_code: Mapped[str | None] = mapped_column(String(4))
    #: Referral: closed with no further action.
    no_further_action: Mapped[bool] = mapped_column(default=False)
    #: Section 47: the enquiry ended without a conference being needed.
    no_conference: Mapped[bool] = mapped_column(default=False)
    #: Assessment: factors identified at its end, census codes separated by spaces.
    factors: Mapped[str | None] = mapped_column(String(200))
    #: The mapping the event came from (the assessment mapping, the conference's mapping).
    mapping_id: Mapped[int | None] = mapped_column(ForeignKey("mapping.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    withdrawn: Mapped[bool] = mapped_column(default=False)
    recorded_by_name: Mapped[str] = mapped_column(String(200))
