"""Items in a mapping's categories, and the children each one concerns."""

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Versioned, db_enum
from app.models.enums import Category, FamilyView, Severity, SourceKind


class MappingItem(Versioned, Base):
    """One entry in one category. Category-specific fields are empty for other categories.
    Items are never deleted: removing one marks it removed, so the history keeps it."""

    __tablename__ = "mapping_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"), index=True)
    category: Mapped[Category] = mapped_column(db_enum(Category))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    # Who said or saw it.
    source_kind: Mapped[SourceKind | None] = mapped_column(db_enum(SourceKind, 16))
    source_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    source_name: Mapped[str | None] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_on: Mapped[date]
    removed: Mapped[bool] = mapped_column(default=False)
    # The same item across mappings: the id of the item it was first carried from.
    lineage_id: Mapped[int | None] = mapped_column(Integer, index=True)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("mapping_item.id"))
    #: Placed from what a child said with a child's-voice tool: that entry (kept when carried
    #: forward, so a review still shows whose words these are). Not a foreign key, so that
    #: the column could be added to a table others refer to on SQLite; entries are never
    #: deleted, and the service sets it only from an entry of the same case.
    voice_entry_id: Mapped[int | None] = mapped_column(Integer, index=True)

    # Harm analysis.
    harm_adult_action: Mapped[str | None] = mapped_column(Text)
    harm_impact: Mapped[str | None] = mapped_column(Text)
    harm_severity: Mapped[Severity | None] = mapped_column(db_enum(Severity, 12))
    harm_pattern: Mapped[str | None] = mapped_column(Text)
    harm_when: Mapped[str | None] = mapped_column(String(200))
    #: Harm and danger statements: the census factors this item is evidence of ("3B 16A"); the
    #: assessment's "factors identified" in the statutory return are drawn from them.
    census_factors: Mapped[str | None] = mapped_column(String(200))
    # Danger statement.
    ds_who_worried: Mapped[str | None] = mapped_column(Text)
    ds_behaviour: Mapped[str | None] = mapped_column(Text)
    ds_impact: Mapped[str | None] = mapped_column(Text)
    family_view: Mapped[FamilyView | None] = mapped_column(db_enum(FamilyView, 16))
    family_view_words: Mapped[str | None] = mapped_column(Text)
    # Safety goal, paired with one danger statement.
    sg_carers_doing: Mapped[str | None] = mapped_column(Text)
    sg_child_experience: Mapped[str | None] = mapped_column(Text)
    sg_professionals_see: Mapped[str | None] = mapped_column(Text)
    sg_duration: Mapped[str | None] = mapped_column(String(200))
    pairs_with_id: Mapped[int | None] = mapped_column(
        ForeignKey("mapping_item.id"), unique=True
    )
    sg_sustain_weeks: Mapped[int | None] = mapped_column(Integer)
    # Existing safety: since when it has been seen, and until when (empty: still going on).
    es_from: Mapped[date | None]
    es_to: Mapped[date | None]
    # Next step.
    ns_who: Mapped[str | None] = mapped_column(String(200))
    ns_by_when: Mapped[date | None]
    ns_done: Mapped[bool] = mapped_column(default=False)

    children: Mapped[list["ItemChild"]] = relationship(lazy="raise", cascade="all")
    links: Mapped[list["ItemLink"]] = relationship(
        lazy="raise", cascade="all", foreign_keys="ItemLink.item_id"
    )


class ItemChild(Base):
    """Which children an item concerns."""

    __tablename__ = "mapping_item_child"
    __table_args__ = (UniqueConstraint("item_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("mapping_item.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"))


class ItemLink(Base):
    """What an item answers in another category of the same mapping: the danger statements a
    harm grounds, the safety goals a next step or some existing safety serves (LINKS)."""

    __tablename__ = "mapping_item_link"
    __table_args__ = (UniqueConstraint("item_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("mapping_item.id"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("mapping_item.id"), index=True)
