from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Versioned


class JargonTerm(Versioned, Base):
    """A word or phrase families should not have to decode, with the plain words to use instead.

    The plain-language checker reads this list; administrators edit it. `label_only` marks
    words that are fine in general but must not stand in for a description of what happened
    (e.g. "neglect" or "domestic violence" in a danger statement)."""

    __tablename__ = "jargon_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(120), unique=True)
    plain: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    label_only: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
