"""Issue #12: a worker records My Three Houses with a child: words in each house, a picture
drawn with the mouse and a photo uploaded, the child's say on who may see them; then two of
the child's entries go into the current mapping, and the mapping shows whose words they are.
Mia's own copy ("What you told us") is downloaded from the page; then a Safety House with
her own scale. Every state is scanned with axe."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import SHOTS, scan, screenshot, sign_in
from tests.factories import PASSWORD, make_case, make_child, make_mapping, make_team, make_user


def test_three_houses_with_a_drawing_a_photo_and_words_into_the_mapping(  # type: ignore[no-untyped-def]
        page: Page, session) -> None:
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    mapping = make_mapping(session, case=case)
    session.commit()

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    scan(page)
    page.get_by_role("link", name="Record My Three Houses with Mia").click()
    expect(page.get_by_role("heading", name="My Three Houses with Mia")).to_be_visible()
    scan(page)
    page.get_by_role("button", name="Record My Three Houses").click()
    scan(page)
    page.get_by_role("group", name="Date of the session").get_by_label("Day").fill("30")
    page.get_by_role("group", name="Date of the session").get_by_label("Month").fill("11")
    page.get_by_role("group", name="Date of the session").get_by_label("Year").fill("2026")
    page.get_by_label("Where it was done (optional)").fill("At school")
    page.get_by_label("House of Worries").fill("When daddy shouts i hide\nMummy cries")
    page.get_by_label("House of Good Things").fill("Nana makes pancakes")
    page.get_by_label("House of Dreams").fill("a dog called Biscuit")
    page.get_by_role("group", name="House of Good Things").get_by_label(
        "The family (parents and carers)").check()
    page.get_by_role("button", name="Save My Three Houses").click()
    # Nothing ticked needs no "who asked"; something ticked does.
    expect(page.locator("#asked_by-error")).to_contain_text("Say who asked Mia")
    scan(page)
    page.get_by_label("Who asked Mia (needed if anything is ticked)").fill("Sam Patel")
    # The dates are asked again only if they were wrong: they were kept.
    page.get_by_role("button", name="Save My Three Houses").click()
    expect(page.get_by_text("My Three Houses has been saved.")).to_be_visible()
    expect(page.locator("#worries")).to_contain_text("“When daddy shouts i hide”")
    expect(page.locator("#good_things")).to_contain_text("May be seen by: The family")
    expect(page.locator("#dreams")).to_contain_text("Not shared yet")
    scan(page)

    # Draw a picture with the mouse: a red line, then undo a stray blue dot.
    canvas = page.locator("canvas.app-draw__canvas")
    expect(canvas).to_be_visible()
    page.get_by_role("button", name="red").click()
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(box["x"] + 20 + i * 30, box["y"] + 20 + i * 15)
    page.mouse.up()
    page.get_by_role("button", name="blue").click()
    page.mouse.click(box["x"] + box["width"] - 20, box["y"] + 20)
    page.get_by_role("button", name="Undo").click()
    page.get_by_label("Which part it belongs to (optional)").select_option("dreams")
    page.get_by_label("What it shows, in Mia's words (optional)").fill("Me and Biscuit")
    scan(page)
    page.get_by_role("button", name="Keep the picture").click()
    drawing = page.get_by_role("img", name="Me and Biscuit, House of Dreams")
    expect(drawing).to_be_visible()
    scan(page)
    src = drawing.get_attribute("src")
    assert src
    png = page.request.get(src).body()
    with Image.open(io.BytesIO(png)) as img:
        pixels = img.convert("RGB")
        colours = {pixels.getpixel((x, y)) for x in range(0, 1000, 7) for y in range(0, 750, 7)}
    assert (0xd4, 0x35, 0x1c) in colours  # the red line, drawn by the server
    assert (0x1d, 0x70, 0xb8) not in colours  # the undone blue dot is not there

    # Upload a photo of a picture drawn on paper.
    photo = Path(SHOTS) / "nana.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (120, 90), "orange").save(photo, "JPEG")
    page.get_by_label("A photo or scan of the picture (JPEG, PNG or HEIC)").set_input_files(
        str(photo))
    page.get_by_label("What it shows, in Mia's words (optional)").fill("Nana's kitchen")
    page.get_by_role("group", name="Who Mia says may see it").get_by_label(
        "The family (parents and carers)").check()
    page.get_by_label("Who asked Mia (needed if anything is ticked)").last.fill("Sam Patel")
    page.get_by_role("button", name="Keep the picture").click()
    expect(page.get_by_role("img", name="Nana's kitchen")).to_be_visible()
    scan(page)
    screenshot(page, "three-houses")
    # Mia's own copy, from the link on the page.
    copy = page.get_by_role("link", name=re.compile("What you told us"))
    href = copy.get_attribute("href")
    assert href
    pdf = page.request.get(href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Nana makes pancakes" in text and "When daddy shouts" not in text

    # Two of Mia's entries into the current mapping: a worry and a good thing.
    page.locator("#worries li", has_text="When daddy").get_by_role(
        "button", name=re.compile("^Put in the mapping")).click()
    expect(page).to_have_url(re.compile(rf"/cases/{case.id}/mappings/{mapping.id}#item-\d+"))
    worry = page.locator("#cat-harm .app-item").first
    expect(worry).to_contain_text("When daddy shouts i hide")
    expect(worry).to_contain_text("Mia's words, from My Three Houses of 30 November 2026 "
                                  "(House of Worries)")
    scan(page)
    worry.get_by_role("link", name="My Three Houses of 30 November 2026").click()
    expect(page.locator("#worries")).to_contain_text("In the mapping of")
    scan(page)
    page.locator("#good_things li", has_text="Nana makes").get_by_role(
        "button", name=re.compile("^Put in the mapping")).click()
    expect(page.locator("#cat-existing_strength .app-item").first).to_contain_text(
        "Mia's words, from My Three Houses")
    scan(page)

    # The Safety House, with Mia's own scale: a face above each number.
    page.goto(f"/cases/{case.id}")
    page.get_by_role("link", name="Record Safety House with Mia").click()
    scan(page)
    page.get_by_role("button", name="Record Safety House").click()
    expect(page.get_by_role("heading", name="Record Safety House")).to_be_visible()
    scan(page)
    group = page.get_by_role("group", name="Date of the session")
    group.get_by_label("Day").fill("1")
    group.get_by_label("Month").fill("12")
    group.get_by_label("Year").fill("2026")
    page.get_by_label("Inside the Safety House").fill("Mummy locks the door at night")
    page.get_by_label("The red circle").fill("Daddy when he drinks beer")
    page.locator('label[for="scale-6"]').click()
    expect(page.locator("#scale-6")).to_be_checked()
    page.get_by_label("What Mia said about it (optional)").fill("in the middle")
    scan(page)
    page.get_by_role("button", name="Save Safety House").click()
    expect(page.get_by_text("Safety House has been saved.")).to_be_visible()
    expect(page.locator("#scale")).to_contain_text("6 out of 10")
    expect(page.locator("#red_circle")).to_contain_text("“Daddy when he drinks beer”")
    scan(page)
    screenshot(page, "safety-house")


def test_three_houses_without_javascript(browser, base_url, session) -> None:  # type: ignore[no-untyped-def]
    """The same record in Chromium with JavaScript off: no drawing area (it needs a script),
    a photo uploaded instead, words put into the mapping by the plain forms. (axe needs
    JavaScript to run, so these pages are scanned in the walk above, where they are the same
    HTML.)"""
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel", email="sam.patel@example.org")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    mapping = make_mapping(session, case=case)
    session.commit()
    context = browser.new_context(base_url=base_url, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("Email address").fill("sam.patel@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"/cases/{case.id}")
        page.get_by_role("link", name="Record My Three Houses with Mia").click()
        page.get_by_role("button", name="Record My Three Houses").click()
        group = page.get_by_role("group", name="Date of the session")
        group.get_by_label("Day").fill("30")
        group.get_by_label("Month").fill("11")
        group.get_by_label("Year").fill("2026")
        page.get_by_label("House of Worries").fill("When daddy shouts i hide")
        page.get_by_label("House of Dreams").fill("a dog called Biscuit")
        page.get_by_role("button", name="Save My Three Houses").click()
        expect(page.get_by_text("My Three Houses has been saved.")).to_be_visible()
        expect(page.locator("canvas")).to_be_hidden()
        photo = Path(SHOTS) / "biscuit.png"
        photo.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (90, 60), "purple").save(photo, "PNG")
        page.get_by_label("A photo or scan of the picture (JPEG, PNG or HEIC)").set_input_files(
            str(photo))
        page.get_by_label("What it shows, in Mia's words (optional)").fill("Biscuit")
        page.get_by_role("button", name="Keep the picture").click()
        expect(page.get_by_role("img", name="Biscuit")).to_be_visible()
        page.locator("#worries li", has_text="When daddy").get_by_role(
            "button", name=re.compile("^Put in the mapping")).click()
        expect(page).to_have_url(re.compile(rf"/cases/{case.id}/mappings/{mapping.id}"))
        expect(page.locator("#cat-harm .app-item").first).to_contain_text(
            "Mia's words, from My Three Houses of 30 November 2026")
        screenshot(page, "three-houses-no-js")
    finally:
        context.close()
