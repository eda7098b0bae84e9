"""Safety-scale scores in a mapping."""

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned, db_enum
from app.models.enums import RaterKind


class Rating(Versioned, Base):
    """A 0–10 safety-scale judgement by one rater, for one danger statement / safety goal
    pair (identified by the danger statement), or overall when danger_id is empty."""

    __tablename__ = "rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"), index=True)
    danger_id: Mapped[int | None] = mapped_column(ForeignKey("mapping_item.id"), index=True)
    rater_kind: Mapped[RaterKind] = mapped_column(db_enum(RaterKind, 16))
    #: Who gave it: a person on the case, a user (the worker, the team manager), or, for a
    #: professional not on the case, only a name. The name is kept as it was at the time.
    rater_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    rater_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: A member of the safety network who is not a person on the case.
    rater_member_id: Mapped[int | None] = mapped_column(Integer, index=True)
    rater_name: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    rated_on: Mapped[date]
    removed: Mapped[bool] = mapped_column(default=False)
