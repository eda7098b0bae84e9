"""Issue #20 in the browser: an in-place change sent from a form that was changed by hand is
refused, and the page says so at its top instead of doing nothing or breaking the column."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from app.models.enums import Category
from tests.browser.conftest import scan, sign_in
from tests.factories import PASSWORD, make_case, make_item, make_mapping, make_team, make_user


def test_a_tampered_in_place_form_is_refused_with_a_message(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session)
    sam = make_user(session, team=team, name="Sam Patel", email="sam@example.org")
    case = make_case(session, team=team, worker=sam)
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.existing_strength,
              text="Nana visits every day")
    session.commit()

    sign_in(page, "sam@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}")
    scan(page)
    page.get_by_role("link", name="Change “Nana visits every day”").click()
    form = page.locator("form.app-item-form")
    expect(form.get_by_role("button", name="Remove")).to_be_visible()
    # Someone changes the hidden version by hand before removing the item.
    form.locator('input[name="version"]').evaluate("el => el.value = 'abc'")
    form.get_by_role("button", name="Remove").click()

    flash = page.locator("#app-flash")
    expect(flash).to_be_visible()
    expect(flash).to_contain_text("This form was changed or is out of date")
    expect(page.locator("#board")).to_contain_text("Nana visits every day")
    scan(page)
