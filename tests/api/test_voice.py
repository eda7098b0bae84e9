"""Issue #12 through /api/v1: My Three Houses with a child's words kept exactly as said, the
child's say on who may see each house, the words carried into the mapping with their source
kept both ways, and pictures that are only ever served as the server wrote them. Every bad
picture named by the issue gets a problem with the field, and nothing is kept."""

from __future__ import annotations

import io
import json
from datetime import date

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.enums import MappingKind
from app.models.picture import Picture
from tests.factories import (
    make_case,
    make_child,
    make_mapping,
    make_team,
    make_token,
    make_user,
)


class World:
    def __init__(self, client: TestClient, session: Session) -> None:
        team = make_team(session)
        self.case = make_case(session, team=team, worker=make_user(session, team=team),
                              family_name="Harper")
        self.mia = make_child(session, case=self.case, given_name="Mia",
                              date_of_birth=date(2018, 5, 1))
        self.mapping = make_mapping(session, case=self.case)
        token = make_token(session, scopes=["read", "write"], team=team)
        session.commit()
        self.client, self.session = client, session
        self.auth = {"Authorization": f"Bearer {token}"}
        self.base = f"/api/v1/cases/{self.case.id}/children/{self.mia.id}/three-houses"

    def record(self, **extra: object) -> dict:
        r = self.client.post(self.base, headers=self.auth, json={
            "held_on": "2026-11-30", "place": "At school", "present": "Her teacher",
            "words": {"worries": ["When daddy shouts I hide under my bed  ", "Mummy cries"],
                      "good_things": ["Nana makes pancakes"],
                      "dreams": ["a dog called Biscuit"]},
            **extra})
        assert r.status_code == 201, r.text
        return r.json()

    def pictures(self) -> int:
        return self.session.scalar(select(func.count()).select_from(Picture)) or 0


def _png(w: int = 60, h: int = 40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), "blue").save(out, "PNG")
    return out.getvalue()


def _jpeg_with_location() -> bytes:
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMakerCo"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 12.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_session_keeps_the_childs_words_and_their_say_on_sharing(client, session):
    w = World(client, session)
    th = w.record(sharing={"parts": {"worries": ["family"],
                                     "good_things": ["family", "network"]},
                           "asked_by": "Sam Patel"})
    assert th["child_age"] == 8 and th["interviewer_name"]
    words = {(e["part"], e["words"]) for e in th["entries"]}
    # Kept as the child said it: "daddy", "mummy", no capital letter added, no plain-language
    # changes (only the spaces at the end are dropped).
    assert ("worries", "When daddy shouts I hide under my bed") in words
    assert ("dreams", "a dog called Biscuit") in words
    assert th["sharing"]["parts"] == {"worries": ["family"],
                                      "good_things": ["family", "network"]}
    assert th["sharing"]["asked_by"] == "Sam Patel" and th["sharing"]["asked_on"]
    listed = client.get(w.base, headers=w.auth).json()
    assert [s["id"] for s in listed] == [th["id"]]
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "voice_session")).all()
    assert len(events) == 1 and "Mia" in events[0].summary


def test_sharing_without_saying_who_asked_is_refused_and_nothing_is_kept(client, session):
    w = World(client, session)
    r = client.post(w.base, headers=w.auth, json={
        "held_on": "2026-11-30", "words": {"worries": ["x"]},
        "sharing": {"parts": {"worries": ["family"]}}})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "sharing", "asked_by"]
    future = client.post(w.base, headers=w.auth, json={"held_on": "2099-01-01"})
    assert future.status_code == 422 and future.json()["errors"][0]["loc"] == ["body", "held_on"]
    assert client.get(w.base, headers=w.auth).json() == []


def test_changes_need_the_current_version(client, session):
    w = World(client, session)
    th = w.record()
    url = f"{w.base}/{th['id']}"
    assert client.patch(url, headers=w.auth, json={"place": "Home"}).status_code == 428
    etag = client.get(url, headers=w.auth).headers["ETag"]
    ok = client.patch(url, headers={**w.auth, "If-Match": etag}, json={"place": "Home"})
    assert ok.status_code == 200 and ok.json()["place"] == "Home"
    stale = client.patch(url, headers={**w.auth, "If-Match": etag}, json={"place": "Park"})
    assert stale.status_code == 412
    entry = th["entries"][0]
    e_url = f"{url}/entries/{entry['id']}"
    tag = f'"voiceentry-{entry["id"]}-v{entry["version"]}"'
    fixed = client.patch(e_url, headers={**w.auth, "If-Match": tag},
                         json={"words": "When daddy shouts I hide under the bed"})
    assert fixed.status_code == 200
    again = client.patch(e_url, headers={**w.auth, "If-Match": tag}, json={"words": "x"})
    assert again.status_code == 412


def test_words_go_into_the_mapping_with_their_source_both_ways(client, session):
    w = World(client, session)
    th = w.record()
    worry = next(e for e in th["entries"] if e["part"] == "worries")
    dream = next(e for e in th["entries"] if e["part"] == "dreams")
    url = f"{w.base}/{th['id']}/entries"
    item = client.post(f"{url}/{worry['id']}/place", headers=w.auth, json={})
    assert item.status_code == 201, item.text
    item = item.json()
    assert item["category"] == "harm" and item["voice_entry_id"] == worry["id"]
    assert item["source_kind"] == "child" and item["source_person_id"] == w.mia.id
    assert item["harm_adult_action"] == worry["words"]
    goal = client.post(f"{url}/{dream['id']}/place", headers=w.auth, json={}).json()
    assert goal["category"] == "safety_goal"
    # A dream is not a worry: it cannot go under harm.
    wrong = client.post(f"{url}/{dream['id']}/place", headers=w.auth,
                        json={"category": "harm"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["loc"] == ["body", "category"]
    twice = client.post(f"{url}/{worry['id']}/place", headers=w.auth, json={})
    assert twice.status_code == 409
    # The session says where each entry went; the mapping's item names the entry.
    again = client.get(f"{w.base}/{th['id']}", headers=w.auth).json()
    placed = {e["id"]: e["placed"] for e in again["entries"]}
    assert placed[worry["id"]] == [{"mapping_id": w.mapping.id, "item_id": item["id"],
                                    "category": "harm", "held_on": str(w.mapping.held_on)}]
    m = client.get(f"/api/v1/cases/{w.case.id}/mappings/{w.mapping.id}", headers=w.auth).json()
    harms = m["columns"]["worried"]["harm"]
    assert harms[0]["voice_entry_id"] == worry["id"]


def test_words_wait_for_a_mapping_that_can_take_them(client, session):
    w = World(client, session)
    th = w.record()
    group = make_mapping(session, case=w.case, kind=MappingKind.group_supervision)
    session.commit()
    assert group.id
    # Shared with the family: nothing more goes into it.
    mapping_url = f"/api/v1/cases/{w.case.id}/mappings/{w.mapping.id}"
    client.post(f"{mapping_url}/items", headers=w.auth,
                json={"category": "existing_strength", "text": "Gran helps"})
    tag = client.get(mapping_url, headers=w.auth).headers["ETag"]
    assert client.post(f"{mapping_url}/agree", headers={**w.auth, "If-Match": tag},
                       json={}).status_code == 200
    entry = th["entries"][0]
    r = client.post(f"{w.base}/{th['id']}/entries/{entry['id']}/place", headers=w.auth, json={})
    assert r.status_code == 409 and "Start a review" in r.json()["detail"]


def test_an_upload_is_written_again_without_its_location(client, session):
    w = World(client, session)
    th = w.record()
    r = client.post(f"{w.base}/{th['id']}/pictures", headers=w.auth,
                    files={"picture": ("mia.jpg", _jpeg_with_location(), "image/jpeg")},
                    data={"part": "good_things", "caption": "Nana's kitchen",
                          "sharing": ["family"], "asked_by": "Sam Patel"})
    assert r.status_code == 201, r.text
    pic = r.json()
    assert pic["media_type"] == "image/jpeg" and pic["sharing"] == ["family"]
    content = client.get(pic["content_url"], headers=w.auth)
    assert content.status_code == 200 and content.headers["content-type"] == "image/jpeg"
    assert content.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in content.headers["content-security-policy"]
    assert b"PhoneMakerCo" not in content.content
    with Image.open(io.BytesIO(content.content)) as img:
        assert not img.getexif()
    import hashlib

    assert hashlib.sha256(content.content).hexdigest() == pic["sha256"]
    listed = client.get(f"{w.base}/{th['id']}", headers=w.auth).json()
    assert [p["id"] for p in listed["pictures"]] == [pic["id"]]
    # A wrong photo is taken off the record: not shown again, kept in the history.
    url = f"/api/v1/cases/{w.case.id}/pictures/{pic['id']}"
    assert client.post(f"{url}/remove", headers=w.auth).status_code == 428
    gone = client.post(f"{url}/remove", headers={
        **w.auth, "If-Match": f'"picture-{pic["id"]}-v{pic["version"]}"'})
    assert gone.status_code == 204
    assert client.get(pic["content_url"], headers=w.auth).status_code == 404
    assert client.get(f"{w.base}/{th['id']}", headers=w.auth).json()["pictures"] == []
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.entity_type == "picture", AuditEvent.action == "remove")) == 1


def test_a_drawing_is_rendered_by_the_server_from_strokes(client, session):
    w = World(client, session)
    th = w.record()
    strokes = [{"colour": "blue", "points": [[10, 10], [500, 300], [990, 740]]},
               {"colour": "red", "points": [[100, 600]]}]
    r = client.post(f"{w.base}/{th['id']}/pictures", headers=w.auth,
                    data={"strokes": json.dumps(strokes), "part": "dreams"})
    assert r.status_code == 201, r.text
    pic = r.json()
    assert pic["source"] == "drawing" and pic["media_type"] == "image/png"
    png = client.get(pic["content_url"], headers=w.auth).content
    with Image.open(io.BytesIO(png)) as img:
        assert img.size == (1000, 750)
        assert img.convert("RGB").getpixel((500, 300)) == (0x1d, 0x70, 0xb8)
        assert img.convert("RGB").getpixel((900, 100)) == (255, 255, 255)


def test_every_bad_picture_gets_a_clear_problem_and_nothing_is_kept(client, session):
    w = World(client, session)
    th = w.record()
    url = f"{w.base}/{th['id']}/pictures"

    def send(data: bytes, name: str = "x.png") -> dict:
        r = client.post(url, headers=w.auth, files={"picture": (name, data, "image/png")})
        assert r.status_code in (413, 422), (r.status_code, r.text)
        return r.json()

    assert "not a picture" in send(b"%PDF-1.4 not really a png")["errors"][0]["message"]
    big = io.BytesIO()
    Image.new("1", (40_000, 40_000)).save(big, "PNG")
    bomb = send(big.getvalue())
    assert bomb["errors"][0]["loc"] == ["body", "picture"]
    assert "too large" in bomb["errors"][0]["message"]
    truncated = _jpeg_with_location()[:200]
    assert "could not be read" in send(truncated, "x.jpg")["errors"][0]["message"]
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "not a picture" in send(svg, "x.svg")["errors"][0]["message"]
    huge = client.post(url, headers=w.auth,
                       files={"picture": ("big.png", b"\0" * 60_000_000, "image/png")})
    assert huge.status_code == 413 and huge.headers["content-type"].startswith(
        "application/problem+json")
    million = [{"colour": "black", "points": [[i % 1000, i % 750] for i in range(1_000_000)]}]
    r = client.post(url, headers=w.auth, data={"strokes": json.dumps(million)})
    assert r.status_code in (413, 422)
    many = [{"colour": "black", "points": [[1, 1]] * 30}] * 1000
    r = client.post(url, headers=w.auth, data={"strokes": json.dumps(many)})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "strokes"]
    odd = [{"colour": "<script>", "points": [[1, 1]]}]
    r = client.post(url, headers=w.auth, data={"strokes": json.dumps(odd)})
    assert r.status_code == 422
    assert w.pictures() == 0
    # The service still answers.
    assert client.get(w.base, headers=w.auth).status_code == 200


def test_a_picture_on_a_case_the_caller_cannot_see_is_not_found(client, session):
    w = World(client, session)
    th = w.record()
    pic = client.post(f"{w.base}/{th['id']}/pictures", headers=w.auth,
                      files={"picture": ("a.png", _png(), "image/png")}).json()
    other_team = make_team(session)
    other = make_token(session, scopes=["read", "write"], team=other_team)
    session.commit()
    stranger = {"Authorization": f"Bearer {other}"}
    assert client.get(pic["content_url"], headers=stranger).status_code == 404
    r = client.post(f"{w.base}/{th['id']}/pictures", headers=stranger,
                    files={"picture": ("a.png", _png(), "image/png")})
    assert r.status_code == 404
    assert w.pictures() == 1


def test_the_safety_house_has_its_own_parts_and_the_childs_scale(client, session):
    w = World(client, session)
    url = f"/api/v1/cases/{w.case.id}/children/{w.mia.id}/safety-house"
    r = client.post(url, headers=w.auth, json={
        "held_on": "2026-12-01",
        "words": {"inside": ["Mummy locks the door at night"], "path": ["Nana", "Mrs Khan"],
                  "roof": ["No shouting"], "red_circle": ["Daddy when he drinks beer"]},
        "scale": 6, "scale_words": "in the middle because daddy still comes",
        "sharing": {"parts": {"inside": ["family"]}, "asked_by": "Sam Patel"}})
    assert r.status_code == 201, r.text
    house = r.json()
    assert house["tool"] == "safety_house" and house["scale"] == 6
    assert {e["part"] for e in house["entries"]} == {"inside", "path", "roof", "red_circle"}
    # A Three Houses part does not belong in a Safety House, nor a scale in Three Houses.
    wrong = client.post(url, headers=w.auth, json={"held_on": "2026-12-01",
                                                   "words": {"worries": ["x"]}})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["loc"] == ["body", "words", "worries"]
    no_scale = client.post(w.base, headers=w.auth, json={"held_on": "2026-12-01", "scale": 3})
    assert no_scale.status_code == 422 and no_scale.json()["errors"][0]["loc"] == ["body", "scale"]
    off_scale = client.post(url, headers=w.auth, json={"held_on": "2026-12-01", "scale": 11})
    assert off_scale.status_code == 422
    # The two tools are kept apart: each lists its own sessions.
    assert [s["id"] for s in client.get(url, headers=w.auth).json()] == [house["id"]]
    assert client.get(w.base, headers=w.auth).json() == []
    assert client.get(f"{w.base}/{house['id']}", headers=w.auth).status_code == 404
    # The red circle goes into the worries column: a danger statement unless chosen.
    red = next(e for e in house["entries"] if e["part"] == "red_circle")
    item = client.post(f"{url}/{house['id']}/entries/{red['id']}/place", headers=w.auth,
                       json={})
    assert item.status_code == 201 and item.json()["category"] == "danger_statement"
    assert item.json()["ds_behaviour"] == "Daddy when he drinks beer"
