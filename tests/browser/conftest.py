"""Real-browser tests: the app served by uvicorn in a subprocess, driven by Debian's Chromium
through Playwright, with an axe-core accessibility scan of every page a test visits.

Data is set up with tests/factories.py through the `session` fixture (commit it so the
server sees it); tests/conftest.py empties the tables after each test. Nothing here reaches
beyond 127.0.0.1: a request for anything else fails the test.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from tests.server import serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SHOTS = Path(tempfile.gettempdir()) / "shots"

#: id(page) -> the URLs scanned on it, so the page fixture can check none was missed.
_scanned: dict[int, set[str]] = {}


def _need_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed: apt-get install chromium")


@pytest.fixture(scope="session")
def base_url(database: str) -> Iterator[str]:
    """The real app, served by uvicorn on 127.0.0.1 (see tests/server.py)."""
    _need_chromium()
    # One job worker in the served app, as in production: census runs go to it. Its queue is
    # its own, so that it never takes a job another test left for this process to run.
    with serve(env={"JOB_WORKERS": "1", "JOB_QUEUE": "browser"}) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _need_chromium()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh browser context and page for each test, with no network beyond the app.

    Fails the test if the page throws a JavaScript error, breaks the Content-Security-Policy,
    asks for anything not on the app's origin, or visits a page that `scan` never looked at.
    """
    context = browser.new_context(
        base_url=base_url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    expect.set_options(timeout=10_000)  # a loaded CI machine can be slow to settle
    problems: list[str] = []

    def only_the_app(route: Route) -> None:
        if route.request.url.startswith(base_url + "/"):
            route.continue_()
        else:
            problems.append(f"request outside the app was blocked: {route.request.url}")
            route.abort()

    context.route("**/*", only_the_app)
    pg = context.new_page()
    visited: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
    pg.on(
        "console",
        lambda msg: (
            problems.append(f"console on {pg.url}: {msg.text} at {msg.location}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    pg.on(
        "framenavigated",
        lambda frame: visited.append(frame.url)
        if frame == pg.main_frame and frame.url.startswith(base_url)
        else None,
    )
    _scanned[id(pg)] = set()
    try:
        yield pg
        unscanned = [u for u in dict.fromkeys(visited) if u not in _scanned[id(pg)]]
        problems += [f"page visited but never scanned with axe: {u}" for u in unscanned]
        if problems:
            pytest.fail("\n".join(problems))
    finally:
        _scanned.pop(id(pg), None)
        context.close()


#: True once the page is as a person sees it: every htmx request answered and swapped in.
_HTMX_IDLE = """() => !document.querySelector(
  '.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"""


def settle(page: Page) -> None:
    """Wait until the page is as a person would see it: the document and its stylesheets
    loaded, the web fonts loaded (or given up), and no htmx request in flight or settling.

    A locator that is visible is not enough: Chromium lays a page out for a script before its
    stylesheets arrive, so a scan run then measured the unstyled page (skip link shown, 19 px
    links) and failed only when the machine was slow (issue #18)."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_function(_HTMX_IDLE)


def scan(page: Page) -> None:
    """Run axe-core on the page once it has settled; fail with a readable list of WCAG
    2.0/2.1/2.2 A and AA violations."""
    settle(page)
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    _scanned.setdefault(id(page), set()).add(page.url)
    violations = results.response["violations"]
    if violations:
        lines = [f"axe found {len(violations)} accessibility violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
            for node in v["nodes"]:
                lines.append(f"    at {', '.join(map(str, node['target']))}")
                lines.append(f"       {node['html'][:200]}")
                if node.get("failureSummary"):
                    lines.append("       " + node["failureSummary"].replace("\n", "\n       "))
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot (of the whole page, or of what the screen shows) to
    <temp dir>/shots/<name>.png, for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_in(page: Page, email: str, password: str) -> None:
    """Sign in through the real form, scanning the sign-in page on the way."""
    page.goto("/login")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    scan(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_in_elsewhere(browser: Browser, base_url: str, email: str, password: str) -> Any:
    """A second person in a browser context of their own (the caller closes it). Pages in it
    are not tracked by the `page` fixture: scan them yourself."""
    context = browser.new_context(base_url=base_url, locale="en-GB")
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return context, page
