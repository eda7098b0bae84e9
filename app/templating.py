"""Jinja2 set-up. An htmx request gets one named block of the page (jinja2-fragments)."""

from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2_fragments.fastapi import Jinja2Blocks

from app.config import ROOT, get_settings
from app.models.enums import label
from app.services import access, census_codes, language

templates = Jinja2Blocks(directory=str(ROOT / "app" / "templates"))
env = templates.env
env.globals["settings"] = get_settings()
env.globals["language_names"] = language.PREFERRED
env.filters["label"] = label


@pass_context
def _date(ctx: Context, value: date | datetime | None, fmt: str = "%-d %B %Y") -> str:
    """A day; in a family document written in another language (`language` in the
    context), as that language writes it."""
    if value is None:
        return ""
    code = ctx.get("language_code")
    if code and code != "en" and fmt == "%-d %B %Y":
        from app.services import language

        return language.date_in(value, code)
    return value.strftime(fmt)


def _datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%-d %B %Y at %H:%M")


def _age(value: date | None) -> str:
    if value is None:
        return ""
    today = date.today()
    years = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if years >= 2:
        return f"{years} years"
    months = (today.year - value.year) * 12 + today.month - value.month - (today.day < value.day)
    return f"{months} month{'s' if months != 1 else ''}"


env.filters["date"] = _date
env.filters["datetime"] = _datetime
env.filters["age"] = _age
#: {{ code | census("ethnicity") }} -> "White British"; codes separated by spaces -> a list.
env.filters["census"] = lambda code, kind: ", ".join(
    census_codes.label(kind, c) for c in census_codes.split(code))


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    block: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Render a page, or only `block` of it when htmx asked and a block was named."""
    ctx: dict[str, Any] = {"request": request, **(context or {})}
    ctx.setdefault("user", getattr(request.state, "user", None))
    ctx.setdefault("csrf_token", getattr(request.state, "csrf_token", ""))
    ctx.setdefault("menu", access.menu(getattr(request.state, "principal", None)))
    if block and is_htmx(request):
        return templates.TemplateResponse(
            request, name, ctx, status_code=status_code, block_name=block, headers=headers
        )
    return templates.TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)
