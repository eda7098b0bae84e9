"""Issue #14 (Words and Pictures) in a real browser: a worker builds a four-panel Words and
Pictures in place (htmx: the page is not reloaded), one panel drawn with the mouse on a form
that was itself swapped in, moves a panel and changes a panel's words in place, records that
it was explained to Mia, and opens the booklet. Every page scanned with axe. (The safety
plan and the trajectory are in test_safety_plan_walk.py.)"""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from playwright.sync_api import Page, expect

from app.models.enums import Role
from tests.browser.conftest import scan, screenshot, sign_in
from tests.factories import PASSWORD, make_case, make_child, make_team, make_user

WORDS = ["Mia lives with Mum and Leo in a flat.",
         "Sometimes Mum and Ryan shouted and Mia was scared.",
         "Sam is a social worker. Sam helps keep children safe.",
         "Now Nana comes on Fridays and everyone is kinder."]


def test_a_worker_builds_and_explains_words_and_pictures(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North")
    sam = make_user(session, role=Role.practitioner, team=team, name="Sam Patel",
                    email="sam.patel@example.org")
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}/words-and-pictures")
    expect(page.get_by_role("heading", name="No Words and Pictures yet")).to_be_visible()
    scan(page)
    page.get_by_label("Title, as the children would say it").fill("Why Sam came to see us")
    page.get_by_role("button", name="Start the Words and Pictures").click()
    expect(page.get_by_text("The Words and Pictures has been started.")).to_be_visible()
    scan(page)

    page.evaluate("window.notReloaded = true")
    for n, words in enumerate(WORDS):
        form = page.locator("#panel-form")
        if not form.is_visible():
            page.get_by_text("Add a panel", exact=True).click()
        form.get_by_label("The words, written to the child").fill(words)
        if n == 2:
            # The third panel's picture is drawn with the mouse, on a form htmx swapped in.
            canvas = form.locator("canvas.app-draw__canvas")
            expect(canvas).to_be_visible()
            form.get_by_role("button", name="red").click()
            box = canvas.bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + 30, box["y"] + 30)
            page.mouse.down()
            for i in range(1, 12):
                page.mouse.move(box["x"] + 30 + i * 25, box["y"] + 30 + i * 12)
            page.mouse.up()
        form.get_by_role("button", name="Add the panel").click()
        expect(page.get_by_text("The panel has been added.")).to_be_visible()
        if n:
            # In place: the same page, not a new one.
            assert page.evaluate("window.notReloaded") is True
        scan(page)
    panels = page.locator(".app-panel")
    expect(panels).to_have_count(4)
    drawn = page.get_by_role("img", name="Picture for panel 3")
    expect(drawn).to_be_visible()
    png = page.request.get(drawn.get_attribute("src") or "").body()
    with Image.open(io.BytesIO(png)) as img:
        pixels = img.convert("RGB")
        colours = {pixels.getpixel((x, y)) for x in range(0, 1000, 5) for y in range(0, 750, 5)}
    assert (0xd4, 0x35, 0x1c) in colours  # the red line, drawn by the server

    # The last panel moves one place earlier.
    panels.nth(3).get_by_role("button", name="Move earlier").click()
    expect(page.get_by_text("The panel has been moved.")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    expect(panels.nth(2)).to_contain_text(WORDS[3])
    expect(panels.nth(3)).to_contain_text(WORDS[2])
    scan(page)

    # The words of a panel changed in place.
    panels.nth(0).get_by_role("link", name="Change the words of panel 1").click()
    box = page.get_by_label("The words of panel 1")
    expect(box).to_be_focused()
    scan(page)
    box.fill("Mia lives with Mum and her little brother Leo.")
    page.get_by_role("button", name="Save the words").click()
    expect(page.get_by_text("The changes have been saved.")).to_be_visible()
    expect(panels.nth(0)).to_contain_text("her little brother Leo")
    assert page.evaluate("window.notReloaded") is True
    scan(page)

    # Explained to Mia.
    page.get_by_text("Record that it was explained to a child", exact=True).click()
    form = page.locator("#explained-form")
    form.get_by_label("Which child").select_option(label="Mia Harper")
    group = page.get_by_role("group", name="When")
    group.get_by_label("Day").fill(str(date.today().day))
    group.get_by_label("Month").fill(str(date.today().month))
    group.get_by_label("Year").fill(str(date.today().year))
    form.get_by_label("How (optional)").fill("Read together at home, with Nana there")
    scan(page)
    form.get_by_role("button", name="Record the explanation").click()
    expect(page.get_by_text("The explanation has been recorded.")).to_be_visible()
    expect(page.locator("#explained ~ p").first).to_contain_text("Mia Harper, on")
    scan(page)
    screenshot(page, "words-and-pictures")

    booklet = page.get_by_role("link", name="The booklet for the family (PDF)")
    response = page.request.get(booklet.get_attribute("href") or "")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
