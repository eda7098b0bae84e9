"""Issue #2: a practitioner signs in, opens a family's case and adds a child, first forgetting
the date of birth. Every page and every state the browser reaches is scanned with axe."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import PASSWORD, make_adult, make_case, make_child, make_team, make_user


def test_add_a_child_forgetting_the_date_of_birth(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North Locality")
    worker = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    noah = make_child(session, case=case, given_name="Noah", date_of_birth=date(2021, 9, 14))
    jade = make_adult(
        session, case=case, given_name="Jade", children=[(mia, "mother"), (noah, "mother")]
    )
    session.commit()

    # Sign in: the case list shows the family.
    sign_in(page, "sam.patel@example.org", PASSWORD)
    expect(page).to_have_url(re.compile(r"/cases$"))
    expect(page.get_by_role("heading", name="Cases", level=1)).to_be_visible()
    family = page.get_by_role("link", name="Harper family")
    expect(family).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Harper family"))).to_contain_text("Sam Patel")
    scan(page)

    # Open the case: the family, its two children and the adult.
    family.click()
    expect(page).to_have_url(re.compile(rf"/cases/{case.id}$"))
    expect(page.get_by_role("heading", name=re.compile("^Harper family"), level=1)).to_be_visible()
    people = page.locator("#people")
    for name in ("Mia Harper", "Noah Harper", "Jade Harper"):
        expect(people.get_by_role("heading", name=name, level=3)).to_be_visible()
    expect(page.locator(f"#person-{mia.id}")).to_contain_text("1 May 2018")
    expect(page.locator(f"#person-{jade.id}")).to_contain_text("Mother to Noah")
    scan(page)
    screenshot(page, "case-page")

    # "Add a child": htmx loads the form into this page, so the address does not change.
    page.get_by_role("link", name="Add a child").click()
    form = page.locator("#person-form")
    expect(form.get_by_role("heading", name="Add a child")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/cases/{case.id}$"))
    expect(page.get_by_role("heading", name="Mia Harper")).to_be_visible()  # still the case page
    scan(page)

    # Submit without a date of birth.
    form.get_by_label("First name").fill("Leo")
    form.get_by_label("Family name (surname)").fill("Harper")
    form.get_by_role("button", name="Add child").click()

    message = "Enter the child's date of birth, or the expected date if the baby is not born yet"
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    dob_group = page.locator(".govuk-form-group--error").filter(
        has=page.get_by_role("group", name="Date of birth", exact=True)
    )
    expect(dob_group).to_have_count(1)
    expect(dob_group.locator(".govuk-error-message")).to_have_text(f"Error: {message}")
    expect(dob_group.locator(".govuk-error-message")).to_be_visible()
    # Only the date of birth is wrong, and what was typed is kept.
    expect(page.locator(".govuk-error-message")).to_have_count(1)
    expect(form.get_by_label("First name")).to_have_value("Leo")
    # Keyboard and screen reader users are taken to the summary, as GOV.UK Frontend does.
    expect(summary).to_be_focused()
    expect(page).to_have_url(re.compile(rf"/cases/{case.id}$"))
    scan(page)
    screenshot(page, "add-child-error")

    # The summary's link takes you to the date-of-birth boxes.
    summary.get_by_role("link", name=message).click()
    dob = page.get_by_role("group", name="Date of birth", exact=True)
    expect(dob.get_by_label("Day")).to_be_focused()

    # Fill in the date of birth and submit again.
    dob.get_by_label("Day").fill("3")
    dob.get_by_label("Month").fill("7")
    dob.get_by_label("Year").fill("2016")
    page.get_by_role("button", name="Add child").click()

    expect(page.get_by_role("status").filter(has_text="Leo Harper has been added")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.locator("#person-form")).to_have_count(0)
    leo = people.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name="Leo Harper")
    )
    expect(leo).to_contain_text("3 July 2016")
    scan(page)

    # It was saved: the child is still there when the page is loaded afresh.
    page.reload()
    expect(page.get_by_role("heading", name="Leo Harper", level=3)).to_be_visible()
    expect(page.locator(".govuk-summary-card")).to_have_count(4)
    scan(page)
