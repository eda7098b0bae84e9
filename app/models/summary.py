from datetime import date, datetime

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class PracticeSummary(Base):
    """One row per case: what the supervisor's board shows about its latest mapping, kept up
    to date with every write to the case, its mappings, items and ratings: on SQLite in the
    write's own transaction, on PostgreSQL by the next reader of the board or the case list
    before it reads (app.services.practice_summary, practice_summary_hook). Derived data: it can
    always be rebuilt from the record (`python -m app summaries rebuild`), so it is not
    audited itself.

    Everything that depends on today's date (mapping age, overdue next steps) is worked out
    when the board is read, from the dates kept here."""

    __tablename__ = "practice_summary"
    #: The board reads a team's open cases worker by worker, oldest mapping first, and adds
    #: up the signals: all from this one index, without visiting the rows (a covering index).
    __table_args__ = (Index("ix_practice_summary_board", "team_id", "is_open", "worker_id",
                            "mapping_date", "flags", "fixed_signals", "first_due", "last_due",
                            "steps_open", "restricted", "voice_due", "slipping_since",
                            "trajectory_due"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), primary_key=True,
                                         autoincrement=False)
    team_id: Mapped[int] = mapped_column(Integer)
    worker_id: Mapped[int | None] = mapped_column(Integer)
    is_open: Mapped[bool]
    restricted: Mapped[bool]
    mapping_id: Mapped[int | None] = mapped_column(Integer)
    mapping_date: Mapped[date | None]
    mapping_status: Mapped[str | None] = mapped_column(String(24))
    #: The seven analysis categories with something in them, one bit each (in SEVEN order).
    present: Mapped[int] = mapped_column(Integer, default=0)
    empty_count: Mapped[int] = mapped_column(Integer, default=0)
    dangers: Mapped[int] = mapped_column(Integer, default=0)
    dangers_with_goal: Mapped[int] = mapped_column(Integer, default=0)
    goals_without_danger: Mapped[int] = mapped_column(Integer, default=0)
    goals: Mapped[int] = mapped_column(Integer, default=0)
    next_steps: Mapped[int] = mapped_column(Integer, default=0)
    harm_without_impact: Mapped[int] = mapped_column(Integer, default=0)
    ratings: Mapped[int] = mapped_column(Integer, default=0)
    overall: Mapped[float | None] = mapped_column(Float)
    previous_overall: Mapped[float | None] = mapped_column(Float)
    #: The lowest and highest current overall scores and who gave them ("Sam Brown, Dad"),
    #: and the widest gap between raters on any pair or overall: disagreement, not an average.
    overall_low: Mapped[int | None] = mapped_column(Integer)
    overall_low_by: Mapped[str | None] = mapped_column(String(400))
    overall_high: Mapped[int | None] = mapped_column(Integer)
    overall_high_by: Mapped[str | None] = mapped_column(String(400))
    widest_gap: Mapped[int] = mapped_column(Integer, default=0)
    #: Next steps not done that have a date: how many, the earliest and the latest date.
    steps_open: Mapped[int] = mapped_column(Integer, default=0)
    first_due: Mapped[date | None]
    last_due: Mapped[date | None]
    #: The earliest day any born child of the case was last heard in their own words (My
    #: Three Houses, the Safety House), or the day the case opened for a child never heard;
    #: none without children. The board's "no child's voice in N weeks" reads it.
    voice_due: Mapped[date | None]
    #: The second latest day a rule of the current safety plan slipped or was broken (the
    #: latest such day over its rules): "a rule slipped twice in four weeks" while it is
    #: within four weeks.
    slipping_since: Mapped[date | None]
    #: The earliest planned day of a stage of the trajectory not done yet (by the record or
    #: typed in): drift once it is further back than the allowance.
    trajectory_due: Mapped[date | None]
    #: The board's filters that do not depend on the date, one bit each (FLAG_BITS).
    flags: Mapped[int] = mapped_column(Integer, default=0)
    #: The quality signals that do not depend on the date (all but overdue next steps).
    fixed_signals: Mapped[int] = mapped_column(Integer, default=0)
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)


class SummaryDue(Base):
    """A case whose summary a committed change has made out of date, until it is refreshed
    (PostgreSQL: by the next reader of the summaries, so writers to one case do not wait for
    each other's refresh, and one refresh covers every change committed before it; see
    services/practice_summary_hook.py). Rows left when the app stops are refreshed when it
    starts."""

    __tablename__ = "practice_summary_due"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)
