"""Reading HTML forms into the same schemas the API uses, with errors keyed by field."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from app.errors import BadForm, DomainError, friendly_errors, page_status
from app.schemas.common import MAX_ID


class FormErrors(dict[str, str]):
    """field name -> message, in the order they appear on the form."""

    def add_domain(self, exc: DomainError, *, field: str | None = None,
                   names: dict[str, str] | None = None) -> int:
        """The service's refusal beside the fields: each problem under its field (or all under
        `field`, where the form has one box for them; `names` renames the service's fields to
        the form's), a refusal without fields at the top. Returns the page's status."""
        for e in exc.errors:
            name = e.field.split(".")[0] if e.field else "form"
            self.setdefault(field or (names or {}).get(name, name), e.message)
        if not exc.errors:
            self.setdefault("form", exc.detail)
        return page_status(exc)


def text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def whole_number(value: str | None) -> int | None:
    """A whole number written in ASCII digits that fits the database, else None ("²", "١",
    "-1", "1e3" and 20-digit numbers are not)."""
    if not value or not (value.isascii() and value.isdigit()) or len(value) > 19:
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def hidden_int(form: FormData, name: str) -> int:
    """A number the page put in a hidden field (a version): anything else is a changed form."""
    number = whole_number(text(form, name))
    if number is None:
        raise BadForm()
    return number


def chosen_id(value: str | None) -> int | None:
    """An id the page offered (a field's value, or the part after "person:" in a choice),
    or nothing; anything else is a changed form."""
    if not value:
        return None
    number = whole_number(value)
    if number is None:
        raise BadForm()
    return number


def optional_id(form: FormData, name: str) -> int | None:
    """An id chosen from the page's own list, or nothing."""
    return chosen_id(text(form, name))


def id_list(form: FormData, name: str) -> list[int]:
    """Ids ticked from the page's own list (checkboxes); anything else is a changed form."""
    out = []
    for value in form.getlist(name):
        number = whole_number(value.strip() if isinstance(value, str) else None)
        if number is None:
            raise BadForm()
        out.append(number)
    return out


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
        if not all(p.isascii() and p.isdigit() for p in parts.values()) or len(parts["year"]) != 4:
            raise ValueError
        day, month, year = int(parts["day"]), int(parts["month"]), int(parts["year"])
        if year < 1000:
            raise ValueError
        return date(year, month, day)
    except (ValueError, OverflowError):
        errors[name] = f"{label} must be a real date, for example 27 3 2019"
        return None


def raw_date(form: FormData, name: str) -> dict[str, str]:
    return {p: (text(form, f"{name}-{p}") or "") for p in ("day", "month", "year")}


def date_span(form: FormData, errors: FormErrors) -> tuple[date | None, date | None]:
    """A first day (needed) and a last day (optional), as `starts_on` and `ends_on`."""
    starts = date_field(form, "starts_on", "The first day", errors)
    ends = date_field(form, "ends_on", "The last day", errors)
    if starts is None and "starts_on" not in errors:
        errors["starts_on"] = "Enter the first day"
    return starts, ends


def raw_span(form: FormData) -> dict[str, dict[str, str]]:
    """The two dates of `date_span` as typed, to show them again."""
    return {"starts_on": raw_date(form, "starts_on"), "ends_on": raw_date(form, "ends_on")}


def build(schema: type[BaseModel], data: dict[str, Any], errors: FormErrors) -> Any:
    """Validate with the API schema; on failure add its messages to `errors`."""
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        for e in friendly_errors(exc):
            errors.setdefault(e.field.split(".")[0] or "form", e.message)
        return None
