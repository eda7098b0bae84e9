"""The child's voice: a session with one child using one tool (My Three Houses or the
Safety House), the child's words in each part kept verbatim, their own safety scale (the
Safety House), and their say on who may see each part."""

from datetime import date

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned, db_enum
from app.models.enums import VoicePart, VoiceTool


class VoiceSession(Versioned, Base):
    """One session with one child with one tool. What the child said is kept verbatim in its
    entries; the child's say on who may see each part is kept here, with who asked and when.
    Removed, never deleted."""

    __tablename__ = "voice_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    tool: Mapped[VoiceTool] = mapped_column(db_enum(VoiceTool, 16))
    held_on: Mapped[date]
    place: Mapped[str | None] = mapped_column(String(200))
    #: Who else was there (a parent, a teacher, nobody).
    present: Mapped[str | None] = mapped_column(String(400))
    interviewer_name: Mapped[str] = mapped_column(String(200))
    #: The child's age in whole years on the day, from their date of birth when it is known.
    child_age: Mapped[int | None] = mapped_column(Integer)
    #: The Safety House: where the child put themselves on the path, 0 (not safe at all) to
    #: 10 (completely safe), and what they said about it.
    scale: Mapped[int | None] = mapped_column(Integer)
    scale_words: Mapped[str | None] = mapped_column(Text)
    #: part -> the audiences the child agreed may see it ([] = nobody yet). The scale goes
    #: with the "inside" part of the Safety House.
    sharing: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    sharing_asked_by: Mapped[str | None] = mapped_column(String(200))
    sharing_asked_on: Mapped[date | None]
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    removed: Mapped[bool] = mapped_column(default=False)


class VoiceEntry(Versioned, Base):
    """One thing the child said, in one part, exactly as they said it (never "corrected").
    Where a worker placed it in a mapping, that mapping item names this entry as its source
    (MappingItem.voice_entry_id)."""

    __tablename__ = "voice_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("voice_session.id"), index=True)
    part: Mapped[VoicePart] = mapped_column(db_enum(VoicePart, 12))
    words: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[bool] = mapped_column(default=False)
