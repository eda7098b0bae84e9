"""Issue #22: a team manager signs off a mapping the father disagrees with, scores it at
sign-off, and sees the spread between raters on the board. Every page is scanned with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from app.models.enums import Category, FamilyView, RaterKind, Role
from app.schemas.family_position import PositionIn
from app.schemas.mapping import AgreeIn
from app.services import mapping as mapping_service
from app.services.audit import SYSTEM
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import (
    PASSWORD,
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_rating,
    make_team,
    make_user,
)


def test_a_manager_signs_off_a_map_the_father_disagrees_with(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North Locality")
    make_user(session, role=Role.supervisor, team=team, name="Alex Morgan",
              email="alex.morgan@example.org")
    sam = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    lee = make_adult(session, case=case, given_name="Lee", children=[(mia, "father")])
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Lee may hit Mia when he has been drinking",
              family_view=FamilyView.disagrees, family_view_words="I never touched her")
    make_rating(session, mapping=mapping, score=3, rater_name="Sam Patel")
    make_rating(session, mapping=mapping, score=9, person=lee, rater_kind=RaterKind.parent)
    session.commit()  # the items and scores, before it is shared
    mapping = mapping_service.load(session, case=case, mapping_id=mapping.id)
    mapping_service.agree(session, case=case, mapping=mapping, expected_version=None,
                          actor=SYSTEM, data=AgreeIn(note="Read through at home", positions=[
                              PositionIn(person_id=lee.id, position=FamilyView.disagrees,
                                         words="I never touched her")]))
    session.commit()

    sign_in(page, "alex.morgan@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}")
    expect(page.locator("#family-positions")).to_contain_text("Lee Harper: Disagrees")
    scan(page)

    # The manager gives their own overall score, then signs off with a note.
    page.get_by_role("button", name="Score together").click()
    expect(page.get_by_role("heading", name="Score together")).to_be_visible()
    scan(page)
    me = page.get_by_role("group",
                          name=re.compile(r"^Alex Morgan \(me, team manager\)\s*: overall"))
    me.get_by_label(re.compile(r"^2 from ")).click()
    page.get_by_role("button", name="Save the scores").click()
    expect(page.get_by_text("1 score saved.")).to_be_visible()
    scan(page)
    page.get_by_text("Sign off this mapping", exact=True).first.click()
    page.get_by_label("Your note at sign-off (optional)").fill(
        "Bottom line stands: no contact while drinking")
    page.get_by_role("button", name="Sign off this mapping").click()
    expect(page.get_by_text("Signed off", exact=True).first).to_be_visible()
    expect(page.locator("#family-positions")).to_contain_text("Lee Harper: Disagrees")
    scan(page)
    screenshot(page, "signed-off-with-disagreement")

    # The board shows the spread between raters, not an average, and finds it by filter.
    page.get_by_role("link", name="Team board").click()
    row = page.locator(f"#case-{case.id}")
    expect(row).to_contain_text("2 (Alex Morgan) to 9 (Lee Harper)")
    expect(row).to_contain_text("far apart")
    scan(page)
    page.get_by_label("Show cases with").select_option("raters_apart")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(f"#case-{case.id}")).to_be_visible()
    scan(page)
