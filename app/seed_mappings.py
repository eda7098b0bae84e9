"""Demo data, continued: the Harper family's mappings (one signed off, a review in progress)
and the Okafor family, whose mapping gives the team board something to show. Every name
here is invented."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import (
    AdultRole,
    Category,
    FamilyView,
    Gender,
    MappingKind,
    PersonKind,
    RaterKind,
)
from app.models.mapping_item import MappingItem
from app.models.person import Person
from app.models.team import Team
from app.models.user import User
from app.schemas.case import CaseCreate
from app.schemas.family_position import PositionIn
from app.schemas.mapping import AgreeIn, MappingCreate, ParticipantIn, ReviewCreate
from app.schemas.mapping_item import ItemCreate, ItemUpdate
from app.schemas.person import PersonCreate, RelationshipIn
from app.schemas.rating import RatingCreate
from app.services import case as case_service
from app.services import mapping as mapping_service
from app.services import mapping_item as item_service
from app.services import person as person_service
from app.services import rating as rating_service
from app.services.audit import SYSTEM, Actor


def ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def years_ago(years: int, days: int = 0) -> date:
    today = date.today()
    return date(today.year - years, today.month, min(today.day, 28)) - timedelta(days=days)


def _rated_by(session: Session, case: Case, kind: RaterKind, name: str,
              **fields: object) -> RatingCreate:
    """A score from the person on the case with this name (or the user, for the worker)."""
    if kind in (RaterKind.worker, RaterKind.supervisor):
        return RatingCreate(rater_kind=kind, **fields)
    person = next(p for p in person_service.list_for_case(session, case=case)
                  if p.full_name == name)
    return RatingCreate(rater_kind=kind, rater_person_id=person.id,
                        **fields)


def harper_mappings(
    session: Session,
    case: Case,
    mia: Person,
    leo: Person,
    adults: dict[str, Person],
    worker: User,
    manager: User,
) -> None:
    """An initial mapping two months ago, agreed and signed off, and a review in progress
    carried forward from it, with scores from the worker and from mum on both."""
    jade, pat = adults["Jade"], adults["Pat"]
    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    first = mapping_service.create(
        session,
        case=case,
        data=MappingCreate(
            kind=MappingKind.initial_assessment,
            held_on=ago(60),
            participants=[ParticipantIn(person_id=jade.id), ParticipantIn(person_id=pat.id),
                          ParticipantIn(name="Amina Yusuf", role="class teacher")],
        ),
        actor=sam,
    )
    on = ago(60)

    def add(category: Category, **fields: object) -> MappingItem:
        return item_service.create(
            session,
            case=case,
            mapping=first,
            data=ItemCreate(category=category, recorded_on=on, **fields),
            actor=sam,
        )

    harm = add(
        Category.harm,
        harm_adult_action="Ryan pushed Jade against the kitchen door while Leo was in the room",
        harm_impact="Leo cried and hid under the table; Mia told her teacher she was scared",
        harm_severity="serious",
        harm_when="August this year",
        census_factors="3A 3B",
        child_ids=[mia.id, leo.id],
        source_kind="child",
        source_person_id=mia.id,
    )
    danger = add(
        Category.danger_statement,
        ds_who_worried="Children's Services, Mia's school and Pat",
        ds_behaviour="Ryan may hurt Jade again when they argue, with Mia and Leo in the house",
        ds_impact="Mia and Leo could be hurt, or grow up frightened and unsettled at home.",
        family_view="partly_agrees",
        family_view_words="Jade says it only happened once and Ryan has moved out",
        census_factors="3B 1C",
        child_ids=[mia.id, leo.id],
    )
    add(
        Category.complicating_factor,
        text="Ryan drinks heavily at weekends and does not want to talk to us yet",
    )
    add(
        Category.existing_strength,
        text="Jade walks Mia to school every day and Mia is always on time",
        source_kind="professional",
        source_name="Amina Yusuf",
    )
    safety = add(
        Category.existing_safety,
        text="When the shouting started in August, Jade took the children to Pat's house "
        "and stayed there for two nights",
        source_kind="person",
        source_person_id=pat.id,
        es_from=ago(75),
    )
    item_service.update(session, case=case, mapping=first, item=harm,
                        data=ItemUpdate(link_ids=[danger.id]), expected_version=None, actor=sam)
    goal = add(
        Category.safety_goal,
        pairs_with_id=danger.id,
        sg_carers_doing="Jade will keep the children away from Ryan when he has been drinking, "
        "and call Pat or the police if he comes to the house",
        sg_child_experience="Mia and Leo will feel calm at home and know who to call",
        sg_professionals_see="Family time with Ryan happens only at Pat's house",
        sg_duration="6 months",
        sg_sustain_weeks=26,
    )
    item_service.update(session, case=case, mapping=first, item=safety,
                        data=ItemUpdate(link_ids=[goal.id]), expected_version=None, actor=sam)
    add(
        Category.next_step,
        text="Pat, Jade and Sam make a written plan for what happens if Ryan comes round",
        ns_who="Sam Patel",
        ns_by_when=ago(46),
        ns_done=True,
        link_ids=[goal.id],
    )
    for name, kind, score, reason in (
        (worker.name, RaterKind.worker, 3, "It is only a few weeks since the last time"),
        ("Jade Harper", RaterKind.parent, 7, "Ryan has moved out"),
    ):
        rating_service.create(
            session,
            case=case,
            mapping=first,
            data=_rated_by(session, case, kind, name, danger_id=danger.id, score=score,
                           reason=reason, rated_on=on),
            actor=sam,
        )
    session.flush()
    first = mapping_service.agree(
        session, case=case, mapping=first,
        data=AgreeIn(note="Read through together at Pat's house", positions=[
            PositionIn(person_id=jade.id, position=FamilyView.partly_agrees,
                       words="It only happened once, and Ryan has moved out now"),
            PositionIn(person_id=pat.id, position=FamilyView.agrees),
        ]),
        expected_version=None, actor=sam,
    )
    mapping_service.sign_off(
        session, case=case, mapping=first, supervisor=manager, expected_version=None,
        actor=Actor(user_id=manager.id, name=manager.name, channel="system"),
    )
    review = mapping_service.start_review(
        session, case=case, previous=first,
        data=ReviewCreate(held_on=ago(3), kind=MappingKind.review), actor=sam,
    )
    carried = mapping_service.full(session, mapping=review)
    new_danger = carried.by_category[Category.danger_statement][0]
    for name, kind, score, reason in (
        (worker.name, RaterKind.worker, 5, "The plan with Pat has worked twice"),
        ("Jade Harper", RaterKind.parent, 8, "We feel settled"),
    ):
        rating_service.create(
            session,
            case=case,
            mapping=review,
            data=_rated_by(session, case, kind, name, danger_id=new_danger.id, score=score,
                           reason=reason, rated_on=ago(3)),
            actor=sam,
        )


def okafor(session: Session, team: Team, worker: User) -> None:
    """A second family for the team board: a mapping with a worry that has no safety goal
    yet and a next step that is overdue, so the board has something to show."""
    case = case_service.create(
        session,
        data=CaseCreate(family_name="Okafor", team_id=team.id, worker_id=worker.id,
                        reference="SR-OKAFOR1", opened_on=ago(30)),
        actor=SYSTEM,
    )
    tobi = person_service.create(
        session,
        case=case,
        data=PersonCreate(kind=PersonKind.child, given_name="Tobi", family_name="Okafor",
                          date_of_birth=years_ago(9, 12), gender=Gender.male),
        actor=SYSTEM,
    )
    person_service.create(
        session,
        case=case,
        data=PersonCreate(kind=PersonKind.adult, given_name="Grace", family_name="Okafor",
                          role=AdultRole.parent, phone="07700 900 301",
                          relationships=[RelationshipIn(child_id=tobi.id, relationship="mother")]),
        actor=SYSTEM,
    )
    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    mapping = mapping_service.create(
        session, case=case,
        data=MappingCreate(kind=MappingKind.initial_assessment, held_on=ago(20)), actor=sam,
    )
    for category, fields in (
        (Category.danger_statement, {
            "ds_who_worried": "The school and Children's Services",
            "ds_behaviour": "Tobi may be left alone at home overnight when Grace works nights",
            "ds_impact": "Tobi could be hurt or frightened with no adult to help him.",
            "family_view": "not_yet_asked",
        }),
        (Category.existing_strength, {"text": "Tobi's aunt lives two streets away"}),
        (Category.next_step, {"text": "Meet Grace and Tobi's aunt to talk about night shifts",
                              "ns_who": "Sam Patel", "ns_by_when": ago(6)}),
    ):
        item_service.create(
            session, case=case, mapping=mapping,
            data=ItemCreate(category=category, recorded_on=ago(20), **fields), actor=sam,
        )
