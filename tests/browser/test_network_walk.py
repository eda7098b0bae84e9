"""Issue #13 (the safety network, parts 4 and 5): a worker adds three people to the family's
safety network (Gran from the case, a neighbour and an aunt), records that two were told the
worries on a date and what they were shown, records a network meeting, and the team manager
sees the board's "no network members told" signal clear. Every page scanned with axe."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from app.models.enums import Category, Role
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import (
    PASSWORD,
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def _date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_network_is_told_the_worries_and_meets(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North")
    make_user(session, role=Role.supervisor, team=team, name="Alex Morgan",
              email="alex.morgan@example.org")
    sam = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    make_adult(session, case=case, given_name="Pat", children=[(mia, "grandmother")])
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia when he drinks")
    session.commit()

    sign_in(page, "alex.morgan@example.org", PASSWORD)
    scan(page)
    page.goto(f"/teams/{team.id}/board?signal=network_not_told")
    expect(page.locator(f"#case-{case.id}")).to_be_visible()
    scan(page)
    page.get_by_role("button", name="Sign out").click()
    scan(page)

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    scan(page)
    page.get_by_role("navigation", name="Case sections").get_by_role(
        "link", name="Safety network").click()
    expect(page.locator("#network-size")).to_contain_text("0 members")
    scan(page)
    today = date.today()
    # Gran, from the case, told today.
    page.get_by_label("Someone already on the case").select_option(label="Pat Harper")
    page.get_by_label("Who they are to the family, and their part in the network").fill(
        "Gran; has Mia after school")
    _date(page, "When they were told about the worries (if they have been)", today)
    page.get_by_label("What they were shown or told").fill("The danger statements")
    page.get_by_label("Agreed to help").check()
    page.get_by_role("button", name="Add to the network").click()
    expect(page.get_by_text("They have been added to the network.")).to_be_visible()
    scan(page)
    # A neighbour and an aunt, not on the case.
    for name, role in (("Mrs Khan", "Neighbour"), ("Aunt Joy", "Mia's aunt")):
        page.get_by_text("Add someone to the network").click()
        page.get_by_label("Name (if they are not on the case)").fill(name)
        page.get_by_label("Who they are to the family, and their part in the network").fill(role)
        page.get_by_role("button", name="Add to the network").click()
        expect(page.get_by_text("They have been added to the network.")).to_be_visible()
        scan(page)
    expect(page.locator("#network-size")).to_contain_text("3 members, 1 told")
    # Mrs Khan is told too, later.
    page.get_by_role("link", name="Change Mrs Khan").click()
    scan(page)
    _date(page, "When they were told about the worries", today)
    page.get_by_label("What they were shown or told").fill("The danger statements and goals")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator("#network-size")).to_contain_text("3 members, 2 told")
    scan(page)
    # A meeting with both.
    page.get_by_text("Record a network meeting").click()
    _date(page, "Day of the meeting", today)
    page.get_by_label("Pat Harper").check()
    page.get_by_label("Mrs Khan").check()
    page.get_by_label("What was agreed").fill("Gran has Mia after school; Mrs Khan is next door")
    scan(page)
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("The meeting has been recorded.")).to_be_visible()
    scan(page)
    expect(page.locator("#meetings ~ .govuk-summary-card").first).to_contain_text(
        "Mrs Khan, Pat Harper")
    scan(page)
    screenshot(page, "safety-network")
    page.get_by_role("button", name="Sign out").click()
    scan(page)

    sign_in(page, "alex.morgan@example.org", PASSWORD)
    scan(page)
    page.goto(f"/teams/{team.id}/board?signal=network_not_told")
    expect(page.locator(f"#case-{case.id}")).to_have_count(0)
    expect(page.get_by_text(re.compile("No open cases match"))).to_be_visible()
    scan(page)
