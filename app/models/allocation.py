from datetime import date

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Versioned
from app.models.enums import AllocationKind
from app.models.user import User


class CaseAllocation(Versioned, Base):
    """A colleague working on a case beside the allocated social worker: a co-worker, or cover
    (during leave) for a date range. While it runs they read and change the case as the
    allocated worker does. Ended, never deleted."""

    __tablename__ = "case_allocation"
    __table_args__ = (Index("ix_case_allocation_user_case", "user_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[AllocationKind] = mapped_column(
        Enum(AllocationKind, native_enum=False, length=12))
    starts_on: Mapped[date]
    #: The last day (inclusive); none for a co-worker until they come off the case.
    ends_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)
    added_by_name: Mapped[str] = mapped_column(String(200))

    user: Mapped[User] = relationship(lazy="raise")
