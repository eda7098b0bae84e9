"""Files received from others (agency reports, letters, photos), kept with the case."""

from datetime import date

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamped


class Attachment(Timestamped, Base):
    """A file as it was checked and kept: pictures re-encoded without their metadata, other
    files exactly as received. The bytes live in the database, so every app replica and every
    backup has them. Never changed after it is written."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    note_id: Mapped[int | None] = mapped_column(ForeignKey("case_note.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    sender: Mapped[str | None] = mapped_column(String(200))
    received_on: Mapped[date]
    description: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_by_name: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
