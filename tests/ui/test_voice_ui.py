"""Issue #12 in the browser without JavaScript: My Three Houses recorded with one thing per
line, kept verbatim; errors beside the field with what was typed kept; words put into the
mapping show where they came from; pictures uploaded through the form."""

from __future__ import annotations

import io
import re
from datetime import date

from PIL import Image
from sqlalchemy import func, select

from app.models.picture import Picture
from app.models.voice import VoiceSession
from tests.factories import login, make_case, make_child, make_mapping, make_team, make_user


def _world(session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    mapping = make_mapping(session, case=case)
    session.commit()
    return worker, case, mia, mapping


def _flat(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#39;", "'")


def _new(client, csrf, case, mia, **fields):
    data = {"csrf_token": csrf, "held_on-day": "30", "held_on-month": "11",
            "held_on-year": "2026", "place": "At school", "interviewer_name": "Sam Patel",
            "worries": "When daddy shouts i hide\n\nMummy cries", "good_things": "Nana",
            "dreams": "a dog called Biscuit", **fields}
    return client.post(f"/cases/{case.id}/children/{mia.id}/three-houses", data=data,
                       follow_redirects=False)


def test_record_three_houses_and_put_a_worry_in_the_mapping(client, session):
    worker, case, mia, mapping = _world(session)
    csrf = login(client, worker)
    card = client.get(f"/cases/{case.id}").text
    assert f"/cases/{case.id}/children/{mia.id}/three-houses" in card
    assert "Not done yet" in card and f"/children/{mia.id}/safety-house" in card
    r = _new(client, csrf, case, mia, share_worries="family", asked_by="Sam Patel")
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"]).text
    text = _flat(page)
    # Kept as written: the lower-case "i" is not corrected; the empty line is not an entry.
    assert "“When daddy shouts i hide”" in text and "“Mummy cries”" in text
    assert "Mia was 8" in text and "May be seen by: The family" in text
    th = session.scalar(select(VoiceSession))
    assert th is not None
    entry = re.search(r'id="entry-(\d+)"', page)
    assert entry
    placed = client.post(
        f"/cases/{case.id}/children/{mia.id}/three-houses/{th.id}/entries/{entry.group(1)}/place",
        data={"csrf_token": csrf, "category": "danger_statement"}, follow_redirects=False)
    assert placed.status_code == 303
    assert placed.headers["location"].startswith(f"/cases/{case.id}/mappings/{mapping.id}#item-")
    mapping_page = _flat(client.get(f"/cases/{case.id}/mappings/{mapping.id}").text)
    assert "Mia's words, from My Three Houses of 30 November 2026 (House of Worries)" \
        in mapping_page
    assert "When daddy shouts i hide" in mapping_page
    again = _flat(client.get(f"/cases/{case.id}/children/{mia.id}/three-houses/{th.id}").text)
    assert f"In the mapping of {mapping.held_on:%-d %B %Y}: danger statements" in again
    assert "1 session, the latest on 30 November 2026" in _flat(
        client.get(f"/cases/{case.id}").text)


def test_errors_are_beside_the_field_and_nothing_typed_is_lost(client, session):
    worker, case, mia, _ = _world(session)
    csrf = login(client, worker)
    r = _new(client, csrf, case, mia, **{"held_on-day": "", "share_dreams": "network"})
    assert r.status_code == 422
    assert 'id="held_on-error"' in r.text
    assert "When daddy shouts i hide" in r.text and 'value="network" checked' in r.text
    r = _new(client, csrf, case, mia, share_dreams="network")
    assert r.status_code == 422 and 'id="asked_by-error"' in r.text
    assert "Say who asked Mia" in r.text
    assert session.scalar(select(func.count()).select_from(VoiceSession)) == 0


def test_a_picture_is_uploaded_and_a_bad_one_refused(client, session):
    worker, case, mia, _ = _world(session)
    csrf = login(client, worker)
    url = _new(client, csrf, case, mia).headers["location"].split("?")[0]
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "green").save(out, "PNG")
    ok = client.post(f"{url}/pictures", data={"csrf_token": csrf, "part": "dreams",
                                              "caption": "My dog"},
                     files={"picture": ("dog.png", out.getvalue(), "image/png")},
                     follow_redirects=False)
    assert ok.status_code == 303, ok.text
    page = client.get(url).text
    src = re.search(r'<img src="(/cases/\d+/pictures/\d+)" alt="My dog, House of Dreams"', page)
    assert src, page
    img = client.get(src.group(1))
    assert img.status_code == 200 and img.headers["content-type"] == "image/png"
    bad = client.post(f"{url}/pictures", data={"csrf_token": csrf},
                      files={"picture": ("x.png", b"not a picture", "image/png")})
    assert bad.status_code == 422 and 'id="picture-error"' in bad.text
    assert "not a picture we can read" in bad.text
    empty = client.post(f"{url}/pictures", data={"csrf_token": csrf})
    assert empty.status_code == 422 and "Choose a photo or scan" in empty.text
    assert session.scalar(select(func.count()).select_from(Picture)) == 1


def test_record_a_safety_house_with_the_childs_scale(client, session):
    worker, case, mia, _ = _world(session)
    csrf = login(client, worker)
    base = f"/cases/{case.id}/children/{mia.id}/safety-house"
    form = client.get(f"{base}/new").text
    assert "How safe <bdi>Mia</bdi> feels" in form and 'name="scale"' in form
    data = {"csrf_token": csrf, "held_on-day": "1", "held_on-month": "12",
            "held_on-year": "2026", "interviewer_name": "Sam Patel",
            "inside": "Mummy locks the door", "red_circle": "Daddy when he drinks",
            "scale": "12"}
    bad = client.post(base, data=data)
    assert bad.status_code == 422 and 'id="scale-error"' in bad.text
    assert "Mummy locks the door" in bad.text
    ok = client.post(base, data={**data, "scale": "6", "scale_words": "in the middle"},
                     follow_redirects=False)
    assert ok.status_code == 303, ok.text
    page = _flat(client.get(ok.headers["location"]).text)
    assert "Safety House with Mia" in page and "6 out of 10" in page
    assert "“in the middle”" in page and "“Daddy when he drinks”" in page
    assert "1 session, the latest on 1 December 2026" in _flat(
        client.get(f"/cases/{case.id}").text)


def test_the_childs_own_copy_is_offered_in_welsh_too(client, session):
    from pypdf import PdfReader

    worker, case, mia, _ = _world(session)
    csrf = login(client, worker)
    r = _new(client, csrf, case, mia, share_worries="family", asked_by="Sam Patel")
    page = client.get(r.headers["location"]).text
    link = re.search(r'<a class="govuk-link" hreflang="cy" href="([^"]+)">([^<]+)</a>', page)
    assert link is not None and link.group(2) == "The same copy in Cymraeg (Welsh)"
    pdf = client.get(link.group(1).replace("&amp;", "&"))
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "When daddy shouts i hide" in text  # Mia's words, as she said them
