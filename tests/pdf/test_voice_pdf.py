"""Issue #12: the child's own copy ("What you told us") and the family summary carry the
child's words and pictures as far as the child agreed, say when something was kept back, and
are tagged PDFs. Checked by extracting the text (and the pictures) of real PDFs."""

from __future__ import annotations

import io
import re
from datetime import date

from PIL import Image
from pypdf import PdfReader

from app.models.enums import Audience, VoicePart, VoiceTool
from app.schemas.voice import Sharing, VoiceSessionIn
from app.services import picture as picture_service
from app.services import voice as voice_service
from app.services.audit import SYSTEM
from tests.factories import (
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)

SHARED = "Nana makes pancakes on Sundays"
PRIVATE = "When daddy shouts i hide under my bed"


def _world(session, *, share_picture: bool):
    from app.models.enums import Category

    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.existing_strength, text="Gran helps")
    th = voice_service.create(
        session, case=case, child=mia, tool=VoiceTool.three_houses, actor=SYSTEM,
        data=VoiceSessionIn(
            held_on=date(2026, 11, 30), interviewer_name="Sam Patel",
            words={VoicePart.worries: [PRIVATE], VoicePart.good_things: [SHARED],
                   VoicePart.dreams: ["a dog called Biscuit"]},
            sharing=Sharing(parts={VoicePart.good_things: [Audience.family],
                                   VoicePart.dreams: [Audience.family]},
                            asked_by="Sam Patel")))
    out = io.BytesIO()
    Image.new("RGB", (80, 60), "orange").save(out, "PNG")
    picture_service.add(session, case=case, child=mia, vs=th, part=VoicePart.dreams,
                        caption="Me and Biscuit",
                        sharing=[Audience.family] if share_picture else [],
                        asked_by="Sam Patel", actor=SYSTEM, data=out.getvalue())
    session.commit()
    return worker, case, mia, mapping, th


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _images(content: bytes) -> int:
    return sum(len(p.images) for p in PdfReader(io.BytesIO(content)).pages)


def test_the_childs_own_copy_has_what_they_agreed_and_says_what_was_kept_back(client, session):
    worker, case, mia, _, th = _world(session, share_picture=True)
    login(client, worker)
    r = client.get(f"/cases/{case.id}/children/{mia.id}/three-houses/{th.id}"
                   "/what-you-told-us.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = _text(r.content)
    assert "What you told us, Mia" in text and "Hello Mia." in text
    assert f"“{SHARED}”" in text and "a dog called Biscuit" in text
    assert "Your house of good things" in text
    # The worries were not agreed for the family: not in the copy, and the copy says so.
    assert "daddy shouts" not in text and "Your house of worries" not in text
    assert "Some things you told us are not in here" in text
    assert _images(r.content) == 1  # the picture Mia agreed to
    reader = PdfReader(io.BytesIO(r.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_family_summary_has_the_childs_words_where_agreed(client, session):
    worker, case, mia, mapping, _ = _world(session, share_picture=False)
    login(client, worker)
    r = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf")
    assert r.status_code == 200
    text = _text(r.content)
    assert "What the children told us" in text
    assert "Mia told us this on 30 November 2026." in text
    assert f"“{SHARED}”" in text and "What Mia hopes for" in text
    assert "daddy shouts" not in text
    assert "Mia told us other things too" in text
    assert _images(r.content) == 0  # the picture was not agreed for the family


def test_the_api_gives_the_childs_copy_and_a_stranger_gets_nothing(client, session):
    from tests.factories import make_token

    worker, case, mia, _, th = _world(session, share_picture=True)
    token = make_token(session, scopes=["read"], team=make_team(session))
    session.commit()
    url = (f"/api/v1/cases/{case.id}/children/{mia.id}/three-houses/{th.id}"
           "/what-you-told-us.pdf")
    login(client, worker)
    assert client.get(url).status_code == 200
    client.cookies.clear()
    r = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 404 and b"Mia" not in r.content


def test_the_safety_house_copy_has_the_scale_the_child_agreed_to_share(client, session):
    worker, case, mia, mapping, _ = _world(session, share_picture=False)
    house = voice_service.create(
        session, case=case, child=mia, tool=VoiceTool.safety_house, actor=SYSTEM,
        data=VoiceSessionIn(
            held_on=date(2026, 12, 1), interviewer_name="Sam Patel",
            words={VoicePart.inside: ["Mummy locks the door at night"],
                   VoicePart.red_circle: ["Daddy when he drinks beer"]},
            scale=6, scale_words="in the middle",
            sharing=Sharing(parts={VoicePart.inside: [Audience.family]},
                            asked_by="Sam Patel")))
    session.commit()
    login(client, worker)
    r = client.get(f"/cases/{case.id}/children/{mia.id}/safety-house/{house.id}"
                   "/what-you-told-us.pdf")
    assert r.status_code == 200
    text = _text(r.content)
    assert "about your Safety House" in text and "Inside your Safety House" in text
    assert "You said you feel 6 out of 10 safe." in text and "“in the middle”" in text
    assert "Mummy locks the door" in text and "drinks beer" not in text
    assert "Some things you told us are not in here" in text
    family = _text(client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf").content)
    assert "Mia says they feel 6 out of 10 safe." in family
    assert "Who keeps Mia safe at home" in family and "drinks beer" not in family
