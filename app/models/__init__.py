"""All models, imported so that Base.metadata knows every table (Alembic reads it)."""

from app.models.allocation import CaseAllocation
from app.models.attachment import Attachment
from app.models.audit import AuditEvent, AuditHead
from app.models.auth import ApiToken, LoginAttempt, UserSession
from app.models.base import Base
from app.models.case import Case, CaseAccess
from app.models.case_event import CaseEvent
from app.models.case_note import CaseNote, NoteChild, NoteItem
from app.models.census import CensusRun
from app.models.child_status import ChildStatus
from app.models.conference_report import ConferenceReport
from app.models.document import IssuedDocument
from app.models.family_position import FamilyPosition
from app.models.household import HouseholdMember
from app.models.jargon import JargonTerm
from app.models.kinship import Kinship
from app.models.labels import LabelSet
from app.models.mapping import Mapping, MappingParticipant
from app.models.mapping_item import ItemChild, ItemLink, MappingItem
from app.models.network import NetworkAttendance, NetworkMeeting, NetworkMember
from app.models.person import Person, PersonRelationship
from app.models.picture import Picture
from app.models.rating import Rating
from app.models.safety_plan import PlanSignoff, RuleCheck, RuleLink, SafetyPlan, SafetyRule
from app.models.summary import PracticeSummary, SummaryDue
from app.models.supervision import SupervisionNote
from app.models.team import Team
from app.models.trajectory import Trajectory, TrajectoryStage
from app.models.translation import Translation
from app.models.user import User
from app.models.voice import VoiceEntry, VoiceSession
from app.models.words_pictures import Explanation, Panel, Storyboard

__all__ = [
    "ApiToken",
    "Explanation",
    "Panel",
    "Storyboard",
    "Attachment",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Case",
    "CaseAccess",
    "CaseAllocation",
    "CaseEvent",
    "CensusRun",
    "CaseNote",
    "ChildStatus",
    "ConferenceReport",
    "FamilyPosition",
    "HouseholdMember",
    "IssuedDocument",
    "ItemChild",
    "ItemLink",
    "JargonTerm",
    "Translation",
    "Kinship",
    "LabelSet",
    "Mapping",
    "MappingItem",
    "MappingParticipant",
    "NoteChild",
    "NoteItem",
    "LoginAttempt",
    "NetworkAttendance",
    "NetworkMeeting",
    "NetworkMember",
    "Person",
    "Picture",
    "PersonRelationship",
    "PlanSignoff",
    "PracticeSummary",
    "SummaryDue",
    "RuleCheck",
    "RuleLink",
    "SafetyPlan",
    "SafetyRule",
    "Rating",
    "SupervisionNote",
    "Team",
    "Trajectory",
    "TrajectoryStage",
    "User",
    "VoiceEntry",
    "VoiceSession",
    "UserSession",
]
