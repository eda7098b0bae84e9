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
