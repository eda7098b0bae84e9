"""Issue #23: scoring in the room takes seconds. Four people score two worries and the
overall question in 20 clicks or fewer, every page scanned with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from app.models.enums import Category
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


def test_four_people_score_two_worries_and_overall_in_twenty_clicks(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session)
    sam = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    make_adult(session, case=case, given_name="Lee", children=[(mia, "father")])
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia when he has been drinking")
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Jade may leave Mia alone at night")
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}")
    scan(page)
    clicks = 0

    def click(target: Locator) -> None:
        nonlocal clicks
        clicks += 1
        target.click()

    click(page.get_by_role("button", name="Score together"))
    expect(page.get_by_role("heading", name="Score together")).to_be_visible()
    scan(page)
    people = ["Sam Patel (me, social worker)", "Jade Harper (parent)", "Lee Harper (parent)",
              "Mia Harper (child)"]
    for n, who in enumerate(people):
        for q, group in enumerate(page.get_by_role("group", name=who).all()):
            click(group.get_by_label(re.compile(rf"^{(n + q * 2) % 11} from ")))
    click(page.get_by_role("button", name="Save the scores"))
    expect(page.get_by_text("12 scores saved.")).to_be_visible()
    scan(page)
    screenshot(page, "scored-together")
    assert clicks <= 20, clicks
    scale = page.locator("#scale")
    for who in ("Sam Patel", "Jade Harper", "Lee Harper", "Mia Harper"):
        expect(scale).to_contain_text(who)

    # The meeting view, as the family sees it on the screen in the room: large, without the
    # prompts for supervision, at a laptop's and a tablet's width.
    page.get_by_role("link", name="Meeting view").click()
    expect(page.get_by_role("heading", name="Harper family: what we are talking about")
           ).to_be_visible()
    expect(page.get_by_text("Things to look at")).to_have_count(0)
    scan(page)
    for width, height in ((1366, 768), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        screenshot(page, f"meeting-view-{width}")
