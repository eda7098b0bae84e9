from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamped


class IssuedDocument(Timestamped, Base):
    """A document as it was handed to someone: the exact bytes, their SHA-256, and which
    version of which mapping they were made from. Never updated after it is written."""

    __tablename__ = "issued_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: None for a council-wide document (a census return).
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_record.id"), index=True)
    mapping_id: Mapped[int | None] = mapped_column(ForeignKey("mapping.id"), index=True)
    mapping_version: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(80), default="application/pdf")
    issued_to: Mapped[str] = mapped_column(String(200))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    issued_by_name: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime]
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    #: For a family document: how many plain-words findings were left when it was issued,
    #: and the worker's reason for issuing it so (None when there were none).
    readability_findings: Mapped[int | None] = mapped_column(Integer)
    readability_reason: Mapped[str | None] = mapped_column(Text)
    #: The language it was written in (the fixed words; see services/language.py). None for
    #: documents issued before it was kept.
    language: Mapped[str | None] = mapped_column(String(35))
