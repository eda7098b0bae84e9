"""Issue #4: a worker maps the family's case in the browser: harm, a danger statement and its
safety goal, scores from the worker and from mum, then a review that carries it forward.
Each step happens in place (htmx), and every state is scanned with axe."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import PASSWORD, make_adult, make_case, make_child, make_team, make_user


def test_map_a_case_then_review_it(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North Locality")
    worker = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    scan(page)
    page.get_by_role("navigation", name="Case sections").get_by_role(
        "link", name="Mappings"
    ).click()
    expect(page.get_by_text("No mappings yet")).to_be_visible()
    scan(page)

    # Start the mapping with mum taking part.
    page.get_by_role("button", name="Start a new mapping").click()
    scan(page)
    page.get_by_label("Initial assessment").check()
    page.get_by_label("Jade Harper").check()
    page.get_by_role("button", name="Start the mapping").click()
    expect(page.get_by_text("Who took part: Jade Harper")).to_be_visible()
    mapping_url = page.url
    board = page.locator("#board")
    expect(board.locator(".app-category--empty")).to_have_count(5)  # what a first map expects
    scan(page)
    screenshot(page, "mapping-empty")

    # Harm, added in place: the address does not change.
    page.get_by_role("link", name="Add to Harm").click()
    form = page.locator("form.app-item-form")
    # Focus moves to the form's heading, so a screen reader announces where the worker is.
    expect(form.get_by_role("heading", name="Add to: Harm")).to_be_focused()
    scan(page)
    form.get_by_label("What the adult did").fill("Lee hit Mia on the arm during an argument")
    form.get_by_label("The impact on the child").fill("Mia had a bruise and was scared to go home")
    form.get_by_label("How serious").select_option("serious")
    form.get_by_role("button", name="Add", exact=True).click()
    harm = page.locator("#cat-harm .app-item")
    expect(harm).to_have_count(1)
    expect(harm).to_contain_text("Lee hit Mia on the arm")
    expect(page).to_have_url(mapping_url)
    expect(page.locator("#cat-harm")).not_to_have_class(re.compile("app-category--empty"))
    scan(page)

    # A danger statement: the board now asks for its safety goal.
    page.get_by_role("link", name="Add to Danger statements").click()
    form = page.locator("form.app-item-form")
    form.get_by_label("Who is worried").fill("Children's Services and Mia's school")
    # A label instead of a description: the plain words check says so as the worker types.
    form.get_by_label("What the adults did or may do").fill("There is domestic violence")
    findings = form.locator(".app-findings")
    expect(findings).to_contain_text("is a label: say who did what")
    expect(findings).to_contain_text("You can still save")
    scan(page)
    form.get_by_label("What the adults did or may do").fill(
        "Lee may hit Mia again when he and Jade argue"
    )
    form.get_by_label("What could happen to the children if nothing changes").fill(
        "Mia could be badly hurt and grow up frightened at home."
    )
    form.get_by_label("Disagrees").check()
    form.get_by_label("What the family said, in their words").fill("It was a one-off")
    form.get_by_role("button", name="Add", exact=True).click()
    danger = page.locator("#cat-danger_statement .app-item")
    expect(danger).to_contain_text("Lee may hit Mia again")
    expect(danger).to_contain_text("It was a one-off")
    signals = page.locator("#signals")
    expect(signals).to_contain_text("has no safety goal")
    scan(page)

    # Its safety goal, paired with it: the signal goes.
    page.get_by_role("link", name="Add to Safety goals").click()
    form = page.locator("form.app-item-form")
    form.get_by_label("Which danger statement this goal answers").select_option(index=1)
    form.get_by_label("What the parents or carers will be doing").fill(
        "Jade and Lee will sort out arguments away from Mia, and Jade will call Gran to help"
    )
    form.get_by_label("For how long it must be kept up").fill("6 months")
    scan(page)
    form.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#cat-safety_goal .app-item")).to_contain_text("sort out arguments")
    expect(signals).not_to_contain_text("has no safety goal")
    expect(danger).to_contain_text("Safety goal:")
    scan(page)

    # Scores for the pair: the worker, then mum, each picked from one list, the score a row
    # of eleven buttons.
    pair = page.locator(".app-scale__pair").first
    pair.locator("summary").click()
    pair.get_by_label("Who is giving the score").select_option("me")
    pair.get_by_role("radio", name="3", exact=True).check()
    pair.get_by_label("Why this score").fill("Only two weeks since the last incident")
    scan(page)
    pair.get_by_role("button", name="Save score").click()
    expect(page.locator(".app-scale__pair").first.locator("table")).to_contain_text("Sam Patel")

    pair = page.locator(".app-scale__pair").first
    pair.locator("summary").click()
    pair.get_by_label("Who is giving the score").select_option(label="Jade Harper (parent)")
    pair.get_by_role("radio", name="7", exact=True).check()
    pair.get_by_role("button", name="Save score").click()
    pair = page.locator(".app-scale__pair").first
    table = pair.locator("table")
    expect(table).to_contain_text("Jade Harper")
    expect(table.get_by_label("7 out of 10")).to_be_visible()
    # The spread between raters, with who gave what: not an average.
    expect(pair.locator(".app-spread")).to_contain_text("Lowest: 3 (Sam Patel)")
    expect(pair.locator(".app-spread")).to_contain_text("Highest: 7 (Jade Harper)")
    expect(signals).not_to_contain_text("Nobody has given a safety score")
    scan(page)
    screenshot(page, "mapping-filled")

    # Everything was saved: a fresh load shows the same board.
    page.reload()
    expect(page.locator("#cat-danger_statement .app-item")).to_have_count(1)
    scan(page)

    # Share it with the family, recording where Jade stands (she disagrees), then start a
    # review: the items come forward.
    page.get_by_role("link", name="Share with the family").click()
    jade = page.get_by_role("group", name="Jade Harper (parent)")
    jade.get_by_label("Disagrees").check()
    page.get_by_label("What Jade said, in their words (optional)").fill("It was a one-off")
    scan(page)
    page.get_by_role("button", name="Record as shared with the family").click()
    expect(page).to_have_url(mapping_url)
    expect(page.get_by_text("Shared with the family on")).to_be_visible()
    expect(page.locator("#family-positions")).to_contain_text("Jade Harper: Disagrees")
    expect(page.get_by_role("link", name=re.compile("^Add to"))).to_have_count(0)
    scan(page)
    page.get_by_role("button", name="Start a review from this mapping").click()
    # The review asks for its date and who takes part, with this mapping's people ticked.
    expect(page.get_by_role("heading", name="Start a review")).to_be_visible()
    expect(page.get_by_label("Jade Harper")).to_be_checked()
    scan(page)
    page.get_by_role("button", name="Start the review").click()
    expect(page).not_to_have_url(mapping_url)
    expect(page.get_by_role("heading", name=re.compile("^Review"))).to_be_visible()
    expect(page.locator("#cat-danger_statement .app-item")).to_contain_text("carried forward")
    expect(page.locator("#cat-safety_goal .app-item")).to_contain_text("sort out arguments")
    expect(page.locator("#cat-harm .app-item")).to_contain_text("Lee hit Mia")
    scan(page)
    # The review's details are changed while it is a draft, then it is shared in its turn.
    page.get_by_role("link", name="Change the date and who took part").click()
    expect(page.get_by_role("heading", name="Change the date and who took part")).to_be_visible()
    scan(page)
    page.get_by_label("Professionals and others who took part").fill("Ana Lopez, school nurse")
    page.get_by_role("button", name="Save the details").click()
    expect(page.get_by_text("Who took part: Jade Harper, Ana Lopez (school nurse)")).to_be_visible()
    scan(page)
    page.get_by_role("link", name="Share with the family").click()
    scan(page)
    page.get_by_role("button", name="Record as shared with the family").click()
    expect(page.get_by_text("Shared with the family on")).to_be_visible()
    scan(page)

    # The case's scaling chart shows both raters.
    page.get_by_role("navigation", name="Case sections").get_by_role(
        "link", name="Mappings"
    ).click()
    chart = page.get_by_role("img", name=re.compile("Safety scale"))
    expect(chart.first).to_be_visible()
    expect(page.locator("svg.app-scale-chart").first).to_contain_text("Jade Harper")
    scan(page)
