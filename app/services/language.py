"""The family's language: the languages a person may prefer, and the languages the fixed
words of family documents are written in.

The fixed words (services/family_text.py) are the message ids; each translation is a gettext
catalogue, `app/data/i18n/<code>/LC_MESSAGES/family.po`, read with Babel. A language is
offered for documents once its catalogue exists; a message it lacks stays in English (and
`missing` says so). A translator starts a new language from a copy of the Welsh catalogue.
Right-to-left languages are marked so: the document is laid out right to left (`dir`), with
a font that has the script."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.pofile import read_po

from app.config import ROOT
from app.errors import FieldError, Invalid

CATALOGUES = ROOT / "app" / "data" / "i18n"
DOMAIN = "family"
ENGLISH = "en"

#: Languages a person may prefer (code: its name in English), the ones most often needed by
#: families in England and Wales. British Sign Language has no written form of its own.
PREFERRED: dict[str, str] = {
    "en": "English", "cy": "Welsh", "bfi": "British Sign Language", "sq": "Albanian",
    "ar": "Arabic", "bn": "Bengali", "bg": "Bulgarian", "zh": "Chinese", "fa": "Farsi",
    "fr": "French", "gu": "Gujarati", "hi": "Hindi", "hu": "Hungarian", "it": "Italian",
    "ku": "Kurdish", "lv": "Latvian", "lt": "Lithuanian", "ps": "Pashto", "pl": "Polish",
    "pt": "Portuguese", "pa": "Punjabi", "ro": "Romanian", "ru": "Russian", "so": "Somali",
    "es": "Spanish", "ta": "Tamil", "ti": "Tigrinya", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu",
}
#: Written right to left.
RTL = frozenset({"ar", "fa", "ps", "ur", "ku"})


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in English
    own_name: str  # in the language itself
    html: str  # the lang attribute of a document written in it
    dir: str  # "ltr" or "rtl"


def _language(code: str) -> Language:
    from babel import Locale

    own = (Locale.parse(code).get_display_name(code) or code) if code != ENGLISH else "English"
    return Language(code=code, name=PREFERRED.get(code, code), own_name=own.capitalize(),
                    html="en-GB" if code == ENGLISH else code,
                    dir="rtl" if code in RTL else "ltr")


def path_of(code: str) -> Path:
    return CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=16)
def catalogue(code: str) -> dict[str, str]:
    """The translated messages (fuzzy and empty ones left out)."""
    if code == ENGLISH or not path_of(code).is_file():
        return {}
    with path_of(code).open("rb") as f:
        cat = read_po(f, locale=code, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in cat
            if m.id and m.string and not m.fuzzy and isinstance(m.string, str)}


@lru_cache(maxsize=1)
def for_documents() -> list[Language]:
    """English, then each language with a catalogue."""
    codes = sorted(p.name for p in CATALOGUES.iterdir() if path_of(p.name).is_file()) \
        if CATALOGUES.is_dir() else []
    return [_language(ENGLISH), *(_language(c) for c in codes if c != ENGLISH)]


def get(code: str | None, *, field: str = "language") -> Language:
    """A language documents can be written in, or a clear refusal on `field`."""
    code = (code or ENGLISH).strip()
    for lang in for_documents():
        if lang.code == code:
            return lang
    names = ", ".join(f"{lang.name} ({lang.code})" for lang in for_documents())
    raise Invalid([FieldError(["body", field], f"Documents cannot be written in “{code}” yet. "
                                               f"They can be written in: {names}")])


def translate(texts: dict[str, str], code: str) -> tuple[dict[str, str], int]:
    """The fixed words in a language, and how many of them are still in English."""
    if code == ENGLISH:
        return dict(texts), 0
    cat = catalogue(code)
    out = {k: cat.get(v, v) for k, v in texts.items()}
    return out, sum(1 for v in texts.values() if v not in cat)


def date_in(value: date | datetime, code: str) -> str:
    """A day as the family reads it: 6 December 2026, 6 Rhagfyr 2026."""
    if code == ENGLISH:
        return f"{value:%-d %B %Y}"
    return format_date(value, "d MMMM y", locale=code)
