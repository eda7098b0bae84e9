from datetime import date, datetime

from sqlalchemy import JSON, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, Versioned
from app.models.enums import (
    Category,
    FamilyView,
    MappingKind,
    MappingStatus,
    RaterKind,
    Severity,
    SourceKind,
)


def _enum(e: type, length: int = 24) -> Enum:
    return Enum(e, native_enum=False, length=length)


class Mapping(Versioned, Base):
    """A dated Signs of Safety mapping of a case: draft, then agreed with the family, then
    signed off by the supervisor. Once agreed it no longer changes; a review starts a new one."""

    __tablename__ = "mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    kind: Mapped[MappingKind] = mapped_column(_enum(MappingKind))
    held_on: Mapped[date]
    title: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[MappingStatus] = mapped_column(_enum(MappingStatus), default=MappingStatus.draft)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("mapping.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    agreed_at: Mapped[datetime | None]
    agreed_note: Mapped[str | None] = mapped_column(Text)
    signed_off_at: Mapped[datetime | None]
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    participants: Mapped[list["MappingParticipant"]] = relationship(
        lazy="raise", order_by="MappingParticipant.id", cascade="all"
    )


class MappingParticipant(Timestamped, Base):
    """Someone who took part: a person on the case, or a professional by name."""

    __tablename__ = "mapping_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(120))


class MappingItem(Versioned, Base):
    """One entry in one category. Category-specific fields are empty for other categories.
    Items are never deleted: removing one marks it removed, so the history keeps it."""

    __tablename__ = "mapping_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"), index=True)
    category: Mapped[Category] = mapped_column(_enum(Category))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    # Who said or saw it.
    source_kind: Mapped[SourceKind | None] = mapped_column(_enum(SourceKind, 16))
    source_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    source_name: Mapped[str | None] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_on: Mapped[date]
    removed: Mapped[bool] = mapped_column(default=False)
    # The same item across mappings: the id of the item it was first carried from.
    lineage_id: Mapped[int | None] = mapped_column(Integer, index=True)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("mapping_item.id"))

    # Harm analysis.
    harm_adult_action: Mapped[str | None] = mapped_column(Text)
    harm_impact: Mapped[str | None] = mapped_column(Text)
    harm_severity: Mapped[Severity | None] = mapped_column(_enum(Severity, 12))
    harm_pattern: Mapped[str | None] = mapped_column(Text)
    harm_when: Mapped[str | None] = mapped_column(String(200))
    # Danger statement.
    ds_who_worried: Mapped[str | None] = mapped_column(Text)
    ds_behaviour: Mapped[str | None] = mapped_column(Text)
    ds_impact: Mapped[str | None] = mapped_column(Text)
    family_view: Mapped[FamilyView | None] = mapped_column(_enum(FamilyView, 16))
    family_view_words: Mapped[str | None] = mapped_column(Text)
    # Safety goal, paired with one danger statement.
    sg_carers_doing: Mapped[str | None] = mapped_column(Text)
    sg_child_experience: Mapped[str | None] = mapped_column(Text)
    sg_professionals_see: Mapped[str | None] = mapped_column(Text)
    sg_duration: Mapped[str | None] = mapped_column(String(200))
    pairs_with_id: Mapped[int | None] = mapped_column(
        ForeignKey("mapping_item.id"), unique=True
    )
    # Next step.
    ns_who: Mapped[str | None] = mapped_column(String(200))
    ns_by_when: Mapped[date | None]
    ns_done: Mapped[bool] = mapped_column(default=False)

    children: Mapped[list["ItemChild"]] = relationship(lazy="raise", cascade="all")


class ItemChild(Base):
    """Which children an item concerns."""

    __tablename__ = "mapping_item_child"
    __table_args__ = (UniqueConstraint("item_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("mapping_item.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"))


class Rating(Versioned, Base):
    """A 0–10 safety-scale judgement by one named rater, for one danger statement / safety goal
    pair (identified by the danger statement), or overall when danger_id is empty."""

    __tablename__ = "rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"), index=True)
    danger_id: Mapped[int | None] = mapped_column(ForeignKey("mapping_item.id"), index=True)
    rater_kind: Mapped[RaterKind] = mapped_column(_enum(RaterKind, 16))
    rater_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    rater_name: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    rated_on: Mapped[date]
    removed: Mapped[bool] = mapped_column(default=False)


class LabelSet(Versioned, Base):
    """Local names for the columns and categories (e.g. Signs of Wellbeing's "worry
    statements"). One row for the whole service (team_id empty) and at most one per team."""

    __tablename__ = "label_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), unique=True)
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
