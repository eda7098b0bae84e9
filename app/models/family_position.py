"""Where each family member stands on a mapping."""

from datetime import date

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned, db_enum
from app.models.enums import FamilyView


class FamilyPosition(Versioned, Base):
    """One person's position on a mapping shared with them: agrees, partly agrees or disagrees,
    in their own words. Recorded by name, so a father's disagreement is his, not "the
    family's"; it never blocks the team manager's sign-off."""

    __tablename__ = "family_position"
    __table_args__ = (UniqueConstraint("mapping_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    position: Mapped[FamilyView] = mapped_column(db_enum(FamilyView, 16))
    words: Mapped[str | None] = mapped_column(Text)
    recorded_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
