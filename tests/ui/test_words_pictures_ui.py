"""Issue #14 (Words and Pictures) in the browser without JavaScript: start one, add panels (a
photo of the hand-drawn page, a child's shared picture; a panel without words refused beside
the field with what was typed kept), the plain-words check under each panel, move a panel,
a stale change refused, explained to a child, the booklet, a new version."""

from __future__ import annotations

import html
import io
import re
from datetime import date

from PIL import Image
from sqlalchemy import select

from app.models.words_pictures import Panel
from tests.factories import login, make_case, make_child, make_team, make_user


def _flat(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 150), "green").save(out, "PNG")
    return out.getvalue()


def test_build_explain_and_print_words_and_pictures(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    session.commit()
    csrf = login(client, worker)
    assert "No Words and Pictures yet" in client.get(f"/cases/{case.id}/words-and-pictures").text
    r = client.post(f"/cases/{case.id}/words-and-pictures", data={
        "csrf_token": csrf, "title": "Why Sam came to see us"}, follow_redirects=False)
    assert r.status_code == 303
    url = r.headers["location"].split("?")[0]
    bad = client.post(f"{url}/panels", data={"csrf_token": csrf, "words": ""},
                      files={"picture": ("page.png", _png(), "image/png")})
    assert bad.status_code == 422 and 'id="words-error"' in bad.text
    for words in ("Mia lives with Mum and Leo.",
                  "The multi-agency safeguarding hub was notified of concerns."):
        r = client.post(f"{url}/panels", data={"csrf_token": csrf, "words": words},
                        files={"picture": ("page.png", _png(), "image/png")},
                        follow_redirects=False)
        assert r.status_code == 303, r.text
    page = client.get(url).text
    text = _flat(page)
    assert "Panel 1 Mia lives with Mum and Leo." in text
    assert "Put more plainly:" in text  # the checker flags the jargon of panel 2
    assert page.count('class="app-panel__picture"') == 2
    session.commit()
    first, second = session.scalars(select(Panel).order_by(Panel.position)).all()
    # Move panel 2 earlier.
    r = client.post(f"{url}/panels/{second.id}/move", data={
        "csrf_token": csrf, "version": str(second.version), "direction": "up"},
        follow_redirects=False)
    assert r.status_code == 303
    text = _flat(client.get(url).text)
    assert text.index("safeguarding hub") < text.index("Mia lives with Mum")
    # A stale change (the panel moved since the form was read) changes nothing.
    stale = client.post(f"{url}/panels/{second.id}", data={
        "csrf_token": csrf, "version": str(second.version), "words": "Overwritten"})
    assert stale.status_code == 409
    ok = client.post(f"{url}/panels/{second.id}", data={
        "csrf_token": csrf, "version": str(second.version + 1),
        "words": "People who help children were told Sam was worried."},
        follow_redirects=False)
    assert ok.status_code == 303
    # In place (as the page's htmx asks): the form opens inside the storyboard, and a
    # refusal comes back there with what was typed.
    inline = client.get(f"{url}?edit={second.id}", headers={"HX-Request": "true"})
    assert inline.status_code == 200 and 'id="panel-edit-form"' in inline.text
    session.commit()
    session.refresh(second)
    empty = client.post(f"{url}/panels/{second.id}", headers={"HX-Request": "true"}, data={
        "csrf_token": csrf, "version": str(second.version), "words": ""})
    assert empty.status_code == 422 and 'id="edit-words-error"' in empty.text
    assert 'id="storyboard"' in empty.text
    saved = client.post(f"{url}/panels/{second.id}", headers={"HX-Request": "true"}, data={
        "csrf_token": csrf, "version": str(second.version),
        "words": "People who help children were told."})
    assert saved.status_code == 200 and "The changes have been saved." in saved.text
    # Explained to Mia.
    t = date.today()
    r = client.post(f"{url}/explanations", data={
        "csrf_token": csrf, "child_id": str(mia.id), "explained_on-day": str(t.day),
        "explained_on-month": str(t.month), "explained_on-year": str(t.year),
        "how": "Read together with Nana"}, follow_redirects=False)
    assert r.status_code == 303
    assert "Mia Harper, on" in _flat(client.get(url).text)
    pdf = client.get(f"{url}/booklet.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    pic = client.get(f"{url}/panels/{first.id}/picture")
    assert pic.status_code == 200 and pic.headers["content-type"] == "image/png"
    assert pic.headers["content-security-policy"].startswith("sandbox")
    # A new version; the old one read-only.
    from app.models.words_pictures import Storyboard
    session.commit()
    board = session.scalars(select(Storyboard)).one()
    r = client.post(f"{url}/new-version", data={"csrf_token": csrf,
                                                "version": str(board.version)},
                    follow_redirects=False)
    assert r.status_code == 303
    old = client.get(url).text
    assert "replaced by a newer version" in old and "Add a panel" not in old
