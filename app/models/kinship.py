"""How the people on a case are related to each other: parents, step-parents, partners and
ex-partners, siblings and half-siblings, grandparents, aunts and uncles, friends, neighbours and
professionals. The genogram and the ecomap are drawn from these."""

from datetime import date

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned, db_enum
from app.models.enums import KinKind, Strength


class Kinship(Versioned, Base):
    """"<person> is the <kind> of <relative>". Partners' dates are when they were together;
    parental responsibility is the person's for the relative (a child). Removed, never
    deleted."""

    __tablename__ = "kinship"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    relative_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[KinKind] = mapped_column(db_enum(KinKind, 16))
    #: For a parent: the birth parent (a child has at most two); otherwise an adoptive parent,
    #: a second mum or dad, a special guardian.
    birth: Mapped[bool] = mapped_column(default=True)
    parental_responsibility: Mapped[bool] = mapped_column(default=False)
    started_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    #: How the connection feels to the child (the ecomap's line).
    strength: Mapped[Strength | None] = mapped_column(db_enum(Strength, 12))
    removed: Mapped[bool] = mapped_column(default=False)
