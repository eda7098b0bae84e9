import unicodedata
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

T = TypeVar("T")

#: Characters that change the direction of the text around them (embeddings, overrides and
#: isolates). Typed into a name they could make a list read backwards, so they are removed;
#: right-to-left names need none of them (each is shown isolated from what surrounds it).
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _clean(value: str, *, lines: bool) -> str:
    """Control characters are removed from everything typed, one way everywhere: C0 and C1
    controls and the direction controls above. Line breaks (as \n) and tabs stay in
    text of several lines; a name or a short text is one line."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    keep = {"\n", "\t"} if lines else set()
    return "".join(
        ch for ch in value
        if ch in keep or (ch not in BIDI_CONTROLS and unicodedata.category(ch) != "Cc")
    )


def _one_line(value: object) -> object:
    return _clean(value, lines=False) if isinstance(value, str) else value


def _lines(value: object) -> object:
    return _clean(value, lines=True) if isinstance(value, str) else value


#: Text a person typed: surrounding spaces removed; empty after that counts as missing.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
                 BeforeValidator(_one_line)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200),
                      BeforeValidator(_one_line)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000),
                     BeforeValidator(_lines)]
#: The largest id or version a record can have (a 32-bit signed integer: INTEGER columns on
#: PostgreSQL; SQLite's are wider).
MAX_ID = 2**31 - 1
#: The id of a record: a whole number the database can hold, so a larger one is told apart
#: as a mistake instead of failing in the database.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Strict(BaseModel):
    """Request bodies: unknown fields are an error, so a typo never silently does nothing."""

    model_config = ConfigDict(extra="forbid")


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Ref(ReadModel):
    id: int
    name: str


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int
    pages: int
