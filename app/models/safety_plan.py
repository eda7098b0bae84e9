"""The safety plan: rules in the family's words that everyone follows, each answering danger
statements and safety goals of a mapping, with who makes sure it is kept, how it is checked,
the warning signs, what happens if it is broken and who to call; agreed by the family and
the network, monitored, and reviewed into a new version while the old one stays readable."""

from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamped, Versioned, db_enum
from app.models.enums import CheckResult, PlanStatus, SignoffHow


class SafetyPlan(Versioned, Base):
    __tablename__ = "safety_plan"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    #: The mapping whose danger statements and safety goals the rules answer.
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"))
    #: 1 for the first plan; each review makes the next.
    number: Mapped[int]
    status: Mapped[PlanStatus] = mapped_column(db_enum(PlanStatus, 12), default=PlanStatus.draft)
    made_on: Mapped[date]
    review_on: Mapped[date | None]
    agreed_on: Mapped[date | None]
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("safety_plan.id"))
    created_by_name: Mapped[str] = mapped_column(String(200))


class SafetyRule(Versioned, Base):
    __tablename__ = "safety_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("safety_plan.id"), index=True)
    position: Mapped[int]
    #: The rule in the family's words.
    words: Mapped[str] = mapped_column(Text)
    #: Safety network members who make sure it is kept.
    responsible_member_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: Anyone else who makes sure, by name.
    responsible_others: Mapped[str | None] = mapped_column(String(400))
    checked_how: Mapped[str | None] = mapped_column(Text)
    warning_signs: Mapped[str | None] = mapped_column(Text)
    if_broken: Mapped[str | None] = mapped_column(Text)
    who_to_call: Mapped[str | None] = mapped_column(Text)
    removed: Mapped[bool] = mapped_column(default=False)


class RuleLink(Base):
    """A danger statement or safety goal a rule answers."""

    __tablename__ = "safety_rule_link"
    __table_args__ = (UniqueConstraint("rule_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("safety_rule.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("mapping_item.id"), index=True)


class PlanSignoff(Timestamped, Base):
    """Someone agreed the plan: who, when and how."""

    __tablename__ = "safety_plan_signoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("safety_plan.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("network_member.id"))
    agreed_on: Mapped[date]
    how: Mapped[SignoffHow] = mapped_column(db_enum(SignoffHow, 20))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_name: Mapped[str] = mapped_column(String(200))


class RuleCheck(Timestamped, Base):
    """Monitoring: on a day, by someone, the rule held, slipped or was broken."""

    __tablename__ = "safety_rule_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("safety_rule.id"), index=True)
    checked_on: Mapped[date]
    result: Mapped[CheckResult] = mapped_column(db_enum(CheckResult, 10))
    what_happened: Mapped[str | None] = mapped_column(Text)
    by_name: Mapped[str] = mapped_column(String(200))
