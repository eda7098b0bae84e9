"""Census runs: what is sent and what is read."""

from datetime import date, datetime

from pydantic import Field

from app.models.enums import CensusStatus
from app.schemas.common import ReadModel, Strict


class CensusRunIn(Strict):
    year: int = Field(ge=2000, le=2100, description="The collection year: the census ending "
                                                     "31 March of this year.")


class CensusFindingRead(ReadModel):
    code: str = Field(description="The Department's rule code; a Q at the end is a query.")
    kind: str = Field(description="error (must be fixed) or query (check, and fix or explain).")
    words: str = Field(description="What is wrong, in plain words.")
    rule: str = Field(description="The Department's own wording of the rule.")
    child_id: int | None = Field(description="The child (person id, the census LAchildID).")
    case_id: int | None
    entity: str | None = Field(description="person, case_event or child_status.")
    entity_id: int | None
    field: str | None = Field(description="The field of that record to change.")
    link: str | None = Field(description="Where to fix it in the browser.")
    api: str | None = Field(description="Where to fix it through this API.")


class CensusRunRead(ReadModel):
    id: int
    year: int
    reference_date: date
    status: CensusStatus
    stopped: bool = Field(description="Still shown as running but cut short: start it again.")
    progress: int = Field(description="0 to 100.")
    stage: str
    children: int
    errors: int
    queries: int
    problem: str | None
    sha256: str | None = Field(description="The file's SHA-256, as kept in the register.")
    started_by_name: str
    created_at: datetime
    finished_at: datetime | None
