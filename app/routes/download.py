"""Sending a file back under a safe name: never cached by shared caches, and a file that came
from outside is never run by the browser."""

from urllib.parse import quote

from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models.case import Case
from app.models.picture import Picture
from app.services import picture, words_pictures


def file_response(content: bytes, *, media_type: str, filename: str,
                  disposition: str = "attachment", outside: bool = False,
                  headers: dict[str, str] | None = None) -> Response:
    """`outside`: the bytes were sent to us (an attachment), so the browser shows them, if at
    all, with no scripts and no forms. Our own PDFs are left without the sandbox, which would
    stop the browser's PDF viewer."""
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    sent = {
        "Content-Disposition": f"{disposition}; filename=\"{ascii_name}\"; "
                               f"filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "private, no-store",
        **(headers or {}),
    }
    if outside:
        sent["Content-Security-Policy"] = "sandbox"
    return Response(content=content, media_type=media_type, headers=sent)


def shown_pdf(content: bytes, filename: str) -> Response:
    """One of our own PDFs, for the browser to show (it can still be saved)."""
    return file_response(content, media_type="application/pdf", filename=filename,
                         disposition="inline")


def picture_response(p: Picture) -> Response:
    """A child's picture as the server wrote it (PNG or JPEG), shown, never run."""
    ext = "png" if p.media_type == "image/png" else "jpg"
    return file_response(p.content, media_type=p.media_type, filename=f"picture-{p.id}.{ext}",
                         disposition="inline", outside=True)


def panel_picture(session: Session, case: Case, board_id: int, panel_id: int) -> Response:
    """A panel's picture as the server wrote it: its own, or the child's picture it reuses."""
    board = words_pictures.load(session, case=case, board_id=board_id)
    panel = words_pictures.load_panel(session, board=board, panel_id=panel_id, with_content=True)
    if panel.content is not None and panel.media_type:
        ext = "png" if panel.media_type == "image/png" else "jpg"
        return file_response(panel.content, media_type=panel.media_type,
                             filename=f"panel-{panel.id}.{ext}", disposition="inline",
                             outside=True)
    if panel.picture_id is not None:
        return picture_response(picture.load(session, case=case, picture_id=panel.picture_id,
                                             with_content=True))
    raise NotFound("This panel has no picture.")
