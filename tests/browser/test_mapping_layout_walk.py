"""Issue #23, part 4: the usual mapping page is a working surface in the room. At 1366 x 768
and 1024 x 768 the three columns are in view when the page opens; adding an item opens a
wide panel beside the map, not a form squeezed into a column, and Escape closes it; at
390 px nothing scrolls sideways. Screenshots of what the screen shows are kept."""

from __future__ import annotations

from playwright.sync_api import Page, expect

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

COLUMNS = ("worried", "working_well", "needs_to_happen")


def test_the_map_is_in_view_and_adding_opens_a_wide_panel(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session)
    sam = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Lee may hit Mia when he has been drinking")
    make_item(session, mapping=mapping, category=Category.safety_goal,
              sg_carers_doing="Jade keeps Mia away from Lee when he drinks",
              pairs_with_id=danger.id)
    make_item(session, mapping=mapping, category=Category.existing_strength,
              text="Jade walks Mia to school every day")
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    for width in (1366, 1024):
        page.set_viewport_size({"width": width, "height": 768})
        page.goto(f"/cases/{case.id}/mappings/{mapping.id}")
        scan(page)
        for col in COLUMNS:
            box = page.locator(f"#col-{col}").bounding_box()
            assert box is not None
            # The column's heading and a good part of what is under it are on the screen.
            assert box["y"] >= 0 and box["y"] + box["height"] <= 768 * 0.6, (width, col, box)
        first = page.locator(".app-category").first.bounding_box()
        assert first is not None and first["y"] < 768 * 0.7, (width, first)
        screenshot(page, f"mapping-{width}", full_page=False)

    # Adding opens a wide panel; the worries column stays in view beside it.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}")
    page.get_by_role("link", name="Add to Next steps").click()
    panel = page.get_by_role("form", name="Add to: Next steps")
    expect(panel).to_be_visible()
    expect(page.get_by_role("heading", name="Add to: Next steps")).to_be_focused()
    box = panel.bounding_box()
    worried = page.locator("#col-worried").bounding_box()
    assert box is not None and worried is not None
    assert box["width"] >= 500, box
    assert box["x"] >= worried["x"] + worried["width"], (box, worried)
    scan(page)
    screenshot(page, "mapping-add-panel-1366", full_page=False)
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    # Added through the panel, the item is in its column.
    page.get_by_role("link", name="Add to Next steps").click()
    page.get_by_label("What needs to happen next").fill("Jade and Gran make a plan")
    page.get_by_role("form", name="Add to: Next steps").get_by_role("button", name="Add").click()
    expect(page.locator("#cat-next_step")).to_contain_text("Jade and Gran make a plan")
    scan(page)

    # On a phone: the columns stack and nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}")
    scan(page)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, wide
    screenshot(page, "mapping-390")
