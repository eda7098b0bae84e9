"""Demo data: one fictional family so a new user sees something real on first start.

Idempotent: it does nothing if any team exists. Every name here is invented.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.case import Case, CaseAccess
from app.models.enums import AdultRole, Category, Gender, MappingKind, PersonKind, RaterKind, Role
from app.models.mapping import MappingItem
from app.models.person import Person
from app.models.team import Team
from app.models.user import User
from app.schemas.case import CaseCreate
from app.schemas.mapping import (
    AgreeIn,
    ItemCreate,
    MappingCreate,
    ParticipantIn,
    RatingCreate,
    ReviewCreate,
)
from app.schemas.person import PersonCreate, RelationshipIn
from app.services import auth, plain_language
from app.services import case as case_service
from app.services import mapping as mapping_service
from app.services import mapping_item as item_service
from app.services import person as person_service
from app.services import rating as rating_service
from app.services.audit import SYSTEM, Actor

#: Demo accounts only. A real installation creates its users with `python -m app user create`.
DEMO_PASSWORD = "demo-password-only"
DEMO_USERS = [
    (
        "Sam Patel",
        "sam.patel@example.org",
        Role.practitioner,
        "Northfield Safeguarding Team",
        "01632 960 101",
    ),
    (
        "Alex Morgan",
        "alex.morgan@example.org",
        Role.supervisor,
        "Northfield Safeguarding Team",
        "01632 960 102",
    ),
    ("Chris Dale", "chris.dale@example.org", Role.service_manager, None, "01632 960 103"),
    ("Robin Ellis", "robin.ellis@example.org", Role.administrator, None, None),
    (
        "Jo Kaur",
        "jo.kaur@example.org",
        Role.practitioner,
        "Southgate Family Support Team",
        "01632 960 104",
    ),
]


def _ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def _years_ago(years: int, days: int = 0) -> date:
    today = date.today()
    return date(today.year - years, today.month, min(today.day, 28)) - timedelta(days=days)


def seed(session: Session) -> bool:
    """Returns True if it added the demo data, False if the database already had data."""
    if session.scalar(select(Team.id).limit(1)) is not None:
        return False
    teams = {
        name: Team(name=name)
        for name in ("Northfield Safeguarding Team", "Southgate Family Support Team")
    }
    session.add_all(teams.values())
    session.flush()
    users: dict[str, User] = {}
    for name, email, role, team, phone in DEMO_USERS:
        u = User(
            name=name,
            email=email,
            role=role,
            phone=phone,
            team_id=teams[team].id if team else None,
            password_hash=auth.hash_password(DEMO_PASSWORD),
        )
        session.add(u)
        users[email] = u
    session.flush()
    sam, jo = users["sam.patel@example.org"], users["jo.kaur@example.org"]
    north, south = teams["Northfield Safeguarding Team"], teams["Southgate Family Support Team"]

    harper = case_service.create(
        session,
        data=CaseCreate(
            family_name="Harper",
            team_id=north.id,
            worker_id=sam.id,
            reference="SR-HARPER1",
            opened_on=_ago(120),
        ),
        actor=SYSTEM,
    )
    mia = person_service.create(
        session,
        case=harper,
        data=PersonCreate(
            kind=PersonKind.child,
            given_name="Mia",
            family_name="Harper",
            date_of_birth=_years_ago(7, 40),
            gender=Gender.female,
            ethnicity="WBRI",
        ),
        actor=SYSTEM,
    )
    leo = person_service.create(
        session,
        case=harper,
        data=PersonCreate(
            kind=PersonKind.child,
            given_name="Leo",
            family_name="Cole",
            date_of_birth=_years_ago(3, 100),
            gender=Gender.male,
            ethnicity="MWBC",
        ),
        actor=SYSTEM,
    )
    adults = {}
    for given, family, adult_role, rels, phone, org in [
        (
            "Jade",
            "Harper",
            AdultRole.parent,
            [(mia, "mother"), (leo, "mother")],
            "07700 900 201",
            None,
        ),
        ("Ryan", "Cole", AdultRole.parent, [(leo, "father")], "07700 900 202", None),
        (
            "Pat",
            "Harper",
            AdultRole.relative,
            [(mia, "grandmother"), (leo, "grandmother")],
            "07700 900 203",
            None,
        ),
        (
            "Amina",
            "Yusuf",
            AdultRole.professional,
            [(mia, "class teacher")],
            "01632 960 300",
            "Northfield Primary School",
        ),
    ]:
        adults[given] = person_service.create(
            session,
            case=harper,
            data=PersonCreate(
                kind=PersonKind.adult,
                given_name=given,
                family_name=family,
                role=adult_role,
                phone=phone,
                organisation=org,
                relationships=[RelationshipIn(child_id=c.id, relationship=r) for c, r in rels],
            ),
            actor=SYSTEM,
        )
    _harper_mappings(session, harper, mia, leo, adults, sam, users["alex.morgan@example.org"])

    brooks = case_service.create(
        session,
        data=CaseCreate(
            family_name="Brooks",
            team_id=south.id,
            worker_id=jo.id,
            reference="SR-BROOKS1",
            opened_on=_ago(45),
        ),
        actor=SYSTEM,
    )
    person_service.create(
        session,
        case=brooks,
        data=PersonCreate(
            kind=PersonKind.child,
            given_name="Ellie",
            family_name="Brooks",
            date_of_birth=_years_ago(11),
            gender=Gender.female,
        ),
        actor=SYSTEM,
    )

    _okafor(session, north, sam)

    # A restricted case: a relative of a member of staff. Only the named manager may open it.
    wren = case_service.create(
        session,
        data=CaseCreate(
            family_name="Wren",
            team_id=north.id,
            worker_id=None,
            reference="SR-WREN0001",
            opened_on=_ago(10),
        ),
        actor=SYSTEM,
    )
    wren.restricted = True
    session.add(CaseAccess(case_id=wren.id, user_id=users["alex.morgan@example.org"].id))
    person_service.create(
        session,
        case=wren,
        data=PersonCreate(
            kind=PersonKind.child,
            given_name="Noah",
            family_name="Wren",
            date_of_birth=_years_ago(5),
        ),
        actor=SYSTEM,
    )
    plain_language.load_defaults(session)
    return True


def demo_sign_in_text() -> str:
    lines = [
        "Sign in at http://127.0.0.1:8000 with any of these demo accounts",
        f"(password for all: {DEMO_PASSWORD}):",
    ]
    for name, email, role, team, _ in DEMO_USERS:
        lines.append(
            f"  {email:<28} {name} – {role.value.replace('_', ' ')}" + (f", {team}" if team else "")
        )
    return "\n".join(lines)


def _harper_mappings(
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
            held_on=_ago(60),
            participants=[ParticipantIn(person_id=jade.id), ParticipantIn(person_id=pat.id),
                          ParticipantIn(name="Amina Yusuf", role="class teacher")],
        ),
        actor=sam,
    )
    on = _ago(60)

    def add(category: Category, **fields: object) -> MappingItem:
        return item_service.create(
            session,
            case=case,
            mapping=first,
            data=ItemCreate(category=category, recorded_on=on, **fields),
            actor=sam,
        )

    add(
        Category.harm,
        harm_adult_action="Ryan pushed Jade against the kitchen door while Leo was in the room",
        harm_impact="Leo cried and hid under the table; Mia told her teacher she was scared",
        harm_severity="serious",
        harm_when="August this year",
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
    add(
        Category.existing_safety,
        text="When the shouting started in August, Jade took the children to Pat's house "
        "and stayed there for two nights",
        source_kind="person",
        source_person_id=pat.id,
    )
    add(
        Category.safety_goal,
        pairs_with_id=danger.id,
        sg_carers_doing="Jade will keep the children away from Ryan when he has been drinking, "
        "and call Pat or the police if he comes to the house",
        sg_child_experience="Mia and Leo will feel calm at home and know who to call",
        sg_professionals_see="Family time with Ryan happens only at Pat's house",
        sg_duration="6 months",
    )
    add(
        Category.next_step,
        text="Pat, Jade and Sam make a written plan for what happens if Ryan comes round",
        ns_who="Sam Patel",
        ns_by_when=_ago(46),
        ns_done=True,
    )
    for name, kind, score, reason in (
        (worker.name, RaterKind.worker, 3, "It is only a few weeks since the last time"),
        ("Jade Harper", RaterKind.parent, 7, "Ryan has moved out"),
    ):
        rating_service.create(
            session,
            case=case,
            mapping=first,
            data=RatingCreate(danger_id=danger.id, rater_kind=kind, rater_name=name,
                              score=score, reason=reason, rated_on=on),
            actor=sam,
        )
    session.flush()
    first = mapping_service.agree(
        session, case=case, mapping=first, data=AgreeIn(note="Jade and Pat agreed it"),
        expected_version=None, actor=sam,
    )
    mapping_service.sign_off(
        session, case=case, mapping=first, supervisor=manager, expected_version=None,
        actor=Actor(user_id=manager.id, name=manager.name, channel="system"),
    )
    review = mapping_service.start_review(
        session, case=case, previous=first,
        data=ReviewCreate(held_on=_ago(3), kind=MappingKind.review), actor=sam,
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
            data=RatingCreate(danger_id=new_danger.id, rater_kind=kind, rater_name=name,
                              score=score, reason=reason, rated_on=_ago(3)),
            actor=sam,
        )


def _okafor(session: Session, team: Team, worker: User) -> None:
    """A second family for the team board: a mapping with a worry that has no safety goal
    yet and a next step that is overdue, so the board has something to show."""
    case = case_service.create(
        session,
        data=CaseCreate(family_name="Okafor", team_id=team.id, worker_id=worker.id,
                        reference="SR-OKAFOR1", opened_on=_ago(30)),
        actor=SYSTEM,
    )
    tobi = person_service.create(
        session,
        case=case,
        data=PersonCreate(kind=PersonKind.child, given_name="Tobi", family_name="Okafor",
                          date_of_birth=_years_ago(9, 12), gender=Gender.male),
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
        data=MappingCreate(kind=MappingKind.initial_assessment, held_on=_ago(20)), actor=sam,
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
                              "ns_who": "Sam Patel", "ns_by_when": _ago(6)}),
    ):
        item_service.create(
            session, case=case, mapping=mapping,
            data=ItemCreate(category=category, recorded_on=_ago(20), **fields), actor=sam,
        )
