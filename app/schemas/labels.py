"""Local names for the mapping's columns and categories."""


from pydantic import Field

from app.schemas.common import ReadModel, Strict


class LabelsIn(Strict):
    labels: dict[str, str] = Field(
        description="Category or column key -> local name. An empty name restores the default."
    )


class LabelsRead(ReadModel):
    team_id: int | None
    labels: dict[str, str] = Field(description="The names in force: defaults, then the "
                                               "service's, then the team's.")
    own: dict[str, str] = Field(description="Only the names set at this level.")
    version: int


class ExpectedIn(Strict):
    expected: dict[str, list[str]] = Field(
        description="Kind of mapping (initial_assessment, review, cp_conference, closure) -> "
                    "the categories it is expected to have: an empty one of these is a "
                    "quality signal. A kind left out keeps following the service's setting.")


class ExpectedRead(ReadModel):
    team_id: int | None
    expected: dict[str, list[str]] = Field(description="In force: built in, then the "
                                                       "service's, then the team's.")
    own: dict[str, list[str]] = Field(description="Only what is set at this level.")
    version: int = Field(description="The label set's version (shared with the names).")
