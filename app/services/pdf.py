"""PDFs with WeasyPrint: tagged PDF/UA-1, the app's own font, and nothing fetched from
anywhere but the app's own static files.

Text that people typed goes into the templates through Jinja's autoescaping, so a URL, a
`file://` path or HTML in it is printed as text. The fetcher is the second wall: anything
that is not under `/static/` is refused without opening a file or a connection."""

from __future__ import annotations

import base64
import logging
import mimetypes
import multiprocessing
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.config import ROOT, get_settings
from app.templating import templates

STATIC = (ROOT / "app" / "static").resolve()
#: The base URL documents are rendered against: "/static/x" resolves to "app:///static/x".
BASE_URL = "app:///"
log = logging.getLogger(__name__)


#: The only inline data a document may use: a picture the server wrote itself (a child's
#: drawing or a photo decoded and written again), put in by the app, never by a user.
_PICTURE_PREFIXES = {"data:image/png;base64,": "image/png",
                     "data:image/jpeg;base64,": "image/jpeg"}


def _picture(url: str) -> tuple[str, bytes] | None:
    for prefix, media_type in _PICTURE_PREFIXES.items():
        if url.startswith(prefix):
            try:
                return media_type, base64.b64decode(url[len(prefix):], validate=True)
            except ValueError:
                return None
    return None


class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
    """Serves `app:///static/...` from app/static and the app's own pictures (data URIs of
    PNG or JPEG), and refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["app"], allow_redirects=False, fail_on_errors=False)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        picture = _picture(url)
        if picture is not None:
            self.fetched.append(url[:40])
            return URLFetcherResponse(url[:40], body=picture[1],
                                      headers={"Content-Type": picture[0]})
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


@dataclass
class Fetches:
    """What a document asked for while it was printed: served from /static, or refused."""

    fetched: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


class PrintFailed(Exception):
    """The document could not be printed within its limits; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "time", "memory" or "error"


def write_pdf(
    html: str,
    *,
    title: str,
    created: datetime | None = None,
    fetches: Fetches | None = None,
) -> bytes:
    """HTML to a tagged PDF/UA-1 document. `created` fixes the dates in the metadata;
    `fetches`, if given, is filled with what the document asked for.

    Printed in a process of its own with a hard limit on time and memory, so that no document
    can hold a server thread or a core for long, or take the server down with it; the request
    waits without holding Python's interpreter lock, so other requests go on being served.
    Raises PrintFailed beyond the limits."""
    settings = get_settings()
    stamp = (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_print_in_child,
        args=(child, html, title, stamp, settings.pdf_memory_mb),
        name="print-document",
        daemon=True,
    )
    proc.start()
    child.close()
    _printing.add(proc)
    try:
        if not parent.poll(settings.pdf_timeout_seconds):
            log.warning("PDF: stopped printing %r after %s s", title, settings.pdf_timeout_seconds)
            raise PrintFailed("time")
        try:
            kind, payload, fetched, refused = parent.recv()
        except EOFError:
            # The process died without a word: over its memory limit, or killed.
            raise PrintFailed("memory") from None
    finally:
        _printing.discard(proc)
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if fetches is not None:
        fetches.fetched += fetched
        fetches.refused += refused
    if kind != "pdf":
        raise PrintFailed("memory" if payload == "MemoryError" else "error")
    assert isinstance(payload, bytes)
    return payload


#: Documents being printed by this process's requests.
_printing: set[Any] = set()


def stop_printing() -> None:
    """Stop every document still being printed (the server is shutting down)."""
    for proc in list(_printing):
        if proc.is_alive():
            proc.kill()


@lru_cache
def _context() -> Any:
    # A fork server, started once per app process with WeasyPrint already imported: each
    # document is printed in a fresh fork of it (quick to start, and nothing of the app's
    # threads or database connections comes along).
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.services.pdf"])
    return ctx


def _print_in_child(conn: Any, html: str, title: str, stamp: str, memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Its own limit too, so that a print never outlives its purpose even if the process that
    # asked for it is gone: killed once it has used the time allowed plus a little.
    seconds = int(get_settings().pdf_timeout_seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    signal.alarm(seconds)
    fetcher = StaticOnlyFetcher()
    try:
        result: tuple[str, Any] = ("pdf", _write_pdf_here(html, fetcher, title=title,
                                                          stamp=stamp))
    except MemoryError:
        result = ("failed", "MemoryError")
    except Exception as exc:  # reported to the parent, which logs and answers the user
        result = ("failed", type(exc).__name__)
    try:
        conn.send((*result, fetcher.fetched, fetcher.refused))
    finally:
        conn.close()


def _write_pdf_here(html: str, fetcher: StaticOnlyFetcher, *, title: str, stamp: str) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    document.metadata.title = title
    document.metadata.created = stamp
    document.metadata.modified = stamp
    # The document's own language (its <html lang>), English where it says none.
    document.metadata.lang = document.metadata.lang or "en-GB"
    with _quiet_weasyprint():
        out = document.write_pdf(pdf_variant="pdf/ua-1")
    assert isinstance(out, bytes)
    return out


def render_pdf(template: str, context: dict[str, Any], *, title: str,
               created: datetime | None = None, fetches: Fetches | None = None) -> bytes:
    return write_pdf(render_html(template, context), title=title, created=created,
                     fetches=fetches)
