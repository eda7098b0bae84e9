"""Enumerations, defined once and shared by models, schemas and templates."""

from enum import StrEnum


class CaseStatus(StrEnum):
    open = "open"
    closed = "closed"


class PersonKind(StrEnum):
    child = "child"
    adult = "adult"


class Gender(StrEnum):
    female = "female"
    male = "male"
    other = "other"
    not_known = "not_known"
    unborn = "unborn"


class AdultRole(StrEnum):
    parent = "parent"
    carer = "carer"
    relative = "relative"
    friend = "friend"
    professional = "professional"
    other = "other"


class Role(StrEnum):
    practitioner = "practitioner"
    supervisor = "supervisor"
    service_manager = "service_manager"
    administrator = "administrator"


LABELS: dict[str, str] = {
    "open": "Open",
    "closed": "Closed",
    "child": "Child",
    "adult": "Adult",
    "female": "Female",
    "male": "Male",
    "other": "Other",
    "not_known": "Not known",
    "unborn": "Unborn",
    "parent": "Parent",
    "carer": "Carer",
    "relative": "Relative",
    "friend": "Friend",
    "professional": "Professional",
    "practitioner": "Social worker",
    "supervisor": "Team manager",
    "service_manager": "Service manager",
    "administrator": "Administrator",
}


def label(value: object) -> str:
    key = str(value)
    return LABELS.get(key, key.replace("_", " ").capitalize())
