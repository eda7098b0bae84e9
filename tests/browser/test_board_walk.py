"""Issue #6: the team manager finds a danger statement without a goal on the board, adds the
goal from there, and the case leaves the filter. Another team's worker gets Page not found."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from app.models.enums import Category, Role
from tests.browser.conftest import scan, sign_in, sign_in_elsewhere
from tests.factories import (
    PASSWORD,
    make_case,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_user,
)


def test_board_to_goal_and_back(page: Page, browser: Browser, base_url: str, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North Locality")
    make_user(session, role=Role.supervisor, team=team, name="Alex Morgan",
              email="alex@example.org")
    sam = make_user(session, team=team, name="Sam Patel")
    harper = make_case(session, team=team, worker=sam, family_name="Harper")
    m = make_mapping(session, case=harper)
    make_item(session, mapping=m, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia again when he and Jade argue")
    brooks = make_case(session, team=team, worker=sam, family_name="Brooks")
    b = make_mapping(session, case=brooks)
    d = make_item(session, mapping=b, category=Category.danger_statement, ds_behaviour="x")
    make_item(session, mapping=b, category=Category.safety_goal, sg_carers_doing="y",
              pairs_with_id=d.id)
    make_rating(session, mapping=b, score=5)
    other_team = make_team(session, name="South")
    make_user(session, team=other_team, name="Jo Kaur", email="jo@example.org")
    session.commit()

    sign_in(page, "alex@example.org", PASSWORD)
    scan(page)
    page.get_by_role("link", name="Team board").click()
    expect(page.get_by_role("heading", name="Team board", level=1)).to_be_visible()
    scan(page)

    page.get_by_label("Show cases with").select_option("danger_without_goal")
    page.get_by_role("button", name="Show").click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Harper", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="Brooks", exact=True)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"signal=danger_without_goal"))
    scan(page)
    board_url = page.url

    results.get_by_role("link", name="0 of 1").click()
    expect(page).to_have_url(re.compile(rf"/cases/{harper.id}/mappings/{m.id}#cat-danger_statement"))
    scan(page)
    page.get_by_role("link", name="Add to Safety goals").click()
    form = page.locator("form.app-item-form")
    form.get_by_label("Which danger statement this goal answers").select_option(index=1)
    form.get_by_label("What the parents or carers will be doing").fill(
        "Jade and Lee will sort out arguments away from Mia"
    )
    form.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#signals")).not_to_contain_text("has no safety goal")
    scan(page)

    page.goto(board_url)
    expect(page.locator("#results")).to_contain_text("No open cases match.")
    scan(page)
    page.get_by_label("Show cases with").select_option("")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(f"#case-{harper.id}")).to_contain_text("1 of 1")
    scan(page)

    # The team manager chooses what their team's closure maps are expected to have.
    page.get_by_role("link", name="Category names").click()
    scan(page)
    page.get_by_role("link", name="Choose which categories each kind of mapping is expected "
                                   "to have").click()
    expect(page.get_by_role("heading", name="What each kind of mapping is expected to have")
           ).to_be_visible()
    scan(page)
    page.get_by_label("Closure: Existing safety").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved")
    expect(page.get_by_label("Closure: Existing safety")).not_to_be_checked()
    scan(page)

    # A worker in another team cannot open this board.
    other, p2 = sign_in_elsewhere(browser, base_url, "jo@example.org", PASSWORD)
    try:
        response = p2.goto(f"/teams/{team.id}/board")
        assert response is not None and response.status == 404
        expect(p2.locator("body")).not_to_contain_text("Harper")
        scan(p2)
    finally:
        other.close()
