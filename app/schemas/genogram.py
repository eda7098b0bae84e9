"""The genogram and the ecomap as data: what was drawn, for systems that draw their own."""

from pydantic import Field

from app.models.enums import Strength
from app.schemas.common import ReadModel, Strict


class GenogramPerson(ReadModel):
    id: int
    name: str
    symbol: str = Field(description="square (male), circle (female), diamond (not known), "
                                    "triangle (unborn).")
    generation: int = Field(description="The row, 0 at the top.")
    x: float
    deceased: bool
    on_case: bool = Field(description="A child on this case.")
    parental_responsibility: bool
    households: list[str] = Field(description="The letters of the households they live in "
                                              "today.")


class GenogramLine(ReadModel):
    kind: str = Field(description="partner, ex_partner, co_parents, parent, step_parent, "
                                  "sibling, half_sibling, grandparent or aunt_uncle.")
    ends: list[int] = Field(description="The person or people the line starts from (a "
                                        "child's parents).")
    to: int | None = Field(description="The child or relative it reaches, if it reaches one.")
    dashed: bool


class GenogramHousehold(ReadModel):
    letter: str
    name: str
    members: list[int]
    enclosed: bool = Field(description="Whether the drawing encloses them in a box (only when "
                                       "the box would hold nobody else).")


class GenogramRead(ReadModel):
    drawn: bool = Field(description="False when there are too many people to draw legibly: "
                                    "the facts are the genogram.")
    people: list[GenogramPerson]
    lines: list[GenogramLine]
    households: list[GenogramHousehold]
    people_facts: list[str]
    relationship_facts: list[str]
    household_facts: list[str]


class SharingIn(Strict):
    genogram_shared: bool = Field(description="The family agreed that their family tree may "
                                              "go in their documents.")


class EcomapSpoke(ReadModel):
    name: str
    role: str
    strength: Strength | None
    network: bool = Field(description="A member of the safety network.")


class EcomapRead(ReadModel):
    child_id: int
    spokes: list[EcomapSpoke]
