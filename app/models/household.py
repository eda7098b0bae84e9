"""Who lives where, and when: each person's stays in a household of the family."""

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class HouseholdMember(Versioned, Base):
    """One person living in one household (named by the family: "Mum's flat", "Gran's") from a
    day, until a day or still. A household is the stays that share its name on the case."""

    __tablename__ = "household_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    household: Mapped[str] = mapped_column(String(120))
    moved_in: Mapped[date | None]
    moved_out: Mapped[date | None]
    removed: Mapped[bool] = mapped_column(default=False)
