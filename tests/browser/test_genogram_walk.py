"""Issue #13 (the family tree): a worker adds a grandmother and a grandfather who has died, a
new partner and a half-sibling, records how everyone is related and who lives where, and
sees the genogram update at each step with the same facts in words; a relationship that does
not fit is refused beside the field with the choices kept. (Adding three network members,
telling two the worries, a meeting and the board's signal clearing is
test_network_walk.py.) Every page scanned with axe."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from app.models.enums import Gender, Role
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import PASSWORD, make_adult, make_case, make_child, make_team, make_user


def _people(page: Page) -> Locator:
    return page.locator("svg.app-genogram g.person")


def _add_person(page: Page, case_id: int, kind: str, first: str, last: str,
                gender: str, *, role: str = "", died: bool = False) -> None:
    page.goto(f"/cases/{case_id}")
    page.get_by_role("link", name="Add a child" if kind == "child" else "Add an adult").click()
    form = page.locator("#person-form")
    expect(form).to_be_visible()
    scan(page)
    form.get_by_label("First name").fill(first)
    form.get_by_label("Family name (surname)").fill(last)
    if kind == "adult":
        form.get_by_label("How are they involved?").select_option(label=role)
        form.get_by_label("Gender (optional, for the family tree)").select_option(label=gender)
    else:
        form.get_by_label("Gender").select_option(label=gender)
        dob = page.get_by_role("group", name="Date of birth", exact=True)
        dob.get_by_label("Day").fill("10")
        dob.get_by_label("Month").fill("1")
        dob.get_by_label("Year").fill("2023")
    if died:
        form.get_by_label("Has died").check()
        when = page.get_by_role("group", name="Date they died (if known)")
        when.get_by_label("Day").fill("4")
        when.get_by_label("Month").fill("10")
        when.get_by_label("Year").fill("2018")
    form.get_by_role("button", name=f"Add {'child' if kind == 'child' else 'adult'}").click()
    expect(page.get_by_role("heading", name=f"{first} {last}", level=3)).to_be_visible()
    scan(page)


def _tie(page: Page, who: str, kind: str, whom: str) -> None:
    form = page.locator("#kinship-form")
    if not form.is_visible():
        page.get_by_text("Record a relationship", exact=True).click()
    form.get_by_label("Who", exact=True).select_option(label=who)
    form.get_by_label("is the", exact=True).select_option(label=kind)
    form.get_by_label("of", exact=True).select_option(label=whom)
    form.get_by_role("button", name="Record the relationship").click()


def test_a_worker_builds_the_family_tree(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North")
    sam = make_user(session, role=Role.practitioner, team=team, name="Sam Patel",
                    email="sam.patel@example.org")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    jade = make_adult(session, case=case, given_name="Jade")
    jade.gender = Gender.female
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    _add_person(page, case.id, "adult", "Pat", "Harper", "Female", role="Relative")
    _add_person(page, case.id, "adult", "Tom", "Harper", "Male", role="Relative", died=True)
    _add_person(page, case.id, "adult", "Ryan", "Cole", "Male", role="Carer")
    _add_person(page, case.id, "child", "Leo", "Cole", "Male")

    page.goto(f"/cases/{case.id}")
    page.get_by_role("navigation", name="Case sections").get_by_role(
        "link", name="Family tree").click()
    expect(page.get_by_role("heading", name="Genogram")).to_be_visible()
    # Only the two children until relationships are recorded.
    expect(_people(page)).to_have_count(2)
    scan(page)

    steps = [("Jade Harper", "parent", "Mia Harper"), ("Pat Harper", "parent", "Jade Harper"),
             ("Tom Harper", "parent", "Jade Harper"), ("Pat Harper", "partner", "Tom Harper"),
             ("Jade Harper", "partner", "Ryan Cole"), ("Jade Harper", "parent", "Leo Cole"),
             ("Ryan Cole", "parent", "Leo Cole"),
             ("Mia Harper", "half-brother or half-sister", "Leo Cole")]
    drawn = [3, 4, 5, 5, 6, 6, 6, 6]
    for (who, kind, whom), count in zip(steps, drawn, strict=True):
        _tie(page, who, kind, whom)
        expect(page.get_by_text("The relationship has been recorded.")).to_be_visible()
        expect(_people(page)).to_have_count(count)
        scan(page)

    # Three generations, in their rows.
    def row(name: str) -> str | None:
        return _people(page).filter(has=page.locator("title", has_text=name)).get_attribute(
            "data-generation")

    assert [row(n) for n in ("Pat Harper", "Jade Harper", "Mia Harper", "Leo Cole")] == [
        "0", "1", "2", "2"]
    assert _people(page).filter(has=page.locator("title", has_text="Tom Harper")).get_attribute(
        "data-deceased") == "true"
    expect(page.locator("svg.app-genogram polyline[data-kind=partner]")).to_have_count(2)
    facts = page.locator("#genogram-facts")
    expect(facts).to_contain_text("Tom Harper, male, died 4 October 2018")
    expect(page.locator(".app-kinship-list")).to_contain_text(
        "Mia Harper is Leo Cole's half-sister")

    # Mia recorded as her grandmother's parent: refused beside the field, choices kept.
    _tie(page, "Mia Harper", "parent", "Pat Harper")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("does not fit the family tree already recorded")
    expect(page.locator("#kind-error")).to_be_visible()
    expect(page.locator("#kinship-form").get_by_label("Who", exact=True)).to_have_value(
        page.locator("#kinship-form option", has_text="Mia Harper").first.get_attribute("value")
        or "")
    expect(_people(page)).to_have_count(6)
    scan(page)

    # Who lives where: the household is drawn around them.
    page.goto(f"/cases/{case.id}/family-tree")
    for name in ("Jade Harper", "Mia Harper", "Leo Cole", "Ryan Cole"):
        page.get_by_text("Record who lives where", exact=True).click()
        form = page.locator("#household-form")
        form.get_by_label("Who", exact=True).select_option(label=name)
        form.get_by_label("Household", exact=True).fill("Jade's flat")
        form.get_by_role("button", name="Record where they live").click()
        expect(page.get_by_text("Who lives there has been recorded.")).to_be_visible()
        scan(page)
    expect(page.locator("svg.app-genogram g.household")).to_have_count(1)
    expect(_people(page).filter(has=page.locator("title", has_text="Mia Harper"))
           ).to_have_attribute("data-households", "A")
    expect(page.locator("svg.app-ecomap")).to_have_count(2)
    screenshot(page, "genogram")
