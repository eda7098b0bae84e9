"""Pictures for the child's-voice tools: a photo or scan of the child's drawing, decoded and
written again by Pillow (no metadata kept), or a drawing made in the browser, sent as strokes
(numbers, never markup) and rendered here as a PNG. Kept in the database with their SHA-256,
with the child's say on who may see each one. Audited; removed, never deleted."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.enums import VOICE_PARTS, Audience, VoicePart
from app.models.person import Person
from app.models.picture import Picture
from app.models.voice import VoiceSession
from app.schemas.voice import PictureRead, PictureUpdate
from app.services import audit, upload
from app.services.audit import Actor
from app.services.case import check_version

#: The colours a drawing may use (the palette the page offers), by name.
COLOURS = {"black": "#0b0c0c", "blue": "#1d70b8", "red": "#d4351c", "green": "#00703c",
           "orange": "#f47738", "purple": "#4c2c92"}
#: A drawing is on a 1000 x 750 grid, at most this many strokes and points in all.
GRID = (1000, 750)
MAX_STROKES = 500
MAX_POINTS = 20_000
MAX_STROKES_BYTES = 1_000_000
AUDITED = ["caption", "part", "source", "media_type", "width", "height", "size", "sha256",
           "sharing", "sharing_asked_by"]
PICTURE_TYPES = ("image/jpeg", "image/png", "image/heic")


def _refuse(message: str, field: str) -> Invalid:
    return Invalid([FieldError(["body", field], message)])


def content_url(p: Picture) -> str:
    return f"/api/v1/cases/{p.case_id}/pictures/{p.id}/content"


def read(p: Picture) -> PictureRead:
    return PictureRead(id=p.id, session_id=p.session_id, child_id=p.child_id,
                       part=p.part, caption=p.caption, source=p.source,
                       media_type=p.media_type, width=p.width, height=p.height, size=p.size,
                       sha256=p.sha256, sharing=[Audience(a) for a in p.sharing or []],
                       content_url=content_url(p), version=p.version)


def for_session(session: Session, vs: VoiceSession, *,
                with_content: bool = False) -> list[Picture]:
    stmt = select(Picture).where(Picture.session_id == vs.id,
                                 Picture.removed.is_(False)).order_by(Picture.id)
    if with_content:
        stmt = stmt.options(undefer(Picture.content))
    return list(session.scalars(stmt))


def data_uri(p: Picture) -> str:
    """The picture inside a document (the bytes the server wrote, PNG or JPEG)."""
    return f"data:{p.media_type};base64,{base64.b64encode(p.content).decode()}"


def load(session: Session, *, case: Case, picture_id: int,
         with_content: bool = False) -> Picture:
    stmt = select(Picture).where(Picture.id == picture_id, Picture.case_id == case.id,
                                 Picture.removed.is_(False))
    if with_content:
        stmt = stmt.options(undefer(Picture.content))
    found = session.scalar(stmt)
    if found is None:
        raise NotFound("We could not find that picture on this case.")
    return found


def may_see(p: Picture, audience: Audience) -> bool:
    return audience.value in (p.sharing or [])


def clean_upload(data: bytes, field: str = "picture") -> tuple[bytes, str]:
    """A photo or scan as it will be kept, or Invalid with a message a worker can act on."""
    if not data:
        raise _refuse("Choose a photo or scan of the picture.", field)
    kind = upload.sniff(data)
    if kind not in PICTURE_TYPES:
        raise _refuse("This file is not a picture we can read. Upload a photo or scan "
                      "(JPEG, PNG or HEIC).", field)
    return upload.clean_picture(data, field=field)


def parse_strokes(raw: str | list[Any] | None, field: str = "strokes") -> list[dict[str, Any]]:
    """The strokes of a drawing: a list of {"colour": name, "points": [[x, y], ...]} on the
    1000 x 750 grid. Anything else is refused; numbers are clamped to the grid."""
    if raw is None or raw == "" or raw == []:
        raise _refuse("Draw something first, or upload a photo of the picture.", field)
    if isinstance(raw, str):
        if len(raw) > MAX_STROKES_BYTES:
            raise _refuse("The drawing is too detailed to keep. Clear some of it and try "
                          "again.", field)
        try:
            raw = json.loads(raw)
        except ValueError:
            raise _refuse("The drawing did not arrive whole. Try saving it again.",
                          field) from None
    if not isinstance(raw, list):
        raise _refuse("The drawing did not arrive whole. Try saving it again.", field)
    if len(raw) > MAX_STROKES:
        raise _refuse(f"The drawing has more than {MAX_STROKES} lines. Clear some of it and "
                      "try again.", field)
    strokes: list[dict[str, Any]] = []
    total = 0
    for s in raw:
        if not isinstance(s, dict) or s.get("colour") not in COLOURS \
                or not isinstance(s.get("points"), list):
            raise _refuse("The drawing did not arrive whole. Try saving it again.", field)
        total += len(s["points"])
        if total > MAX_POINTS:
            raise _refuse("The drawing is too detailed to keep. Clear some of it and try "
                          "again.", field)
        points: list[list[int]] = []
        for pt in s["points"]:
            if not (isinstance(pt, list) and len(pt) == 2
                    and all(isinstance(v, int | float) and not isinstance(v, bool)
                            for v in pt)):
                raise _refuse("The drawing did not arrive whole. Try saving it again.", field)
            points.append([min(max(round(pt[0]), 0), GRID[0]),
                           min(max(round(pt[1]), 0), GRID[1])])
        if points:
            strokes.append({"colour": s["colour"], "points": points})
    if not strokes:
        raise _refuse("Draw something first, or upload a photo of the picture.", field)
    return strokes


def render(strokes: list[dict[str, Any]]) -> bytes:
    """The drawing as a PNG, drawn here from the strokes."""
    img = Image.new("RGB", GRID, "white")
    pen = ImageDraw.Draw(img)
    for s in strokes:
        pts = [tuple(p) for p in s["points"]]
        colour = COLOURS[s["colour"]]
        if len(pts) == 1:
            x, y = pts[0]
            pen.ellipse((x - 4, y - 4, x + 4, y + 4), fill=colour)
        else:
            pen.line(pts, fill=colour, width=8, joint="curve")
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _sharing(sharing: list[Audience], asked_by: str | None, child: Person,
             field: str = "sharing") -> list[str]:
    if sharing and not asked_by:
        raise _refuse(f"Say who asked {child.given_name} who may see this picture",
                      "asked_by")
    return sorted({a.value for a in sharing})


def add(session: Session, *, case: Case, child: Person, vs: VoiceSession | None,
        part: VoicePart | None, caption: str | None, sharing: list[Audience],
        asked_by: str | None, actor: Actor, data: bytes | None = None,
        strokes: str | list[Any] | None = None) -> Picture:
    """Keep an upload (data) or a drawing (strokes). Everything is checked before anything is
    written, so a refused picture leaves nothing behind."""
    errors: list[FieldError] = []
    content, media_type, kept_strokes = b"", "", None
    try:
        if strokes is not None:
            kept_strokes = parse_strokes(strokes)
            content, media_type = render(kept_strokes), "image/png"
        else:
            content, media_type = clean_upload(data or b"")
    except Invalid as exc:
        errors.extend(exc.errors)
    audiences: list[str] = []
    try:
        audiences = _sharing(sharing, asked_by, child)
    except Invalid as exc:
        errors.extend(exc.errors)
    if part is not None and vs is not None and part not in VOICE_PARTS[vs.tool]:
        errors.append(FieldError(["body", "part"], "Choose a part of this session, or none"))
    if errors:
        raise Invalid(errors)
    with Image.open(io.BytesIO(content)) as img:
        width, height = img.size
    p = Picture(case_id=case.id, child_id=child.id,
                session_id=vs.id if vs is not None else None, part=part,
                caption=caption or None, source="drawing" if kept_strokes else "upload",
                media_type=media_type, width=width, height=height, size=len(content),
                sha256=hashlib.sha256(content).hexdigest(), content=content,
                strokes=kept_strokes, sharing=audiences,
                sharing_asked_by=asked_by if audiences else None,
                recorded_by_name=actor.name)
    session.add(p)
    session.flush()
    audit.record(session, actor=actor, action="create", entity_type="picture",
                 entity_id=p.id, case_id=case.id,
                 summary=f"kept {'a drawing' if kept_strokes else 'a picture'} by "
                         f"{child.given_name}",
                 changes=audit.diff({}, audit.snapshot(p, AUDITED)))
    return p


def update(session: Session, *, case: Case, child: Person, p: Picture, data: PictureUpdate,
           expected_version: int | None, actor: Actor) -> Picture:
    check_version(p, expected_version)
    before = audit.snapshot(p, AUDITED)
    if "caption" in data.model_fields_set:
        p.caption = data.caption or None
    if data.sharing is not None:
        p.sharing = _sharing(data.sharing, data.asked_by or p.sharing_asked_by, child)
        p.sharing_asked_by = (data.asked_by or p.sharing_asked_by) if p.sharing else None
    session.flush()
    changes = audit.diff(before, audit.snapshot(p, AUDITED))
    if changes:
        audit.record(session, actor=actor, action="update", entity_type="picture",
                     entity_id=p.id, case_id=case.id,
                     summary=f"changed a picture by {child.given_name}", changes=changes)
    return p


def remove(session: Session, *, case: Case, child: Person, p: Picture,
           expected_version: int | None, actor: Actor) -> None:
    check_version(p, expected_version)
    p.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="picture",
                 entity_id=p.id, case_id=case.id,
                 summary=f"removed a picture by {child.given_name}",
                 changes={"removed": {"before": False, "after": True}})
