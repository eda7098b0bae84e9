"""A run of the Children in Need census return: for a collection year, the XML built from the
record, the Department's validation of it, and where each finding points in the record. The
file itself is kept in the documents register (issued_document) with its SHA-256."""

from datetime import date, datetime

from sqlalchemy import JSON, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Timestamped
from app.models.enums import CensusStatus


class CensusRun(Timestamped, Base):
    __tablename__ = "census_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    reference_date: Mapped[date]
    status: Mapped[CensusStatus] = mapped_column(Enum(CensusStatus, native_enum=False,
                                                      length=12))
    #: 0 to 100, and what it is doing now, for the progress bar.
    progress: Mapped[int] = mapped_column(Integer, default=0)
    stage: Mapped[str] = mapped_column(String(200), default="Waiting to start")
    children: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    queries: Mapped[int] = mapped_column(Integer, default=0)
    #: What each finding is and the record it points to (list of dicts; see services/census).
    findings: Mapped[list[dict[str, object]] | None] = mapped_column(JSON)
    #: Why the run could not finish, in words.
    problem: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))
    started_by_name: Mapped[str] = mapped_column(String(200))
    finished_at: Mapped[datetime | None]
