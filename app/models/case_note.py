"""Case notes and visits: the everyday record of contact with the family."""

from datetime import date, time

from sqlalchemy import ForeignKey, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Versioned, db_enum
from app.models.enums import NoteKind


class CaseNote(Versioned, Base):
    """A visit, phone call, meeting or other contact, written up. Never deleted; every change
    is audited with its before and after, which is the note's history."""

    __tablename__ = "case_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    kind: Mapped[NoteKind] = mapped_column(db_enum(NoteKind, 16))
    occurred_on: Mapped[date] = mapped_column(index=True)
    occurred_time: Mapped[time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    # Where it happened and who else was there (visits and meetings).
    location: Mapped[str | None] = mapped_column(String(200))
    others_present: Mapped[str | None] = mapped_column(Text)
    #: A significant event goes into the children's chronologies (visits always do).
    significant: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    author_name: Mapped[str] = mapped_column(String(200))

    children: Mapped[list["NoteChild"]] = relationship(
        lazy="raise", order_by="NoteChild.id", cascade="all, delete-orphan"
    )
    items: Mapped[list["NoteItem"]] = relationship(
        lazy="raise", order_by="NoteItem.id", cascade="all, delete-orphan"
    )


class NoteChild(Base):
    """A child the note is about; for a visit, whether they were seen, and seen alone.
    A note naming no child is about the whole family."""

    __tablename__ = "case_note_child"
    __table_args__ = (UniqueConstraint("note_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("case_note.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    seen: Mapped[bool] = mapped_column(default=False)
    seen_alone: Mapped[bool] = mapped_column(default=False)


class NoteItem(Base):
    """What this contact told us: a mapping item the note is evidence for."""

    __tablename__ = "case_note_item"
    __table_args__ = (UniqueConstraint("note_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("case_note.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("mapping_item.id"), index=True)
