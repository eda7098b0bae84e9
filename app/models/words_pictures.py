"""Words and Pictures: the explanation, in words and pictures written to the children, of what
happened and what everyone is worried about, as a storyboard of ordered panels. Each version
is kept; who explained it to which child, when and how is recorded against the version."""

from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamped, Versioned


class Storyboard(Versioned, Base):
    __tablename__ = "storyboard"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    #: 1 for the first version; each new version the next.
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("storyboard.id"))
    #: Set for the children's version of a safety plan (the same storyboard, its panels the
    #: plan's rules); empty for the Words and Pictures explanation.
    safety_plan_id: Mapped[int | None] = mapped_column(ForeignKey("safety_plan.id"))
    #: A later version replaced it; it stays readable, unchanged.
    replaced: Mapped[bool] = mapped_column(default=False)
    created_by_name: Mapped[str] = mapped_column(String(200))


class Panel(Versioned, Base):
    """One panel: words written to the child, and a picture: drawn in the browser or a photo
    of the hand-drawn page (decoded and written again by the server, as the child's-voice
    pictures are), or one of the child's own pictures reused."""

    __tablename__ = "storyboard_panel"

    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(ForeignKey("storyboard.id"), index=True)
    position: Mapped[int]
    words: Mapped[str] = mapped_column(Text)
    #: A child's picture from My Three Houses or the Safety House, reused.
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("picture.id"))
    #: Or its own: "upload" or "drawing" (None: no picture of its own).
    source: Mapped[str | None] = mapped_column(String(12))
    media_type: Mapped[str | None] = mapped_column(String(40))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    strokes: Mapped[list[Any] | None] = mapped_column(JSON, deferred=True)
    removed: Mapped[bool] = mapped_column(default=False)


class Explanation(Timestamped, Base):
    """The storyboard (this version) was explained to a child: when, by whom, and how."""

    __tablename__ = "storyboard_explanation"

    id: Mapped[int] = mapped_column(primary_key=True)
    storyboard_id: Mapped[int] = mapped_column(ForeignKey("storyboard.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    explained_on: Mapped[date]
    by_name: Mapped[str] = mapped_column(String(200))
    how: Mapped[str | None] = mapped_column(Text)
    recorded_by_name: Mapped[str] = mapped_column(String(200))
