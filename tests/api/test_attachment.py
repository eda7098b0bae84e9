"""Issue #22 part 1 through /api/v1: files kept with a case are what they say they are, pictures
lose their hidden details, risky files are refused with a reason, and a download is the same
bytes as the SHA-256 says, sent so that no browser runs it."""

from __future__ import annotations

import hashlib
import io
import zipfile

from fastapi.testclient import TestClient
from PIL import Image
from pypdf import PdfWriter
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.attachment import Attachment
from app.models.audit import AuditEvent
from tests.factories import make_case, make_team, make_token, make_user


def _setup(client: TestClient, session: Session) -> tuple[str, dict[str, str]]:
    team = make_team(session)
    case = make_case(session, team=team, worker=make_user(session, team=team))
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    return f"/api/v1/cases/{case.id}/attachments", {"Authorization": f"Bearer {token}"}


def _send(client: TestClient, url: str, auth: dict[str, str], data: bytes, name: str,
          **fields: str) -> object:
    return client.post(url, headers=auth, files={"file": (name, data, "application/pdf")},
                       data={"title": "Report", **fields})


def _pdf() -> bytes:
    out = io.BytesIO()
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.write(out)
    return out.getvalue()


def _photo_with_location() -> bytes:
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMakerCo"
    exif[0x0112] = 6  # taken on its side: the picture must come out upright
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 12.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _docx(macros: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        if macros:
            z.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def test_a_photo_is_kept_upright_without_its_location_or_camera(
        client: TestClient, session: Session) -> None:
    url, auth = _setup(client, session)
    photo = _photo_with_location()
    with Image.open(io.BytesIO(photo)) as sent:
        assert sent.getexif().get_ifd(0x8825)  # the test photo does carry a location
    r = client.post(url, headers=auth, files={"file": ("IMG_0001.HEIC.jpg", photo, "image/jpeg")},
                    data={"title": "Photo of the bedroom", "sender": "Sam",
                          "received_on": "2026-03-02"})
    assert r.status_code == 201, r.text
    row = r.json()
    assert row["media_type"] == "image/jpeg" and row["filename"] == "IMG_0001_HEIC.jpg"
    got = client.get(f"{url}/{row['id']}/content", headers=auth)
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == row["sha256"]
    assert b"PhoneMakerCo" not in got.content
    with Image.open(io.BytesIO(got.content)) as kept:
        assert not kept.getexif()
        assert kept.size == (30, 40)  # turned the way the camera said
    assert got.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in got.headers.get_list("content-security-policy")
    assert got.headers["x-content-type-options"] == "nosniff"
    ev = session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "attachment"))
    assert ev is not None and ev.summary.startswith("added the file “Photo of the bedroom”")
    assert ev.changes["sha256"]["after"] == row["sha256"]


def test_reports_and_letters_are_kept_as_received_under_a_safe_name(
        client: TestClient, session: Session) -> None:
    url, auth = _setup(client, session)
    pdf = _pdf()
    r = _send(client, url, auth, pdf, "../../etc/School report.exe")
    assert r.status_code == 201, r.text  # type: ignore[attr-defined]
    row = r.json()  # type: ignore[attr-defined]
    assert row["filename"] == "School report.pdf" and row["media_type"] == "application/pdf"
    assert row["sha256"] == hashlib.sha256(pdf).hexdigest() and row["size"] == len(pdf)
    assert client.get(f"{url}/{row['id']}/content", headers=auth).content == pdf
    docx = _send(client, url, auth, _docx(), "letter.docx")
    assert docx.status_code == 201  # type: ignore[attr-defined]
    text = _send(client, url, auth, b"Notes from the health visitor\n", "hv.txt")
    assert text.json()["media_type"] == "text/plain"  # type: ignore[attr-defined]
    listed = client.get(url, headers=auth).json()
    assert len(listed) == 3 and "content" not in listed[0]


def test_risky_or_broken_files_are_refused_with_a_reason_and_nothing_kept(
        client: TestClient, session: Session) -> None:
    url, auth = _setup(client, session)
    bomb = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(bomb, "PNG")
    script = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /J#61vaScript "
              b"/JS (app.alert(1)) >> >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    cases = [
        (bomb.getvalue(), "bomb.png", "too large: at most 40 million pixels"),
        (script, "letter.pdf", "actions or files of its own"),
        (_pdf()[:-200], "cut.pdf", "incomplete"),
        (_docx(macros=True), "letter.docx", "macros"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "setup.pdf", "cannot be kept"),
        (b"<html><script>alert(1)</script></html>", "page.txt", "cannot be kept"),
        (b"\xff\xd8\xff\xe0 not really a photo", "photo.jpg", "could not be read"),
        (b"", "empty.pdf", "empty"),
    ]
    for data, name, words in cases:
        r = _send(client, url, auth, data, name)
        assert r.status_code == 422, (name, r.text)  # type: ignore[attr-defined]
        problem = r.json()  # type: ignore[attr-defined]
        assert problem["errors"][0]["field"] == "file", name
        assert words in problem["errors"][0]["message"], (name, problem)
    missing_title = client.post(url, headers=auth, files={"file": ("a.pdf", _pdf())},
                                data={"title": " "})
    assert missing_title.status_code == 422
    assert [e["field"] for e in missing_title.json()["errors"]] == ["title"]
    assert session.scalar(select(Attachment.id)) is None
    too_big = client.post(url, headers=auth,
                          files={"file": ("big.pdf", b"%PDF-" + b"0" * 15_000_001)},
                          data={"title": "Big"})
    assert too_big.status_code == 413 and "15 MB" in too_big.json()["detail"]
