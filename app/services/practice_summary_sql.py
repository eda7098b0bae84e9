"""The statements that compute the practice summaries (services/practice_summary.py), built
once with the case or mapping ids bound at run time: every write to a case runs them, and
building them each time cost more than running them."""

from __future__ import annotations

from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter

from app.models.case import Case
from app.models.child_status import ChildStatus
from app.models.enums import (
    Category,
    CheckResult,
    ChildStatusKind,
    FamilyView,
    MappingKind,
    PersonKind,
    PlanStatus,
)
from app.models.mapping import Mapping
from app.models.mapping_item import ItemLink, MappingItem
from app.models.network import NetworkMeeting, NetworkMember
from app.models.person import Person
from app.models.rating import Rating
from app.models.safety_plan import RuleCheck, SafetyPlan, SafetyRule
from app.models.safety_plan import RuleLink as SafetyRuleLink
from app.models.trajectory import Trajectory, TrajectoryStage
from app.models.voice import VoiceSession
from app.models.words_pictures import Explanation, Storyboard

IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_ranked = (
    select(
        Mapping.id.label("mapping_id"),
        Mapping.case_id,
        Mapping.held_on,
        Mapping.status,
        Mapping.kind,
        func.row_number()
        .over(partition_by=Mapping.case_id, order_by=(Mapping.held_on.desc(), Mapping.id.desc()))
        .label("rn"),
    )
    # A group-supervision map is the team's thinking, not the family's record.
    .where(Mapping.case_id.in_(IDS), Mapping.kind != MappingKind.group_supervision)
    .subquery()
)
_latest = aliased(_ranked, name="latest")
_previous = aliased(_ranked, name="previous")
CASES = (
    select(
        Case.id, Case.team_id, Case.worker_id, Case.status, Case.restricted,
        _latest.c.mapping_id, _latest.c.held_on, _latest.c.status, _latest.c.kind,
        _previous.c.mapping_id,
    )
    .outerjoin(_latest, and_(_latest.c.case_id == Case.id, _latest.c.rn == 1))
    .outerjoin(_previous, and_(_previous.c.case_id == Case.id, _previous.c.rn == 2))
    .where(Case.id.in_(IDS))
)
_no_impact = or_(MappingItem.harm_impact.is_(None), func.trim(MappingItem.harm_impact) == "")
_undone = and_(MappingItem.ns_done.is_(False), MappingItem.ns_by_when.is_not(None))
_target = aliased(MappingItem, name="target")
#: The item links to something still in the mapping (a harm to a danger statement, a next
#: step to a safety goal).
_linked = (
    select(ItemLink.id)
    .join(_target, _target.id == ItemLink.target_id)
    .where(ItemLink.item_id == MappingItem.id, _target.removed.is_(False))
    .exists()
)
#: Someone has scored the item (a danger statement's pair).
_scored = (
    select(Rating.id)
    .where(Rating.danger_id == MappingItem.id, Rating.removed.is_(False))
    .exists()
)
#: The family's view of the item (a danger statement) has been asked.
_view_asked = and_(MappingItem.family_view.is_not(None),
                   MappingItem.family_view != FamilyView.not_yet_asked)
#: Items on each latest mapping, by category.
ITEMS = (
    select(
        MappingItem.mapping_id,
        MappingItem.category,
        func.count(),
        func.sum(case((_no_impact, 1), else_=0)),
        func.sum(case((_undone, 1), else_=0)),
        func.min(case((_undone, MappingItem.ns_by_when))),
        func.max(case((_undone, MappingItem.ns_by_when))),
        func.sum(case((_linked, 0), else_=1)),
        func.sum(case((_scored, 0), else_=1)),
        func.sum(case((_view_asked, 0), else_=1)),
    )
    .where(MappingItem.removed.is_(False), MappingItem.mapping_id.in_(IDS))
    .group_by(MappingItem.mapping_id, MappingItem.category)
)
_goal = aliased(MappingItem, name="goal")
_danger = aliased(MappingItem, name="danger")
#: Danger statements with a goal, and goals with no danger statement.
PAIRS = (
    select(
        _goal.mapping_id,
        func.count(func.distinct(case((_danger.id.is_not(None), _danger.id)))),
        func.sum(case((_danger.id.is_(None), 1), else_=0)),
    )
    .select_from(_goal)
    .outerjoin(
        _danger,
        and_(
            _danger.id == _goal.pairs_with_id,
            _danger.mapping_id == _goal.mapping_id,
            _danger.removed.is_(False),
            _danger.category == Category.danger_statement,
        ),
    )
    .where(_goal.removed.is_(False), _goal.category == Category.safety_goal,
           _goal.mapping_id.in_(IDS))
    .group_by(_goal.mapping_id)
)
#: Every score on the latest and previous mappings, oldest first (a few per mapping): the
#: overall judgement, and each rater's current score on each pair.
RATINGS = (
    select(
        Rating.mapping_id, Rating.danger_id, Rating.rater_kind, Rating.rater_person_id,
        Rating.rater_user_id, Rating.rater_name, Rating.score,
    )
    .where(Rating.removed.is_(False), Rating.mapping_id.in_(IDS))
    .order_by(Rating.mapping_id, Rating.rated_on, Rating.id)
)

#: When each case's children were last heard: for each born, current child, the day of their
#: latest session with a child's-voice tool (the case's opening if none), and the earliest of
#: those per case.
_heard = (
    select(Person.case_id.label("case_id"),
           func.coalesce(func.max(VoiceSession.held_on), Case.opened_on).label("last"))
    .join(Case, Case.id == Person.case_id)
    .outerjoin(VoiceSession, and_(VoiceSession.child_id == Person.id,
                                  VoiceSession.removed.is_(False)))
    .where(Person.case_id.in_(IDS), Person.kind == PersonKind.child,
           Person.archived.is_(False), Person.date_of_birth.is_not(None))
    .group_by(Person.case_id, Person.id, Case.opened_on)
    .subquery()
)
VOICE = select(_heard.c.case_id, func.min(_heard.c.last)).group_by(_heard.c.case_id)
#: How many of each case's safety network have been told about the worries.
NETWORK = (
    select(NetworkMember.case_id, func.count())
    .where(NetworkMember.case_id.in_(IDS), NetworkMember.removed.is_(False),
           NetworkMember.told_on.is_not(None))
    .group_by(NetworkMember.case_id)
)

# The safety plan, Words and Pictures and the trajectory (issue #14), per case.
_plan = aliased(SafetyPlan, name="plan")
_danger = aliased(MappingItem, name="danger")
_goal = aliased(MappingItem, name="goal")
_answered = (
    select(SafetyRuleLink.id)
    .join(SafetyRule, SafetyRule.id == SafetyRuleLink.rule_id)
    .where(SafetyRule.plan_id == _plan.id, SafetyRule.removed.is_(False),
           or_(SafetyRuleLink.item_id == _danger.id,
               SafetyRuleLink.item_id.in_(
                   select(_goal.id).where(_goal.pairs_with_id == _danger.id,
                                          _goal.category == Category.safety_goal,
                                          _goal.removed.is_(False)))))
    .correlate(_plan, _danger)
    .exists()
)
#: Danger statements of the case's current plan's mapping that no rule answers.
UNCOVERED = (
    select(_plan.case_id, func.count(_danger.id))
    .join(_danger, and_(_danger.mapping_id == _plan.mapping_id,
                        _danger.category == Category.danger_statement,
                        _danger.removed.is_(False)))
    .where(_plan.case_id.in_(IDS), _plan.status != PlanStatus.replaced, ~_answered)
    .group_by(_plan.case_id)
)
#: The days rules of current plans slipped or were broken.
SLIPS = (
    select(SafetyPlan.case_id, RuleCheck.rule_id, RuleCheck.checked_on)
    .join(SafetyRule, SafetyRule.id == RuleCheck.rule_id)
    .join(SafetyPlan, SafetyPlan.id == SafetyRule.plan_id)
    .where(SafetyPlan.case_id.in_(IDS), SafetyPlan.status != PlanStatus.replaced,
           SafetyRule.removed.is_(False), RuleCheck.result != CheckResult.held)
)
#: Children on a child protection plan on the day (bound) with no Words and Pictures
#: explanation.
UNEXPLAINED = (
    select(ChildStatus.case_id, func.count(func.distinct(ChildStatus.child_id)))
    .where(ChildStatus.case_id.in_(IDS),
           ChildStatus.kind == ChildStatusKind.child_protection_plan,
           ChildStatus.starts_on <= bindparam("today"),
           or_(ChildStatus.ends_on.is_(None), ChildStatus.ends_on >= bindparam("today")),
           ~select(Explanation.id).join(Storyboard, Storyboard.id == Explanation.storyboard_id)
           .where(Explanation.child_id == ChildStatus.child_id,
                  Storyboard.case_id == ChildStatus.case_id).exists())
    .group_by(ChildStatus.case_id)
)
#: Stages of each case's trajectory with a planned date and no day typed in.
STAGES = (
    select(Trajectory.case_id, TrajectoryStage.key, TrajectoryStage.planned_on)
    .join(TrajectoryStage, TrajectoryStage.trajectory_id == Trajectory.id)
    .where(Trajectory.case_id.in_(IDS), TrajectoryStage.removed.is_(False),
           TrajectoryStage.planned_on.is_not(None), TrajectoryStage.done_on.is_(None))
)
#: When the record says the keyed stages were done (services/trajectory.recorded), per case.
STAGE_DONE = {
    "preparing": select(Mapping.case_id, func.min(Mapping.held_on))
    .where(Mapping.case_id.in_(IDS)).group_by(Mapping.case_id),
    "network": select(NetworkMeeting.case_id, func.min(NetworkMeeting.held_on))
    .where(NetworkMeeting.case_id.in_(IDS), NetworkMeeting.removed.is_(False))
    .group_by(NetworkMeeting.case_id),
    "words_pictures": select(Storyboard.case_id, func.min(Explanation.explained_on))
    .join(Storyboard, Storyboard.id == Explanation.storyboard_id)
    .where(Storyboard.case_id.in_(IDS)).group_by(Storyboard.case_id),
    "safety_plan": select(SafetyPlan.case_id, func.min(SafetyPlan.agreed_on))
    .where(SafetyPlan.case_id.in_(IDS)).group_by(SafetyPlan.case_id),
    "monitoring": select(SafetyPlan.case_id, func.min(RuleCheck.checked_on))
    .join(SafetyRule, SafetyRule.id == RuleCheck.rule_id)
    .join(SafetyPlan, SafetyPlan.id == SafetyRule.plan_id)
    .where(SafetyPlan.case_id.in_(IDS)).group_by(SafetyPlan.case_id),
    "closure": select(Case.id, Case.closed_on).where(Case.id.in_(IDS)),
}
