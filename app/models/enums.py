"""Enumerations, defined once and shared by models, schemas and templates."""

from enum import StrEnum


class CaseStatus(StrEnum):
    open = "open"
    closed = "closed"


class PersonKind(StrEnum):
    child = "child"
    adult = "adult"


class Gender(StrEnum):
    female = "female"
    male = "male"
    other = "other"
    not_known = "not_known"
    unborn = "unborn"


class AdultRole(StrEnum):
    parent = "parent"
    carer = "carer"
    relative = "relative"
    friend = "friend"
    professional = "professional"
    other = "other"


class NoteKind(StrEnum):
    visit = "visit"
    phone_call = "phone_call"
    meeting = "meeting"
    other = "other"


class ChildStatusKind(StrEnum):
    """What applies to one child, each for a span of dates."""

    child_in_need = "child_in_need"
    child_protection_plan = "child_protection_plan"
    looked_after = "looked_after"


class AbuseCategory(StrEnum):
    """The category of a child protection plan, as the Children in Need census records it."""

    neglect = "neglect"
    physical = "physical"
    emotional = "emotional"
    sexual = "sexual"
    multiple = "multiple"


class CaseEventKind(StrEnum):
    """A dated event of a child's journey that the Children in Need census records."""

    referral = "referral"
    assessment = "assessment"
    section47 = "section47"
    initial_conference = "initial_conference"
    cp_review = "cp_review"
    closure = "closure"


class CensusStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class AllocationKind(StrEnum):
    """Someone working on a case beside its allocated social worker."""

    co_worker = "co_worker"
    cover = "cover"


class Role(StrEnum):
    practitioner = "practitioner"
    supervisor = "supervisor"
    service_manager = "service_manager"
    administrator = "administrator"


LABELS: dict[str, str] = {
    "open": "Open",
    "closed": "Closed",
    "child": "Child",
    "adult": "Adult",
    "female": "Female",
    "male": "Male",
    "other": "Other",
    "not_known": "Not known",
    "unborn": "Unborn",
    "parent": "Parent",
    "carer": "Carer",
    "relative": "Relative",
    "friend": "Friend",
    "professional": "Professional",
    "visit": "Visit",
    "phone_call": "Phone call",
    "meeting": "Meeting",
    "child_in_need": "Child in need plan",
    "child_protection_plan": "Child protection plan",
    "looked_after": "Looked after",
    "neglect": "Neglect",
    "physical": "Physical abuse",
    "emotional": "Emotional abuse",
    "sexual": "Sexual abuse",
    "multiple": "Multiple categories",
    "co_worker": "Co-worker",
    "cover": "Cover",
    "practitioner": "Social worker",
    "supervisor": "Team manager",
    "service_manager": "Service manager",
    "administrator": "Administrator",
}


def label(value: object) -> str:
    key = str(value)
    return LABELS.get(key, key.replace("_", " ").capitalize())


class MappingKind(StrEnum):
    initial_assessment = "initial_assessment"
    review = "review"
    cp_conference = "cp_conference"
    group_supervision = "group_supervision"
    closure = "closure"


class MappingStatus(StrEnum):
    draft = "draft"
    agreed = "agreed"
    signed_off = "signed_off"


class Category(StrEnum):
    """The seven analysis categories, plus grey areas and bottom lines."""

    harm = "harm"
    danger_statement = "danger_statement"
    complicating_factor = "complicating_factor"
    existing_strength = "existing_strength"
    existing_safety = "existing_safety"
    safety_goal = "safety_goal"
    next_step = "next_step"
    grey_area = "grey_area"
    bottom_line = "bottom_line"


#: The three columns and the categories in each, in order. Structure is fixed; labels are not.
COLUMNS: dict[str, list[Category]] = {
    "worried": [Category.harm, Category.danger_statement, Category.complicating_factor],
    "working_well": [Category.existing_strength, Category.existing_safety],
    "needs_to_happen": [Category.safety_goal, Category.next_step],
}
SEVEN = [c for cats in COLUMNS.values() for c in cats]
EXTRA = [Category.grey_area, Category.bottom_line]

#: What an item in one category may be linked to: the danger statements a harm grounds, the
#: safety goals a next step or some existing safety serves.
LINKS: dict[Category, Category] = {
    Category.harm: Category.danger_statement,
    Category.next_step: Category.safety_goal,
    Category.existing_safety: Category.safety_goal,
}


#: The categories whose emptiness is worth a prompt, by kind of mapping. An early map may
#: honestly have no existing safety or complicating factors yet; a closure map is about the
#: safety shown; a group-supervision map is the team's thinking, with no expectations.
EXPECTED: dict[MappingKind, list[Category]] = {
    MappingKind.initial_assessment: [Category.harm, Category.danger_statement,
                                     Category.existing_strength, Category.safety_goal,
                                     Category.next_step],
    MappingKind.review: [c for c in SEVEN if c != Category.complicating_factor],
    MappingKind.cp_conference: [c for c in SEVEN if c != Category.complicating_factor],
    MappingKind.closure: [Category.danger_statement, Category.existing_safety,
                          Category.safety_goal],
    MappingKind.group_supervision: [],
}


class SourceKind(StrEnum):
    """Who said or saw it."""

    person = "person"  # someone on the case (a parent, a relative…)
    child = "child"  # a child, in their own words
    professional = "professional"
    worker = "worker"


class Severity(StrEnum):
    low = "low"
    moderate = "moderate"
    serious = "serious"
    severe = "severe"


class FamilyView(StrEnum):
    agrees = "agrees"
    partly_agrees = "partly_agrees"
    disagrees = "disagrees"
    not_yet_asked = "not_yet_asked"


class RaterKind(StrEnum):
    worker = "worker"
    parent = "parent"
    carer = "carer"
    network = "network"
    child = "child"
    supervisor = "supervisor"
    professional = "professional"


LABELS.update({
    "initial_assessment": "Initial assessment",
    "review": "Review",
    "cp_conference": "Child protection conference",
    "group_supervision": "Group supervision / team mapping",
    "closure": "Closure",
    "draft": "Draft",
    "agreed": "Shared with the family",
    "signed_off": "Signed off",
    "harm": "Harm",
    "danger_statement": "Danger statements",
    "complicating_factor": "Complicating factors",
    "existing_strength": "Existing strengths",
    "existing_safety": "Existing safety",
    "safety_goal": "Safety goals",
    "next_step": "Next steps",
    "grey_area": "Grey areas",
    "bottom_line": "Bottom lines",
    "worried": "What are we worried about?",
    "working_well": "What's working well?",
    "needs_to_happen": "What needs to happen?",
    "person": "Someone in the family",
    "professional": "A professional",
    "worker": "Social worker",
    "low": "Low",
    "moderate": "Moderate",
    "serious": "Serious",
    "severe": "Severe",
    "agrees": "Agrees",
    "partly_agrees": "Partly agrees",
    "disagrees": "Disagrees",
    "not_yet_asked": "Not asked yet",
    "network": "Safety network member",
})


class VoiceTool(StrEnum):
    """The child's-voice tools: My Three Houses (Weld and Parker) and the Safety House
    (Sonja Parker)."""

    three_houses = "three_houses"
    safety_house = "safety_house"


class VoicePart(StrEnum):
    """The parts of a child's-voice tool that hold the child's words."""

    # My Three Houses.
    worries = "worries"
    good_things = "good_things"
    dreams = "dreams"
    # The Safety House.
    inside = "inside"  # who lives in my Safety House and what they do to keep me safe
    path = "path"  # the people on the path, who help me and visit
    roof = "roof"  # the rules everyone follows to keep me safe
    red_circle = "red_circle"  # people or things that are not safe


#: The parts of each tool, in order.
VOICE_PARTS: dict[VoiceTool, list[VoicePart]] = {
    VoiceTool.three_houses: [VoicePart.worries, VoicePart.good_things, VoicePart.dreams],
    VoiceTool.safety_house: [VoicePart.inside, VoicePart.path, VoicePart.roof,
                             VoicePart.red_circle],
}


class Audience(StrEnum):
    """Who a child has said may see their words or pictures. None of them: nobody yet."""

    family = "family"
    network = "network"
    conference = "conference"


class NetworkAgreement(StrEnum):
    """Whether a safety network member agreed to help keep the children safe."""

    agreed = "agreed"
    not_yet = "not_yet"
    declined = "declined"


class KinKind(StrEnum):
    """How one person on a case is related to another: "Sam is the parent of Mia". Read as
    person → relative; partner, ex-partner, sibling, half-sibling, friend and neighbour read
    both ways."""

    parent = "parent"
    step_parent = "step_parent"
    partner = "partner"
    ex_partner = "ex_partner"
    sibling = "sibling"
    half_sibling = "half_sibling"
    grandparent = "grandparent"
    aunt_uncle = "aunt_uncle"
    friend = "friend"
    neighbour = "neighbour"
    professional = "professional"


class Strength(StrEnum):
    """How a connection feels to the child, for the ecomap."""

    strong = "strong"
    tenuous = "tenuous"
    stressful = "stressful"


class PlanStatus(StrEnum):
    """A safety plan: being made, agreed with the family (and monitored), or replaced by a
    review's new version (kept, readable)."""

    draft = "draft"
    agreed = "agreed"
    replaced = "replaced"


class SignoffHow(StrEnum):
    signed_paper = "signed_paper"
    said_at_meeting = "said_at_meeting"
    signed_on_tablet = "signed_on_tablet"
    other = "other"


class CheckResult(StrEnum):
    """How a safety plan rule went, when it was checked."""

    held = "held"
    slipped = "slipped"
    broken = "broken"
