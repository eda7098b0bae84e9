"""A report for a child protection conference (first or review): made from the case's
mapping, the children's voice, the network and the case events as they stand, plus the
worker's analysis. Printed for professionals (tagged PDF) and as a plain-language summary for
the family; both given through the documents register."""

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class ConferenceReport(Versioned, Base):
    __tablename__ = "conference_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_record.id"), index=True)
    #: The day of the conference.
    held_on: Mapped[date]
    #: "initial" or "review".
    kind: Mapped[str] = mapped_column(String(10))
    #: The mapping the report is made from (the latest one, unless the worker chose).
    mapping_id: Mapped[int] = mapped_column(ForeignKey("mapping.id"))
    #: The worker's analysis: what the agency thinks and why.
    analysis: Mapped[str] = mapped_column(Text, default="")
    recorded_by_name: Mapped[str] = mapped_column(String(200))
