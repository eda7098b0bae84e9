"""How people on a case are related, and where they live: what is sent and what is read."""

from datetime import date

from pydantic import Field

from app.models.enums import KinKind, Strength
from app.schemas.common import Id, ReadModel, ShortText, Strict


class KinshipIn(Strict):
    person_id: Id = Field(description="A person on the case.")
    kind: KinKind = Field(description="Read as: the person is the `kind` of the relative.")
    relative_id: Id = Field(description="Another person on the same case.")
    birth: bool = Field(True, description="For a parent: the birth parent (at most two per "
                                          "child). False for an adoptive parent, a second mum "
                                          "or dad, a special guardian.")
    parental_responsibility: bool = Field(False, description="The person has parental "
                                                             "responsibility for the relative "
                                                             "(a child on the case).")
    started_on: date | None = Field(None, description="Partners: when they got together.")
    ended_on: date | None = Field(None, description="Ex-partners: when they separated.")
    strength: Strength | None = Field(None, description="How the connection feels to the "
                                                        "child (the ecomap's line).")


class KinshipUpdate(Strict):
    birth: bool | None = None
    parental_responsibility: bool | None = None
    started_on: date | None = None
    ended_on: date | None = None
    strength: Strength | None = None


class KinshipRead(ReadModel):
    id: int
    person_id: int
    kind: KinKind
    relative_id: int
    birth: bool
    parental_responsibility: bool
    started_on: date | None
    ended_on: date | None
    strength: Strength | None
    words: str = Field(description="In plain words: \"Sam Harper is Mia Harper's mother\".")
    version: int


class HouseholdIn(Strict):
    person_id: Id
    household: ShortText = Field(min_length=1, max_length=120,
                                 description="The household's name, as the family say it: "
                                             "\"Mum's flat\", \"Gran's\".")
    moved_in: date | None = None
    moved_out: date | None = Field(None, description="Empty while they still live there.")


class HouseholdUpdate(Strict):
    household: ShortText | None = Field(None, min_length=1, max_length=120)
    moved_in: date | None = None
    moved_out: date | None = None


class HouseholdRead(ReadModel):
    id: int
    person_id: int
    household: str
    moved_in: date | None
    moved_out: date | None
    current: bool = Field(description="True while they live there.")
    version: int


class FamilyTreeRead(ReadModel):
    kinships: list[KinshipRead]
    households: list[HouseholdRead]
    genogram_shared: bool = Field(description="The family agreed that their family tree may "
                                              "go in their documents.")
