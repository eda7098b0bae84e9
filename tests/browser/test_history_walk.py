"""Issue #3: a practitioner changes a child's date of birth and the History tab says so in a
readable sentence, newest first; the administrator cannot open the case at all."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import scan, sign_in, sign_in_elsewhere
from tests.factories import PASSWORD, make_case, make_child, make_team, make_user


def test_a_change_shows_in_history_and_the_administrator_sees_nothing(
    page: Page, browser: Browser, base_url: str, session  # type: ignore[no-untyped-def]
) -> None:
    from app.models.enums import Role

    team = make_team(session, name="North Locality")
    worker = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    make_user(session, role=Role.administrator, name="Robin Ellis", email="robin@example.org")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.get_by_role("link", name="Harper family").click()
    scan(page)

    # Change Mia's date of birth through the plain edit form.
    page.get_by_role("link", name="Change Mia Harper").click()
    expect(page.get_by_role("heading", name="Change Mia Harper")).to_be_visible()
    scan(page)
    dob = page.get_by_role("group", name="Date of birth", exact=True)
    expect(dob.get_by_label("Day")).to_have_value("1")
    dob.get_by_label("Day").fill("3")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(re.compile(rf"/cases/{case.id}(#person-{mia.id})?$"))
    expect(page.locator(f"#person-{mia.id}")).to_contain_text("3 May 2018")
    scan(page)

    # The History tab, reached from the keyboard: focus the tab link and press Enter.
    tabs = page.get_by_role("navigation", name="Case sections")
    history_link = tabs.get_by_role("link", name="History")
    history_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/cases/{case.id}/history$"))
    expect(page.get_by_role("heading", name="History", level=2)).to_be_visible()
    entries = page.locator(".app-history > li")
    expect(entries.first).to_contain_text(
        "Sam Patel changed date of birth from 1 May 2018 to 3 May 2018 for Mia Harper"
    )
    expect(entries.first).to_contain_text("in the browser")
    # Newest first: adding Mia to the case (made before, by the system) comes after.
    expect(entries.nth(1)).to_contain_text("Mia Harper")
    scan(page)

    # The administrator manages accounts and cannot open any case: 404, and nothing shows.
    admin, admin_page = sign_in_elsewhere(browser, base_url, "robin@example.org", PASSWORD)
    try:
        for path in (f"/cases/{case.id}", f"/cases/{case.id}/history"):
            response = admin_page.goto(path)
            assert response is not None and response.status == 404
            expect(admin_page.get_by_role("heading", level=1)).to_have_text("Page not found")
            body = admin_page.locator("body")
            expect(body).not_to_contain_text("Harper")
            expect(body).not_to_contain_text("Mia")
            scan(admin_page)
    finally:
        admin.close()
