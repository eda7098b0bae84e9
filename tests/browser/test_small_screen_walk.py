"""Issue #18: on a phone-sized screen (390 px wide) every page a manager uses in a day passes
the accessibility scan, target size included (WCAG 2.2, 2.5.8): the header and service
navigation, the case tabs, pagination of the case list and the board, and the mapping editor
with its move, change and remove controls."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from app.config import get_settings
from app.models.enums import Category, Role
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import PASSWORD, make_case, make_item, make_mapping, make_team, make_user

PHONE = {"width": 390, "height": 844}


def _targets_under_24px(page: Page) -> list[str]:
    """Links and controls a person can see that are smaller than 24 px in either direction
    (links inside running text are exempt in WCAG and are not looked at)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'header a, nav a, nav button, .app-case-tabs a, .govuk-pagination a,'
              + ' .app-item__actions a, .app-item__actions button, main button')]
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width > 1 && r.height > 1 && (r.width < 24 || r.height < 24))
            .map(([e, r]) => `${e.textContent.trim()} (${Math.round(r.width)}`
                             + ` x ${Math.round(r.height)})`)"""
    )


def test_a_day_on_a_phone(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North Locality")
    make_user(session, role=Role.supervisor, team=team, name="Alex Morgan",
              email="alex@example.org")
    sam = make_user(session, team=team, name="Sam Patel")
    # More open cases than one page of the case list and of the board.
    count = max(get_settings().page_size, 50) + 3
    cases = [make_case(session, team=team, worker=sam, family_name=f"Family{n:03d}")
             for n in range(count)]
    harper = make_case(session, team=team, worker=sam, family_name="Harper")
    m = make_mapping(session, case=harper)
    danger = make_item(session, mapping=m, category=Category.danger_statement,
                       ds_behaviour="Lee may hit Mia again when he and Jade argue")
    make_item(session, mapping=m, category=Category.safety_goal, pairs_with_id=danger.id,
              sg_carers_doing="Jade and Lee will sort out arguments away from Mia")
    make_item(session, mapping=m, category=Category.existing_strength, text="Nana visits daily")
    make_item(session, mapping=m, category=Category.existing_strength, text="Mia goes to school")
    session.commit()
    assert len(cases) == count

    page.set_viewport_size(PHONE)
    sign_in(page, "alex@example.org", PASSWORD)
    scan(page)
    pages = {
        "case list": "/cases",
        "case list, page 2": "/cases?page=2",
        "case": f"/cases/{harper.id}",
        "mappings": f"/cases/{harper.id}/mappings",
        "mapping editor": f"/cases/{harper.id}/mappings/{m.id}",
        "history": f"/cases/{harper.id}/history",
        "quality": f"/cases/{harper.id}/quality",
        "board": f"/teams/{team.id}/board",
        "board, page 2": f"/teams/{team.id}/board?page=2",
    }
    too_small: dict[str, list[str]] = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response is not None and response.status == 200, name
        scan(page)
        small = _targets_under_24px(page)
        if small:
            too_small[name] = small
    assert not too_small, f"controls under 24 x 24 px at 390 px wide: {too_small}"

    # The pagination the scan looked at is really there, on both lists.
    page.goto(f"/teams/{team.id}/board")
    expect(page.get_by_role("navigation", name="Pages of the board")).to_be_visible()
    # On a phone the board is a card per case, each figure labelled, none cut off (#23).
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the board scrolls sideways on a phone: {width} px"
    expect(page.locator('.app-board-table tbody tr').first).to_be_visible()
    screenshot(page, "board-phone")
    page.goto("/cases")
    expect(page.get_by_role("navigation", name="Pages of cases")).to_be_visible()
    scan(page)
