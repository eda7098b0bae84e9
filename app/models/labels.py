"""Local names for the mapping's columns and categories."""

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class LabelSet(Versioned, Base):
    """Local names for the columns and categories (e.g. Signs of Wellbeing's "worry
    statements"). One row for the whole service (team_id empty) and at most one per team."""

    __tablename__ = "label_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), unique=True)
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
