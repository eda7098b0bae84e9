from datetime import date

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, Versioned, name_search_index
from app.models.enums import CaseStatus
from app.models.team import Team
from app.models.user import User


class Case(Versioned, Base):
    """A family's case. Never deleted: it is closed, and can be reopened."""

    __tablename__ = "case_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    family_name: Mapped[str] = mapped_column(String(120), index=True)
    status: Mapped[CaseStatus] = mapped_column(
        Enum(CaseStatus, native_enum=False, length=10), default=CaseStatus.open, index=True
    )
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    closure_reason: Mapped[str | None] = mapped_column(Text)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    #: A restricted case (e.g. a staff member's own family) is visible only to named users.
    restricted: Mapped[bool] = mapped_column(default=False)
    #: The family agreed that their family tree (the genogram) may go in their documents.
    genogram_shared: Mapped[bool] = mapped_column(default=False)

    team: Mapped[Team] = relationship(lazy="raise")
    worker: Mapped[User | None] = relationship(lazy="raise")


# Case search (services/case.py) matches parts of these.
name_search_index("ix_case_record_family_name_search", Case.family_name)
name_search_index("ix_case_record_reference_search", Case.reference)


class CaseAccess(Timestamped, Base):
    """A user named as allowed to see a restricted case."""

    __tablename__ = "case_access"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
