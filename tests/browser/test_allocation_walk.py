"""Issue #22 part 2: a team manager arranges cover from another team for a worker's leave,
moves a case to another worker, and records a child's plan, in the browser. Every page is
scanned with axe."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from app.models.enums import Role
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import PASSWORD, make_case, make_child, make_team, make_user


def _fill_date(page: Page, legend: str, d: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(d.day))
    group.get_by_label("Month").fill(str(d.month))
    group.get_by_label("Year").fill(str(d.year))


def test_a_team_manager_arranges_cover_and_moves_a_case(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    north, south = make_team(session, name="North Locality"), make_team(session, name="South")
    make_user(session, role=Role.supervisor, team=north, name="Alex Morgan",
              email="alex.morgan@example.org")
    sam = make_user(session, team=north, name="Sam Patel")
    make_user(session, team=north, name="Kai Jones")
    make_user(session, team=south, name="Dee Cover")
    case = make_case(session, team=north, worker=sam, family_name="Wren")
    make_child(session, case=case, given_name="Ava")
    session.commit()

    sign_in(page, "alex.morgan@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    scan(page)
    page.get_by_role("link", name="Change who works on this case").click()
    expect(page.get_by_role("heading", name="Who works on this case")).to_be_visible()
    scan(page)
    page.get_by_label("Who", exact=True).select_option(label="Dee Cover (South)")
    page.get_by_label("Cover", exact=True).check()
    _fill_date(page, "First day", date.today())
    page.get_by_role("button", name="Add to the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the last day of the cover")
    scan(page)
    _fill_date(page, "Last day", date.today() + timedelta(days=14))
    page.get_by_label("Why (optional)").fill("annual leave")
    page.get_by_role("button", name="Add to the case").click()
    row = page.locator("tr", has_text="Dee Cover")
    expect(row).to_contain_text("Working on the case")
    scan(page)
    screenshot(page, "case-cover")
    page.get_by_label("Move to").select_option(label="North Locality: Kai Jones")
    page.get_by_role("button", name="Move the case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("moved")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Kai Jones")
    scan(page)
    page.get_by_role("button", name="End today Dee Cover's cover").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("ended")
    scan(page)

    page.get_by_role("link", name="Back to the case").click()
    scan(page)
    page.get_by_role("link", name="Change what applies to Ava").click()
    expect(page.get_by_role("heading", name="What applies to Ava")).to_be_visible()
    scan(page)
    page.get_by_label("Child protection plan", exact=True).check()
    _fill_date(page, "First day", date.today())
    page.get_by_role("button", name="Record it").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the category")
    scan(page)
    page.get_by_label("Category (child protection plans only)").select_option(label="Neglect")
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("heading", name="Child protection plan (neglect)")).to_be_visible()
    scan(page)
    page.get_by_role("link", name="Back to the case").click()
    expect(page.locator(".govuk-summary-card", has_text="Ava")).to_contain_text(
        "Child protection plan (neglect) since")
    scan(page)
