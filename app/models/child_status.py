from datetime import date

from sqlalchemy import Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned
from app.models.enums import AbuseCategory, ChildStatusKind


class ChildStatus(Versioned, Base):
    """What applies to one child for a span of dates: a child in need plan, a child protection
    plan (with its category), being looked after. Each child of a case has their own; they
    are ended, never deleted. The statutory return (issue #15) is drawn from them."""

    __tablename__ = "child_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[ChildStatusKind] = mapped_column(
        Enum(ChildStatusKind, native_enum=False, length=24))
    category: Mapped[AbuseCategory | None] = mapped_column(
        Enum(AbuseCategory, native_enum=False, length=12))
    starts_on: Mapped[date]
    #: The last day (inclusive); none while it still applies.
    ends_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_name: Mapped[str] = mapped_column(String(200))
