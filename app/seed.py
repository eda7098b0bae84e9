"""Demo data: one fictional family so a new user sees something real on first start.

Idempotent: it does nothing if any team exists. Every name here is invented.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.case import CaseAccess
from app.models.enums import AdultRole, Gender, PersonKind, Role
from app.models.team import Team
from app.models.user import User
from app.schemas.case import CaseCreate
from app.schemas.person import PersonCreate, RelationshipIn
from app.seed_casework import harper_casework, harper_voice_and_network
from app.seed_census import harper_statutory_record
from app.seed_family_tree import (
    harper_family_tree,
    harper_safety_plan,
    harper_trajectory,
    harper_words_and_pictures,
)
from app.seed_mappings import ago, harper_mappings, okafor, years_ago
from app.services import auth, plain_language
from app.services import case as case_service
from app.services import person as person_service
from app.services.audit import SYSTEM

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
            opened_on=ago(120),
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
            date_of_birth=years_ago(7, 40),
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
            date_of_birth=years_ago(3, 100),
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
    harper_mappings(session, harper, mia, leo, adults, sam, users["alex.morgan@example.org"])
    harper_casework(session, harper, mia, leo, sam)
    harper_voice_and_network(session, harper, mia, adults, sam)
    harper_family_tree(session, harper, mia, leo, adults, sam)
    harper_safety_plan(session, harper, adults, sam)
    harper_words_and_pictures(session, harper, mia, sam)
    harper_trajectory(session, harper, sam)
    harper_statutory_record(session, harper, mia, leo, sam)

    brooks = case_service.create(
        session,
        data=CaseCreate(
            family_name="Brooks",
            team_id=south.id,
            worker_id=jo.id,
            reference="SR-BROOKS1",
            opened_on=ago(45),
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
            date_of_birth=years_ago(11),
            gender=Gender.female,
        ),
        actor=SYSTEM,
    )

    okafor(session, north, sam)

    # A restricted case: a relative of a member of staff. Only the named manager may open it.
    wren = case_service.create(
        session,
        data=CaseCreate(
            family_name="Wren",
            team_id=north.id,
            worker_id=None,
            reference="SR-WREN0001",
            opened_on=ago(10),
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
            date_of_birth=years_ago(5),
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
