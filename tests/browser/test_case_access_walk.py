"""Issue #22 part 3: a service manager restricts a case in the browser and names two people.
Every page and state the browser reaches is scanned with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from app.models.enums import Role
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import PASSWORD, make_case, make_team, make_user


def test_a_service_manager_restricts_a_case_and_names_two_people(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North Locality")
    make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    make_user(session, team=team, role=Role.supervisor, name="Alex Morgan",
              email="alex.morgan@example.org")
    make_user(session, role=Role.service_manager, name="Priya Shah",
              email="priya.shah@example.org")
    case = make_case(session, team=team, family_name="Wren")
    session.commit()

    sign_in(page, "priya.shah@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    expect(page.locator(".govuk-summary-list__row", has_text="Who may see it")).to_contain_text(
        "The team and service managers")
    scan(page)
    page.get_by_role("link", name="Change who may see this case").click()
    expect(page.get_by_role("heading", name="Who may see this case")).to_be_visible()
    scan(page)
    page.get_by_label(re.compile("^Yes: only the people named")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Name at least one person besides you")
    scan(page)
    page.get_by_label(re.compile("^Sam Patel")).check()
    page.get_by_label(re.compile("^Alex Morgan")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-summary-list__row", has_text="Who may see it")).to_contain_text(
        "Restricted: only the people named")
    scan(page)
    page.get_by_role("link", name="History").click()
    expect(page.get_by_text("restricted the case to Alex Morgan, Priya Shah, Sam Patel")
           ).to_be_visible()
    scan(page)
    screenshot(page, "case-restricted")
