from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamped


class SupervisionNote(Timestamped, Base):
    """What the team manager wrote after supervising a case. Notes are added, never
    rewritten, so two managers writing at once cannot overwrite each other."""

    __tablename__ = "supervision_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    mapping_id: Mapped[int | None] = mapped_column(ForeignKey("mapping.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
