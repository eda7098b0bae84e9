from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from app.schemas.common import ReadModel, Strict


class IssueIn(Strict):
    issued_to: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = Field(
        description="Who the document was handed to, e.g. 'Jade Harper (mum)'."
    )
    readability_reason: Annotated[str, StringConstraints(strip_whitespace=True,
                                                         max_length=1000)] | None = Field(
        None, description="Why the family should have the document although the plain words "
        "check (`…/readability`) found something. Required when it did; kept in the register.")


class LanguageIssueIn(IssueIn):
    language: str = Field("en", max_length=35, description="The language of its fixed words: "
                          "`en`, or one with a catalogue (`cy`). The workers' words stay as "
                          "written (or as translated), and the document says so.")


class FamilyIssueIn(LanguageIssueIn):
    easy_read: bool = Field(False, description="Give the easy read version: the same record "
                            "one idea to a line, in larger print, with each scale as a picture.")


class DocumentRead(ReadModel):
    id: int
    case_id: int
    mapping_id: int | None
    mapping_version: int | None = Field(description="The mapping's version it was made from.")
    kind: str
    title: str
    filename: str
    media_type: str
    issued_to: str
    issued_by_name: str
    issued_at: datetime
    sha256: str = Field(description="SHA-256 of the exact bytes handed over.")
    size: int
    readability_findings: int | None = Field(
        description="For a family document: the plain words findings left when it was issued "
        "(null for documents issued before the check was kept, and for professionals' ones).")
    readability_reason: str | None = Field(
        description="The reason given for issuing it with those findings left.")
    language: str | None = Field(description="The language it was written in (null for "
                                 "documents issued before this was kept).")
