"""All models, imported so that Base.metadata knows every table (Alembic reads it)."""

from app.models.audit import AuditEvent, AuditHead
from app.models.auth import ApiToken, LoginAttempt, UserSession
from app.models.base import Base
from app.models.case import Case, CaseAccess
from app.models.person import Person, PersonRelationship
from app.models.team import Team
from app.models.user import User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Case",
    "CaseAccess",
    "LoginAttempt",
    "Person",
    "PersonRelationship",
    "Team",
    "User",
    "UserSession",
]
