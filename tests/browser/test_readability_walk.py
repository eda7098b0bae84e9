"""Issue #17 parts 2 and 4 in a real browser: a worker about to give the family their summary
sees the plain words check (a short form nobody explained, with the entry to change); giving
it as it is asks for a reason, next to the field; the worker changes the entry instead, the
check is clear, and the copy is given; then the same summary in Welsh, whose PDF is in Welsh
where translated and says what is not. Every page scanned with axe."""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from app.models.enums import Category, Role
from tests.browser.conftest import scan, sign_in
from tests.factories import (
    PASSWORD,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def test_worker_sees_the_check_changes_the_words_and_gives_the_copy(page: Page, session
                                                                     ) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North")
    sam = make_user(session, role=Role.practitioner, team=team, name="Sam Patel",
                    email="sam.readable@example.org")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       ds_behaviour="Ryan may hurt Jade again after the DV")
    make_item(session, mapping=mapping, category=Category.existing_strength,
              text="Jade walks Mia to school every day")
    session.commit()

    sign_in(page, "sam.readable@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}")
    scan(page)
    page.get_by_role("link", name="Give the family a copy").click()
    expect(page.get_by_role("heading", name="Plain words check")).to_be_visible()
    expect(page.get_by_text("The check found 1 thing the family may find hard to read")
           ).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="DV")).to_be_visible()
    expect(page.get_by_role("row", name="Your team's words")).to_contain_text("1")
    scan(page)

    # Giving it as it is asks why, beside the field; what was typed stays.
    page.get_by_label("Who are you giving it to?").fill("Jade Harper (mum)")
    page.get_by_role("button", name="Give them this copy").click()
    expect(page.get_by_role("link", name="say why they should have the document as it is")
           ).to_be_visible()
    expect(page.get_by_label("Who are you giving it to?")).to_have_value("Jade Harper (mum)")
    scan(page)

    # The worker changes the entry instead.
    page.get_by_role("link", name=re.compile(r"Change it\s*: What we are worried about")).click()
    scan(page)
    page.get_by_label("What the adults did or may do").fill(
        "Ryan may hit Jade again when they argue")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(f"#item-{danger.id}")).to_contain_text(
        "Ryan may hit Jade again when they argue")
    scan(page)
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}/issue")
    expect(page.get_by_text("No long sentences, jargon or unexplained short forms")
           ).to_be_visible()
    expect(page.get_by_label("Why should the family have it as it is?")).to_have_count(0)
    scan(page)
    page.get_by_label("Who are you giving it to?").fill("Jade Harper (mum)")
    page.get_by_role("button", name="Give them this copy").click()
    expect(page.get_by_text("Plain words check: nothing found")).to_be_visible()
    scan(page)

    # The same summary in Welsh: a translator puts the worry into Welsh first.
    page.goto(f"/cases/{case.id}/mappings/{mapping.id}/issue")
    scan(page)
    page.get_by_role("link", name="Translate your team's words into Cymraeg (Welsh)").click()
    scan(page)
    page.get_by_label("Translator's name").fill("Ana Jones")
    page.get_by_label(re.compile("What we are worried about")).fill(
        "Efallai y bydd Ryan yn taro Jade eto pan fyddan nhw'n dadlau")
    page.get_by_role("button", name="Save the translations").click()
    expect(page.get_by_text("The translations have been saved.")).to_be_visible()
    scan(page)
    page.get_by_role("link", name="Back to giving the family their copy").click()
    scan(page)
    page.get_by_label("Cymraeg (Welsh)").check()
    page.get_by_label("Who are you giving it to?").fill("Jade Harper (mum)")
    page.get_by_role("button", name="Give them this copy").click()
    expect(page.get_by_text("in Welsh")).to_be_visible()
    scan(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Teulu Harper")).click()
    content = Path(download.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    assert "Beth sy'n ein poeni" in text and "Mae rhai rhannau yn Saesneg" in text
    assert "Efallai y bydd Ryan yn taro Jade eto" in text and "Cyfieithwyd gan Ana Jones" in text
    assert "Ryan may hit Jade again when they argue" not in text
    assert "Jade walks Mia to school every day" in text  # not translated: as written
