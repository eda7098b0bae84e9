from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class Translation(Versioned, Base):
    """A translator's words for one of the team's entries, in one language, for the family's
    documents. `source_sha256` is the English it was made from: when the entry changes, the
    translation no longer matches and the document goes back to the English (and says so)."""

    __tablename__ = "translation"
    __table_args__ = (UniqueConstraint("entity_type", "entity_id", "field", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(35))
    source_sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    translator_name: Mapped[str] = mapped_column(String(200))
    recorded_by_name: Mapped[str] = mapped_column(String(200))
