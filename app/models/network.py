"""The family's safety network: the people who know the worries and help keep the children
safe (relatives, friends, neighbours, professionals), and the meetings where they plan it."""

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned, db_enum
from app.models.enums import NetworkAgreement, Strength


class NetworkMember(Versioned, Base):
    """One member: a person on the case, or someone added only as a network member with their
    contact details. Told about the worries on a date, with what they were shown; whether they
    agreed to help and what they commit to. Removed, never deleted."""

    __tablename__ = "network_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    #: For someone who is not a person on the case (for a person, their name is the person's).
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    #: Who they are to the family and their part in the network ("Gran; has the children
    #: after school").
    role: Mapped[str] = mapped_column(String(200))
    told_on: Mapped[date | None]
    #: What they were shown or told (the danger statements, the Words and Pictures…).
    told_what: Mapped[str | None] = mapped_column(Text)
    agreement: Mapped[NetworkAgreement] = mapped_column(db_enum(NetworkAgreement, 12),
                                                        default=NetworkAgreement.not_yet)
    commitments: Mapped[str | None] = mapped_column(Text)
    #: How the connection feels to the children (the ecomap's line).
    strength: Mapped[Strength | None] = mapped_column(db_enum(Strength, 12))
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    removed: Mapped[bool] = mapped_column(default=False)


class NetworkMeeting(Versioned, Base):
    """A meeting of the safety network: who came, what was agreed, when they meet next; the
    mapping's next step that asked for it, where there was one."""

    __tablename__ = "network_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    held_on: Mapped[date]
    #: Others who came, not members (a professional, the worker).
    others: Mapped[str | None] = mapped_column(Text)
    agreed: Mapped[str] = mapped_column(Text)
    next_meeting_on: Mapped[date | None]
    next_step_id: Mapped[int | None] = mapped_column(ForeignKey("mapping_item.id"))
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    removed: Mapped[bool] = mapped_column(default=False)


class NetworkAttendance(Base):
    """Which members came to a meeting."""

    __tablename__ = "network_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("network_meeting.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("network_member.id"), index=True)
