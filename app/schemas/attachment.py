"""Attachments: what is read (files are sent as multipart form data)."""

from datetime import date, datetime

from app.schemas.common import ReadModel


class AttachmentRead(ReadModel):
    id: int
    case_id: int
    note_id: int | None
    title: str
    sender: str | None
    received_on: date
    description: str | None
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by_name: str
    created_at: datetime
