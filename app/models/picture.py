"""Pictures for the child's-voice tools: a photo or scan of a child's drawing, or a drawing
made in the browser, kept as the server wrote it."""

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned, db_enum
from app.models.enums import VoicePart


class Picture(Versioned, Base):
    """A picture as the server wrote it: an upload decoded and encoded again without its
    metadata, or a drawing rendered from the strokes the browser sent (the strokes are kept,
    never any SVG or HTML from the client). The bytes live in the database, so every replica
    and every backup has them. The child's say on who may see it is kept with it."""

    __tablename__ = "picture"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("voice_session.id"), index=True)
    part: Mapped[VoicePart | None] = mapped_column(db_enum(VoicePart, 12))
    caption: Mapped[str | None] = mapped_column(String(200))
    #: "upload" or "drawing".
    source: Mapped[str] = mapped_column(String(12))
    media_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    #: For a drawing: [{"colour": "#0b0c0c", "points": [[x, y], ...]}, ...] on a 0..1000 grid.
    strokes: Mapped[list[dict[str, object]] | None] = mapped_column(JSON, deferred=True)
    #: The audiences the child agreed may see it ([] = nobody yet).
    sharing: Mapped[list[str]] = mapped_column(JSON, default=list)
    sharing_asked_by: Mapped[str | None] = mapped_column(String(200))
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    removed: Mapped[bool] = mapped_column(default=False)
