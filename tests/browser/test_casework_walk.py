"""Issue #22 part 1: a worker records a home visit where the children were seen alone, links
it to what it told us on the mapping, finds it in the child's chronology, and adds the
school's letter to the case. Every page and state the browser reaches is scanned with axe."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from app.models.enums import Category
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import (
    PASSWORD,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def test_a_home_visit_reaches_the_childs_chronology(page: Page, session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North Locality")
    make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    worker = make_user(session, team=team, name="Jo Reed", email="jo.reed@example.org")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    leo = make_child(session, case=case, given_name="Leo", date_of_birth=date(2020, 2, 3))
    make_item(session, mapping=make_mapping(session, case=case),
              category=Category.existing_safety, text="Grandma Pat stays over on Fridays")
    session.commit()
    day = date.today() - timedelta(days=1)

    sign_in(page, "jo.reed@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    scan(page)
    page.get_by_role("link", name="Notes and visits").click()
    expect(page.get_by_role("heading", name="Notes and visits")).to_be_visible()
    expect(page.locator("#last-seen")).to_contain_text("Not seen on a recorded visit")
    scan(page)

    page.get_by_role("link", name="Record a visit").click()
    expect(page.get_by_role("heading", name="Record a visit or note", level=1)).to_be_visible()
    expect(page.get_by_role("radio", name="Visit")).to_be_checked()
    scan(page)
    # Mia was seen alone, but "seen" was not ticked: the form says so beside the children.
    page.get_by_role("group", name="When did it happen?").get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Time (optional)").fill("16:15")
    page.get_by_label("Summary").fill("Home visit after school")
    page.get_by_label("Where (visits and meetings)").fill("The family home")
    page.get_by_label("Mia was seen alone").check()
    page.get_by_label("Leo was seen", exact=True).check()
    page.get_by_label("What happened").fill(
        "Mia showed me her room. She said Grandma Pat stayed over on Friday.")
    page.get_by_label(re.compile("Grandma Pat stays over on Fridays")).check()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Mia was seen alone, so tick that they were seen too")
    expect(page.locator("#children-error")).to_be_visible()
    expect(page.get_by_label("Summary")).to_have_value("Home visit after school")
    expect(page.get_by_label("Mia was seen alone")).to_be_checked()
    scan(page)
    screenshot(page, "visit-error")

    page.get_by_label("Mia was seen", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Visit: Home visit after school")).to_be_visible()
    expect(page.locator(f"#child-{mia.id}")).to_have_text("Mia Harper: seen alone")
    expect(page.locator(f"#child-{leo.id}")).to_have_text("Leo Harper: seen")
    expect(page.locator("#note-items")).to_contain_text("Grandma Pat stays over on Fridays")
    expect(page.locator("#note-history")).to_contain_text("Jo Reed recorded a visit")
    scan(page)
    screenshot(page, "visit-recorded")

    # The notes list now knows when each child was last seen, and seen alone.
    page.get_by_role("link", name="Back to notes and visits").click()
    row = page.get_by_role("row", name=re.compile("Mia Harper"))
    expect(row).to_contain_text(f"{day:%-d %B %Y}")
    expect(page.get_by_role("row", name=re.compile("Leo Harper"))).to_contain_text(
        "Not seen alone on a recorded visit")
    scan(page)

    row.get_by_role("link", name="Mia's chronology").click()
    expect(page.get_by_role("heading", name="Chronology for Mia Harper")).to_be_visible()
    table = page.locator("#chronology")
    expect(table).to_contain_text("Visit: Home visit after school")
    expect(table).to_contain_text("Mia was seen alone")
    expect(table).to_contain_text("Born")
    scan(page)
    page.get_by_label("Case events").uncheck()
    page.get_by_label("Mappings").uncheck()
    page.get_by_role("button", name="Show").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name="Print (PDF)")).to_have_attribute(
        "href", re.compile(r"chronology\.pdf\?source=visit"))
    scan(page)
    screenshot(page, "chronology")

    # The school's letter, added to the case from the documents page.
    letter = tmp_path / "school-letter.txt"
    letter.write_text("Leo has been on time every day this half term.")
    page.goto(f"/cases/{case.id}/documents")
    scan(page)
    page.get_by_label("The file", exact=True).set_input_files(str(letter))
    page.get_by_role("button", name="Add the file").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a title")
    scan(page)
    page.get_by_label("The file", exact=True).set_input_files(str(letter))
    page.get_by_label("Title").fill("Letter from Northfield Primary")
    page.get_by_label("Who sent it (optional)").fill("Northfield Primary School")
    page.get_by_role("button", name="Add the file").click()
    expect(page.get_by_role("link", name="Letter from Northfield Primary")).to_be_visible()
    expect(page.locator("#files + .app-table-wrap")).to_contain_text("Northfield Primary School")
    scan(page)
