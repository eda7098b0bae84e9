from datetime import date

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, Versioned, name_search_index
from app.models.enums import AdultRole, Gender, PersonKind


class Person(Versioned, Base):
    """Someone on a case: a child, or an adult connected to the children."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    kind: Mapped[PersonKind] = mapped_column(Enum(PersonKind, native_enum=False, length=10))
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120))
    # Children: a date of birth, or for an unborn child the expected date.
    date_of_birth: Mapped[date | None]
    expected_date: Mapped[date | None]
    gender: Mapped[Gender | None] = mapped_column(Enum(Gender, native_enum=False, length=12))
    ethnicity: Mapped[str | None] = mapped_column(String(8))
    disability: Mapped[str | None] = mapped_column(String(200))
    upn: Mapped[str | None] = mapped_column(String(13))
    #: Why there is no unique pupil number (census code UN1-UN7).
    upn_unknown: Mapped[str | None] = mapped_column(String(4))
    #: Sex as the Children in Need census asks it: M, F or U (not known).
    sex: Mapped[str | None] = mapped_column(String(1))
    #: Census disability codes separated by spaces ("NONE", or e.g. "LD AUT"); `disability`
    #: keeps the family's own words.
    disabilities: Mapped[str | None] = mapped_column(String(80))
    #: The language they prefer for what we write to them (services/language.PREFERRED).
    language: Mapped[str | None] = mapped_column(String(35))
    # Adults and others.
    role: Mapped[AdultRole | None] = mapped_column(Enum(AdultRole, native_enum=False, length=16))
    organisation: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(Text)
    deceased: Mapped[bool] = mapped_column(default=False)
    died_on: Mapped[date | None]
    # People leave a case's record of who is involved; they are never deleted from it.
    archived: Mapped[bool] = mapped_column(default=False)

    relationships: Mapped[list["PersonRelationship"]] = relationship(
        lazy="raise",
        foreign_keys="PersonRelationship.adult_id",
        back_populates="adult",
        order_by="PersonRelationship.id",
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


# Case search (services/case.py) matches parts of these.
name_search_index("ix_person_family_name_search", Person.family_name)
name_search_index("ix_person_given_name_search", Person.given_name)


class PersonRelationship(Timestamped, Base):
    """How an adult is related to one child ("mother", "maternal grandmother", "teacher")."""

    __tablename__ = "person_relationship"
    __table_args__ = (UniqueConstraint("adult_id", "child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    adult_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    relation: Mapped[str] = mapped_column(String(80))

    adult: Mapped[Person] = relationship(
        lazy="raise", foreign_keys=[adult_id], back_populates="relationships"
    )
    child: Mapped[Person] = relationship(lazy="raise", foreign_keys=[child_id])
