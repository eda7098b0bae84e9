"""PDFs with WeasyPrint: tagged PDF/UA-1, the app's own font, and nothing fetched from
anywhere but the app's own static files.

Text that people typed goes into the templates through Jinja's autoescaping, so a URL, a
`file://` path or HTML in it is printed as text. The fetcher is the second wall: anything
that is not under `/static/` is refused without opening a file or a connection."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.config import ROOT
from app.templating import templates

STATIC = (ROOT / "app" / "static").resolve()
#: The base URL documents are rendered against: "/static/x" resolves to "app:///static/x".
BASE_URL = "app:///"
log = logging.getLogger(__name__)


class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
    """Serves `app:///static/...` from app/static and refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["app"], allow_redirects=False, fail_on_errors=False)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self.resolve(url)
        if path is None:
            self.refused.append(url)
            log.warning("PDF: refused to fetch %r", url[:200])
            raise ValueError("only the app's own static files can be used in documents")
        self.fetched.append(url)
        mime, _ = mimetypes.guess_type(path.name)
        headers = {"Content-Type": mime or "application/octet-stream"}
        return URLFetcherResponse(url, body=path.read_bytes(), headers=headers)

    @staticmethod
    def resolve(url: str) -> Path | None:
        # WeasyPrint hands over "/static/..." as written (it does not join paths onto a
        # base URL with a scheme of our own), or "app:///static/..." when it did join them.
        rest = url.removeprefix("app://")
        if not rest.startswith("/static/") or "?" in rest or "#" in rest or "\\" in rest:
            return None
        path = (STATIC / rest[len("/static/") :]).resolve()
        if not path.is_relative_to(STATIC) or not path.is_file():
            return None
        return path


def _environment() -> Environment:
    # The same loader, filters and globals as the pages, with autoescaping for HTML.
    env: Environment = templates.env.overlay(
        loader=FileSystemLoader(str(ROOT / "app" / "templates")),
        autoescape=select_autoescape(["html", "svg"]),
    )
    return env


def render_html(template: str, context: dict[str, Any]) -> str:
    return _environment().get_template(template).render(**context)


@contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    # WeasyPrint logs every refused fetch and unsupported CSS at WARNING; we log our own.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def write_pdf(
    html: str,
    *,
    title: str,
    created: datetime | None = None,
    fetcher: StaticOnlyFetcher | None = None,
) -> bytes:
    """HTML to a tagged PDF/UA-1 document. `created` fixes the dates in the metadata."""
    fetcher = fetcher or StaticOnlyFetcher()
    when = (created or datetime.now(UTC)).astimezone(UTC)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    document.metadata.title = title
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    document.metadata.created = stamp
    document.metadata.modified = stamp
    document.metadata.lang = "en-GB"
    with _quiet_weasyprint():
        out = document.write_pdf(pdf_variant="pdf/ua-1")
    assert isinstance(out, bytes)
    return out


def render_pdf(template: str, context: dict[str, Any], *, title: str,
               created: datetime | None = None) -> bytes:
    return write_pdf(render_html(template, context), title=title, created=created)
