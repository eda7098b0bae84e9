from datetime import date, datetime

from pydantic import EmailStr, Field

from app.models.enums import AdultRole, Gender, PersonKind
from app.schemas.common import Id, LongText, Name, ReadModel, ShortText, Strict


class RelationshipIn(Strict):
    child_id: Id = Field(description="A child on the same case.")
    relationship: Name = Field(description='In plain words, e.g. "mother", "grandmother".')


class PersonFields(Strict):
    given_name: Name | None = None
    family_name: Name | None = None
    date_of_birth: date | None = None
    expected_date: date | None = Field(
        None, description="For an unborn child: the expected date of birth."
    )
    gender: Gender | None = None
    ethnicity: str | None = Field(None, max_length=8,
                                  description="Children in Need census ethnicity code, e.g. WBRI.")
    disability: ShortText | None = Field(None, description="In the family's own words.")
    disabilities: str | None = Field(
        None, max_length=80, pattern=r"^[A-Z ]*$",
        description="Census disability codes separated by spaces, e.g. 'NONE' or 'LD AUT'.")
    upn: str | None = Field(
        None, pattern=r"^[A-Z]\d{11}[0-9A-Z]$",
        description="Unique pupil number (13 characters, with its check letter).")
    upn_unknown: str | None = Field(
        None, pattern=r"^UN[0-9]$",
        description="Why there is no pupil number: census code UN1-UN7.")
    sex: str | None = Field(None, pattern=r"^[MFU]$",
                            description="As the census asks: M, F or U (not known).")
    role: AdultRole | None = Field(None, description="For adults: how they are involved.")
    organisation: ShortText | None = None
    language: str | None = Field(
        None, max_length=35, description="The language they prefer for what we write to them: "
        "a code from the list (en, cy, pl, ar, ...; bfi for British Sign Language).")
    phone: str | None = Field(None, max_length=40, pattern=r"^[0-9 +()\-]*$")
    email: EmailStr | None = None
    address: LongText | None = None
    deceased: bool | None = Field(None, description="True when the person has died.")
    died_on: date | None = Field(None, description="The day they died, if known.")
    relationships: list[RelationshipIn] | None = Field(
        None, description="For adults: how they are related to each child. Replaces the list."
    )


class PersonCreate(PersonFields):
    kind: PersonKind
    given_name: Name
    family_name: Name


class PersonUpdate(PersonFields):
    archived: bool | None = Field(None, description="True when the person is no longer involved.")


class RelationshipRead(ReadModel):
    child_id: int
    relationship: str = Field(validation_alias="relation")


class PersonRead(ReadModel):
    id: int
    case_id: int
    kind: PersonKind
    given_name: str
    family_name: str
    date_of_birth: date | None
    expected_date: date | None
    gender: Gender | None
    ethnicity: str | None
    disability: str | None
    disabilities: str | None
    upn: str | None
    upn_unknown: str | None
    sex: str | None
    role: AdultRole | None
    organisation: str | None
    language: str | None
    phone: str | None
    email: str | None
    address: str | None
    deceased: bool
    died_on: date | None
    archived: bool
    relationships: list[RelationshipRead]
    version: int
    created_at: datetime
    updated_at: datetime
