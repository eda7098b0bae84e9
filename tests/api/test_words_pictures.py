"""Issue #14 part 1 through /api/v1: a Words and Pictures storyboard of ordered panels (words
checked by the plain-language checker; a drawing, a photo, or a child's own picture they
agreed the family may see), reordered, explained to a child (kept per version), a new version
leaving the old readable, the booklet PDF, and the bad input the issue names."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta

from fastapi.testclient import TestClient
from PIL import Image
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app.models.child_status import ChildStatus
from app.models.enums import Audience, ChildStatusKind, Role, VoiceTool
from app.schemas.voice import VoiceSessionIn
from app.services import picture as picture_service
from app.services import voice as voice_service
from app.services import words_pictures as wp
from app.services.audit import SYSTEM
from tests.factories import make_case, make_child, make_team, make_token, make_user

LINE = json.dumps([{"colour": "black", "points": [[100, 100], [900, 600]]}])


def _png(colour: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), colour).save(out, "PNG")
    return out.getvalue()


class World:
    def __init__(self, client: TestClient, session: Session) -> None:
        team = make_team(session)
        worker = make_user(session, role=Role.practitioner, team=team)
        self.case = make_case(session, team=team, worker=worker)
        self.mia = make_child(session, case=self.case, given_name="Mia")
        vs = voice_service.create(session, case=self.case, child=self.mia,
                                  tool=VoiceTool.three_houses, actor=SYSTEM,
                                  data=VoiceSessionIn(held_on=date(2026, 11, 30)))
        self.shared = picture_service.add(session, case=self.case, child=self.mia, vs=vs,
                                          part=None, caption="Me", sharing=[Audience.family],
                                          asked_by="Sam", actor=SYSTEM, data=_png("blue"))
        self.private = picture_service.add(session, case=self.case, child=self.mia, vs=vs,
                                           part=None, caption="Secret", sharing=[],
                                           asked_by=None, actor=SYSTEM, data=_png("red"))
        token = make_token(session, scopes=["read", "write"], team=team)
        session.commit()
        self.client = client
        self.auth = {"Authorization": f"Bearer {token}"}
        self.url = f"/api/v1/cases/{self.case.id}/words-and-pictures"


def test_a_storyboard_is_made_reordered_explained_and_printed(client, session):
    w = World(client, session)
    b = client.post(w.url, headers=w.auth, json={"title": "Why Sam came to see us"})
    assert b.status_code == 201, b.text
    burl = f"{w.url}/{b.json()['id']}"
    texts = ["Mia lives with Mum and Leo.", "Sometimes Mum and Ryan shout and Mia hides.",
             "Sam came to help keep Mia and Leo safe.", "Nana Pat helps too."]
    sent = [{"strokes": LINE}, {}, {"picture_id": str(w.shared.id)}, {}]
    files = [None, {"picture": ("page.png", _png(), "image/png")}, None, None]
    ids = []
    for words, extra, f in zip(texts, sent, files, strict=True):
        r = client.post(f"{burl}/panels", headers=w.auth, data={"words": words, **extra},
                        files=f)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    read = client.get(burl, headers=w.auth).json()
    assert [p["words"] for p in read["panels"]] == texts
    assert [p["has_own_picture"] for p in read["panels"]] == [True, True, False, False]
    assert read["panels"][2]["picture_id"] == w.shared.id
    assert all(p["reading_age"] is not None for p in read["panels"])
    # The pictures come back as the server wrote them.
    pic = client.get(f"{burl}/panels/{ids[0]}/picture", headers=w.auth)
    assert pic.status_code == 200 and pic.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(pic.content)).size == (1000, 750)
    assert client.get(f"{burl}/panels/{ids[3]}/picture", headers=w.auth).status_code == 404
    # Move the last panel to the front.
    tag = client.get(burl, headers=w.auth).json()["panels"][3]["version"]
    moved = client.patch(f"{burl}/panels/{ids[3]}",
                         headers={**w.auth, "If-Match": f'"panel-{ids[3]}-v{tag}"'},
                         json={"position": 1})
    assert moved.status_code == 200, moved.text
    order = [p["id"] for p in client.get(burl, headers=w.auth).json()["panels"]]
    assert order == [ids[3], ids[0], ids[1], ids[2]]
    # Explained to Mia; the booklet has the panels in order, the pictures large.
    ex = client.post(f"{burl}/explanations", headers=w.auth, json={
        "child_id": w.mia.id, "explained_on": str(date.today()),
        "how": "Read together at home, with Nana there"})
    assert ex.status_code == 201, ex.text
    pdf = client.get(f"{burl}/booklet.pdf", headers=w.auth)
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(pdf.content))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    positions = [text.find(t) for t in [texts[3], texts[0], texts[1], texts[2]]]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert len(reader.pages) == 5  # the title, then a panel to a page
    # Three different pictures (the page resources may list them on every page).
    assert len({img.data for p in reader.pages for img in p.images}) == 3
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    # A new version keeps the panels; the old one stays, with its explanation.
    etag = client.get(burl, headers=w.auth).headers["ETag"]
    v2 = client.post(f"{burl}/new-version", headers={**w.auth, "If-Match": etag})
    assert v2.status_code == 201 and v2.json()["number"] == 2
    assert [p["words"] for p in v2.json()["panels"]] == [texts[3], *texts[:3]]
    old = client.get(burl, headers=w.auth).json()
    assert old["replaced"] is True and len(old["explanations"]) == 1
    late = client.post(f"{burl}/panels", headers=w.auth, data={"words": "Too late"})
    assert late.status_code == 409


def test_bad_input(client, session):
    w = World(client, session)
    burl = f"{w.url}/{client.post(w.url, headers=w.auth, json={'title': 'Our story'}).json()['id']}"
    # A picture that is not an image; a child's picture they did not agree to share.
    r = client.post(f"{burl}/panels", headers=w.auth, data={"words": "Hello"},
                    files={"picture": ("evil.png", b"<script>alert(1)</script>", "image/png")})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "picture"
    r = client.post(f"{burl}/panels", headers=w.auth,
                    data={"words": "Hello", "picture_id": str(w.private.id)})
    assert r.status_code == 422 and "not agreed" in r.json()["errors"][0]["message"]
    r = client.post(f"{burl}/panels", headers=w.auth, data={"words": "  "})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "words"
    assert client.get(burl, headers=w.auth).json()["panels"] == []
    # Nothing to explain yet; an explanation in the future.
    r = client.post(f"{burl}/explanations", headers=w.auth, json={
        "child_id": w.mia.id, "explained_on": str(date.today())})
    assert r.status_code == 409
    client.post(f"{burl}/panels", headers=w.auth, data={"words": "Hello Mia."})
    r = client.post(f"{burl}/explanations", headers=w.auth, json={
        "child_id": w.mia.id, "explained_on": str(date.today() + timedelta(days=2))})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "explained_on"
    # Two people change the same panel: the second is refused, nothing lost.
    panel = client.get(burl, headers=w.auth).json()["panels"][0]
    tag = f'"panel-{panel["id"]}-v{panel["version"]}"'
    one = client.patch(f"{burl}/panels/{panel['id']}", headers={**w.auth, "If-Match": tag},
                       json={"words": "Hello Mia, this is your story."})
    two = client.patch(f"{burl}/panels/{panel['id']}", headers={**w.auth, "If-Match": tag},
                       json={"words": "Something else"})
    assert (one.status_code, two.status_code) == (200, 412)
    # Too many panels.
    for n in range(wp.MAX_PANELS - 1):
        assert client.post(f"{burl}/panels", headers=w.auth,
                           data={"words": f"Panel {n}."}).status_code == 201
    over = client.post(f"{burl}/panels", headers=w.auth, data={"words": "One more."})
    assert over.status_code == 409 and "at most" in over.json()["detail"]


def test_a_child_on_a_plan_without_an_explanation_is_a_signal(client, session):
    w = World(client, session)
    session.add(ChildStatus(case_id=w.case.id, child_id=w.mia.id,
                            kind=ChildStatusKind.child_protection_plan,
                            starts_on=date.today() - timedelta(days=30),
                            recorded_by_name="Sam"))
    session.commit()
    assert [p.given_name for p in wp.unexplained_on_plan(session, case=w.case)] == ["Mia"]
    burl = f"{w.url}/{client.post(w.url, headers=w.auth, json={'title': 'Our story'}).json()['id']}"
    client.post(f"{burl}/panels", headers=w.auth, data={"words": "Hello Mia."})
    client.post(f"{burl}/explanations", headers=w.auth, json={
        "child_id": w.mia.id, "explained_on": str(date.today())})
    session.commit()
    assert wp.unexplained_on_plan(session, case=w.case) == []


def test_the_booklet_is_issued_into_the_register(client, session):
    w = World(client, session)
    burl = f"{w.url}/{client.post(w.url, headers=w.auth, json={'title': 'Our story'}).json()['id']}"
    client.post(f"{burl}/panels", headers=w.auth, data={"words": "Hello Mia."})
    r = client.post(f"{burl}/issue", headers=w.auth, json={"issued_to": "Jade, for Mia"})
    assert r.status_code == 201, r.text
    assert r.json()["kind"] == "words_and_pictures"
    docs = client.get(f"/api/v1/cases/{w.case.id}/documents", headers=w.auth).json()
    assert [d["issued_to"] for d in docs] == ["Jade, for Mia"]
