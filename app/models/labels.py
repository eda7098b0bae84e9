"""How a team's (or the service's) mapping is set up: local names for its columns and
categories, and which categories each kind of mapping is expected to have."""

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
    #: Kind of mapping -> the categories an empty one of which is a quality signal; a kind
    #: not here follows the service's setting, then the built-in one (enums.EXPECTED).
    expected: Mapped[dict[str, list[str]] | None] = mapped_column(JSON)
