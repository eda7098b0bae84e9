"""My Three Houses: a child's worries, good things and dreams in their own words, recorded
as a dated session with the child, with their say on who may see each house."""

from datetime import date

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Versioned, db_enum
from app.models.enums import House


class ThreeHouses(Versioned, Base):
    """One session with one child. What the child said is kept verbatim in its entries; the
    child's say on who may see each house is kept here, with who asked and when. Removed,
    never deleted."""

    __tablename__ = "three_houses"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    held_on: Mapped[date]
    place: Mapped[str | None] = mapped_column(String(200))
    #: Who else was there (a parent, a teacher, nobody).
    present: Mapped[str | None] = mapped_column(String(400))
    interviewer_name: Mapped[str] = mapped_column(String(200))
    #: The child's age in whole years on the day, from their date of birth when it is known.
    child_age: Mapped[int | None] = mapped_column(Integer)
    #: house -> the audiences the child agreed may see it ([] = nobody yet).
    sharing: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    sharing_asked_by: Mapped[str | None] = mapped_column(String(200))
    sharing_asked_on: Mapped[date | None]
    recorded_by_name: Mapped[str] = mapped_column(String(200))
    removed: Mapped[bool] = mapped_column(default=False)

    entries: Mapped[list["ThreeHousesEntry"]] = relationship(
        order_by="(ThreeHousesEntry.house, ThreeHousesEntry.position, ThreeHousesEntry.id)",
        viewonly=True)


class ThreeHousesEntry(Versioned, Base):
    """One thing the child said, in one house, exactly as they said it (never "corrected").
    Where a worker placed it in a mapping, that mapping item names this entry as its source
    (MappingItem.voice_entry_id)."""

    __tablename__ = "three_houses_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    three_houses_id: Mapped[int] = mapped_column(ForeignKey("three_houses.id"), index=True)
    house: Mapped[House] = mapped_column(db_enum(House, 12))
    words: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[bool] = mapped_column(default=False)
