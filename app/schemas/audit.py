from datetime import datetime
from typing import Any

from app.schemas.common import ReadModel


class AuditEventRead(ReadModel):
    seq: int | None
    at: datetime
    actor_name: str
    actor_user_id: int | None
    actor_token_id: int | None
    channel: str
    request_id: str | None
    action: str
    entity_type: str
    entity_id: int | None
    summary: str
    changes: dict[str, Any]


class HistoryPage(ReadModel):
    items: list[AuditEventRead]
    next_before: int | None
