from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, Versioned, db_enum
from app.models.enums import (
    MappingKind,
    MappingStatus,
)


class Mapping(Versioned, Base):
    """A dated Signs of Safety mapping of a case: a draft, then shared with the family (status
    "agreed", whatever each family member's position on it: see FamilyPosition), then signed
    off by the team manager, who may sign off a draft too: the agency's judgement stands when
    the family disagrees. Once shared its items no longer change; a review starts a new one."""

    __tablename__ = "mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    kind: Mapped[MappingKind] = mapped_column(db_enum(MappingKind))
    held_on: Mapped[date]
    title: Mapped[str | None] = mapped_column(String(200))
    #: When the family and the worker will meet again (told to the family in their copy).
    next_meeting_on: Mapped[date | None]
    status: Mapped[MappingStatus] = mapped_column(
        db_enum(MappingStatus), default=MappingStatus.draft
    )
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("mapping.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    agreed_at: Mapped[datetime | None]
    agreed_note: Mapped[str | None] = mapped_column(Text)
    signed_off_at: Mapped[datetime | None]
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    signed_off_note: Mapped[str | None] = mapped_column(Text)

    participants: Mapped[list["MappingParticipant"]] = relationship(
        lazy="raise", order_by="MappingParticipant.id", cascade="all"
    )


class MappingParticipant(Timestamped, Base):
    """Someone who took part: a person on the case, or a professional by name."""

    __tablename__ = "mapping_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(120))
