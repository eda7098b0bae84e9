"""Reading HTML forms into the same schemas the API uses, with errors keyed by field."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from app.errors import DomainError, friendly_errors


class FormErrors(dict[str, str]):
    """field name -> message, in the order they appear on the form."""

    def add_domain(self, exc: DomainError) -> None:
        for e in exc.errors:
            self.setdefault(e.field.split(".")[0] if e.field else "form", e.message)
        if not exc.errors:
            self.setdefault("form", exc.detail)


def text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def date_field(form: FormData, name: str, label: str, errors: FormErrors) -> date | None:
    """GOV.UK date input: three boxes. All empty means no date."""
    parts = {p: (text(form, f"{name}-{p}") or "") for p in ("day", "month", "year")}
    if not any(parts.values()):
        return None
    missing = [p for p in ("day", "month", "year") if not parts[p]]
    if missing:
        errors[name] = f"{label} must include a {' and a '.join(missing)}"
        return None
    try:
        day, month, year = int(parts["day"]), int(parts["month"]), int(parts["year"])
        if year < 1000:
            raise ValueError
        return date(year, month, day)
    except ValueError:
        errors[name] = f"{label} must be a real date, for example 27 3 2019"
        return None


def raw_date(form: FormData, name: str) -> dict[str, str]:
    return {p: (text(form, f"{name}-{p}") or "") for p in ("day", "month", "year")}


def build(schema: type[BaseModel], data: dict[str, Any], errors: FormErrors) -> Any:
    """Validate with the API schema; on failure add its messages to `errors`."""
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        for e in friendly_errors(exc):
            errors.setdefault(e.field.split(".")[0] or "form", e.message)
        return None
