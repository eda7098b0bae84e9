"""Issue #14 (the safety plan, part 2) in a real browser: a worker starts the plan from the
family's mapping, writes three rules linked to the danger statements with who makes sure and
the warning signs, records the family's agreement, adds two monitoring entries, sees the
"no rule answers" signal clear, gives the family their copy through the documents register,
and sees the trajectory's "Safety plan developed" stage done by the record. Every page
scanned with axe. (Words and Pictures has its own walk.)"""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from app.models.enums import Category, Role
from app.models.network import NetworkMember
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


def test_a_worker_makes_and_monitors_a_safety_plan(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North")
    sam = make_user(session, role=Role.practitioner, team=team, name="Sam Patel",
                    email="sam.patel@example.org")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    mapping = make_mapping(session, case=case)
    worries = ["Ryan may hit Jade when he drinks", "Mia may be left alone at night",
               "Mia may miss school when Jade is unwell"]
    for w in worries:
        make_item(session, mapping=mapping, category=Category.danger_statement,
                  ds_behaviour=w)
    session.add(NetworkMember(case_id=case.id, name="Grandma Pat", role="Gran",
                              recorded_by_name="Sam Patel"))
    from app.schemas.trajectory import TrajectoryIn
    from app.services import trajectory
    from app.services.audit import SYSTEM
    trajectory.create(session, case=case, actor=SYSTEM,
                      data=TrajectoryIn(goal="Mia is safe at home with Jade"))
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    scan(page)
    page.get_by_role("navigation", name="Case sections").get_by_role(
        "link", name="Safety plan").click()
    expect(page.get_by_role("heading", name="No safety plan yet")).to_be_visible()
    scan(page)
    page.get_by_label("Which mapping does the plan answer?").select_option(index=1)
    page.get_by_role("button", name="Start the safety plan").click()
    expect(page.get_by_text("The safety plan has been started.")).to_be_visible()
    expect(page.locator("#plan-signals")).to_contain_text("No rule answers the worry")
    scan(page)

    rules = ["Ryan does not come to the flat when he has been drinking",
             "An adult is always at home with Mia at night",
             "Grandma Pat takes Mia to school when Jade is unwell"]
    for words, worry in zip(rules, worries, strict=True):
        form = page.locator("#rule-form")
        if not form.is_visible():
            page.get_by_text("Add a rule", exact=True).click()
        form.get_by_label("The rule, in the family's words").fill(words)
        form.get_by_label(worry, exact=False).check()
        form.get_by_label("Grandma Pat").check()
        form.get_by_label("Warning signs (optional)").fill("Jade sounds worried on the phone")
        form.get_by_role("button", name="Add the rule").click()
        expect(page.get_by_text("The rule has been added.")).to_be_visible()
        scan(page)
    expect(page.locator("#plan-signals")).to_have_count(0)
    expect(page.locator(".govuk-summary-card")).to_have_count(3)

    # The family agree.
    page.get_by_text("Record that someone agreed the plan", exact=True).click()
    page.locator("#signoff-form").get_by_label("Who agreed").select_option(label="Jade Harper")
    _date(page, "When they agreed", date.today())
    page.get_by_label("Said so at a meeting").check()
    scan(page)
    page.get_by_role("button", name="Record the agreement").click()
    expect(page.get_by_text("Their agreement has been recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name="Safety plan 1 Agreed")).to_be_visible()
    scan(page)

    # Two monitoring entries.
    for result, happened in (("Kept", ""), ("Slipped", "Ryan knocked at 10pm; Jade rang Pat")):
        page.get_by_text("Record how a rule went", exact=True).click()
        form = page.locator("#check-form")
        form.get_by_label("Which rule").select_option(index=1)
        _date(page, "When", date.today())
        form.get_by_label(result, exact=True).check()
        if happened:
            form.get_by_label("What happened (needed if it slipped or was broken)").fill(happened)
        form.get_by_role("button", name="Record the check").click()
        expect(page.get_by_text("The check has been recorded.")).to_be_visible()
        scan(page)
    expect(page.locator(".govuk-summary-card").first).to_contain_text("Slipped on")
    screenshot(page, "safety-plan")

    # The family's copy opens as a PDF, and is given through the documents register.
    link = page.get_by_role("link", name="The family's copy of this plan (PDF)")
    response = page.request.get(link.get_attribute("href") or "")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    page.get_by_text("Give the family their copy", exact=True).click()
    page.locator("#issue-plan-form").get_by_label("Who it is for").fill("Jade Harper")
    page.get_by_role("button", name="Give the copy").click()
    expect(page.get_by_text("The document has been issued and a copy kept.")).to_be_visible()
    expect(page.get_by_role("cell", name="Jade Harper")).to_be_visible()
    scan(page)

    # The trajectory: the plan agreed, so "Safety plan developed" is done by the record.
    page.goto(f"/cases/{case.id}")
    expect(page.locator("#trajectory-summary")).to_contain_text("Mia is safe at home")
    scan(page)
    page.get_by_role("link", name="See the case plan goal and the trajectory").click()
    row = page.get_by_role("row", name=re.compile("Safety plan developed"))
    expect(row).to_contain_text("Done")
    expect(row).to_contain_text("(from the record)")
    scan(page)
