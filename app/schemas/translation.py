"""Translations of the team's words for the family's documents."""

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from app.schemas.common import Id, ReadModel, Strict

EntityType = Literal["mapping_item", "safety_rule", "words_and_pictures", "panel",
                     "network_member", "conference_report"]
FieldName = Literal["text", "harm_impact", "sg_child_experience", "sg_duration", "words",
                    "checked_how", "warning_signs", "if_broken", "who_to_call", "title", "role",
                    "commitments", "analysis"]


class TranslationEntryIn(Strict):
    entity_type: EntityType = Field(description="What the entry is, as `entries` lists it.")
    entity_id: Id
    field: FieldName = Field("text", description="Which of the entry's words, as `entries` "
                             "lists it: `text` for a mapping entry as printed, or a part "
                             "such as `harm_impact`, a rule's `warning_signs`, a panel's "
                             "`words`.")
    text: Annotated[str, StringConstraints(max_length=20_000)] = Field(
        description="The translation. Empty takes the translation away.")
    version: int | None = Field(None, description="The version of the translation you read "
                                "(`null` for a new one): one changed since is refused, "
                                "not overwritten.")


class TranslationsIn(Strict):
    translator_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                      max_length=200)] = Field(
        description="Who translated it: shown on the document.")
    entries: list[TranslationEntryIn] = Field(max_length=500)


class TranslationEntryRead(ReadModel):
    label: str
    entity_type: str
    entity_id: int
    field: str
    source: str = Field(description="The team's words in English, as they are now.")
    link: str | None = Field(description="The page where the entry itself is changed.")
    text: str | None
    translator_name: str | None
    version: int | None
    current: bool = Field(description="False when the English has changed since it was "
                          "translated: the document prints the English until it is "
                          "translated again.")


class TranslationsRead(ReadModel):
    language: str
    language_name: str
    entries: list[TranslationEntryRead]
    translated: int
    out_of_date: int
    untranslated: int
