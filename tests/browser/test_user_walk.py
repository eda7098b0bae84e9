"""Issue #22 part 3: an administrator creates a user and a token in the browser; the new
user signs in with the temporary password and chooses their own. Every page and state the
browser reaches is scanned with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from app.models.enums import Role
from tests.browser.conftest import scan, screenshot, sign_in, sign_in_elsewhere
from tests.factories import PASSWORD, make_team, make_user


def test_an_administrator_creates_a_user_and_a_token(page: Page, browser: Browser,  # type: ignore[no-untyped-def]
                                                     base_url: str, session) -> None:
    make_team(session, name="North Locality")
    make_user(session, role=Role.administrator, name="Robin Ellis",
              email="robin.ellis@example.org")
    session.commit()

    sign_in(page, "robin.ellis@example.org", PASSWORD)
    expect(page.get_by_role("heading", name="Users and teams", level=1)).to_be_visible()
    scan(page)
    page.get_by_role("link", name="Add a user").click()
    scan(page)
    page.get_by_label("Full name").fill("Jo Newman")
    page.get_by_label("Email address").fill("jo.newman@example")
    page.get_by_role("button", name="Add the user").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("right format")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select")
    scan(page)
    page.get_by_label("Email address").fill("jo.newman@example.org")
    page.get_by_label("Social worker").check()
    page.get_by_role("button", name="Add the user").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("belong to one")
    scan(page)
    page.get_by_label("Team", exact=True).select_option(label="North Locality")
    page.get_by_role("button", name="Add the user").click()
    expect(page.get_by_role("heading", name="Account added")).to_be_visible()
    temporary = page.locator("#secret").inner_text()
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", temporary)
    scan(page)
    screenshot(page, "admin-user-added")

    page.get_by_role("link", name="Back to users and teams").click()
    page.get_by_role("link", name="Issue an API token").click()
    scan(page)
    page.get_by_label("Which system will use it").fill("Education data hub")
    page.get_by_label("Read only").check()
    page.get_by_label("Whose cases it reaches").select_option(label="North Locality")
    page.get_by_role("button", name="Issue the token").click()
    expect(page.get_by_role("heading", name="API token issued")).to_be_visible()
    secret = page.locator("#secret").inner_text()
    assert secret.startswith("sr_")
    scan(page)
    screenshot(page, "admin-token-issued")
    page.get_by_role("link", name="Back to users and teams").click()
    row = page.locator("tr", has_text="Education data hub")
    expect(row).to_contain_text("North Locality")
    expect(page.locator("body")).not_to_contain_text(secret)
    scan(page)

    # The new user signs in with the temporary password and chooses their own.
    context, jo = sign_in_elsewhere(browser, base_url, "jo.newman@example.org", temporary)
    try:
        expect(jo.get_by_role("heading", name="Choose your own password")).to_be_visible()
        scan(jo)
        jo.get_by_label("The temporary password you were given").fill(temporary)
        jo.get_by_label("New password", exact=True).fill("river stone lantern")
        jo.get_by_label("New password again").fill("river stone lantern")
        jo.get_by_role("button", name="Save my password").click()
        expect(jo.get_by_role("heading", name="Cases", level=1)).to_be_visible()
        scan(jo)
    finally:
        context.close()

    # The administrator revokes the token.
    row.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("revoked")
    expect(page.locator("tr", has_text="Education data hub")).to_contain_text("Revoked")
    scan(page)
