"""Demo data: the Harper family's tree (three generations, a separated and a re-partnered
mother, half-siblings, a grandfather who has died, two households) so that 'make run' shows
the genogram and the children's ecomaps."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import AdultRole, Gender, KinKind, PersonKind, Strength
from app.models.person import Person
from app.models.user import User
from app.schemas.kinship import HouseholdIn, KinshipIn
from app.schemas.person import PersonCreate, PersonUpdate
from app.seed_mappings import ago
from app.services import genogram, household, kinship
from app.services import person as person_service
from app.services.audit import Actor


def harper_family_tree(session: Session, case: Case, mia: Person, leo: Person,
                       adults: dict[str, Person], worker: User) -> None:
    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    for name, gender, born in (("Jade", Gender.female, date(1994, 8, 14)),
                               ("Ryan", Gender.male, date(1991, 2, 3)),
                               ("Pat", Gender.female, date(1962, 11, 30))):
        person_service.update(session, case=case, person=adults[name],
                              data=PersonUpdate(gender=gender, date_of_birth=born),
                              expected_version=None, actor=sam)
    dan = person_service.create(session, case=case, actor=sam, data=PersonCreate(
        kind=PersonKind.adult, given_name="Daniel", family_name="Price",
        role=AdultRole.parent, gender=Gender.male, date_of_birth=date(1992, 5, 9)))
    tom = person_service.create(session, case=case, actor=sam, data=PersonCreate(
        kind=PersonKind.adult, given_name="Tom", family_name="Harper",
        role=AdultRole.relative, gender=Gender.male, date_of_birth=date(1960, 3, 2),
        deceased=True, died_on=date(2018, 10, 4)))
    jade, ryan, pat = adults["Jade"], adults["Ryan"], adults["Pat"]
    for a, kind, b, extra in (
            (pat, KinKind.partner, tom, {"started_on": date(1988, 6, 1)}),
            (pat, KinKind.parent, jade, {}),
            (tom, KinKind.parent, jade, {}),
            (jade, KinKind.ex_partner, dan, {"started_on": date(2015, 4, 1),
                                             "ended_on": date(2019, 9, 1)}),
            (jade, KinKind.ex_partner, ryan, {"started_on": date(2021, 1, 1),
                                              "ended_on": ago(60)}),
            (jade, KinKind.parent, mia, {"parental_responsibility": True,
                                         "strength": Strength.strong}),
            (dan, KinKind.parent, mia, {"parental_responsibility": True,
                                        "strength": Strength.tenuous}),
            (jade, KinKind.parent, leo, {"parental_responsibility": True,
                                         "strength": Strength.strong}),
            (ryan, KinKind.parent, leo, {"parental_responsibility": True}),
            (mia, KinKind.half_sibling, leo, {"strength": Strength.strong}),
            (ryan, KinKind.step_parent, mia, {"strength": Strength.stressful})):
        kinship.add(session, case=case, actor=sam, data=KinshipIn(
            person_id=a.id, kind=kind, relative_id=b.id, **extra))
    for who, home, since in ((jade, "Jade's flat", date(2021, 3, 1)),
                             (mia, "Jade's flat", date(2021, 3, 1)),
                             (leo, "Jade's flat", None),
                             (pat, "Pat's house", date(1990, 1, 1))):
        household.add(session, case=case, actor=sam, data=HouseholdIn(
            person_id=who.id, household=home, moved_in=since))
    household.add(session, case=case, actor=sam, data=HouseholdIn(
        person_id=ryan.id, household="Jade's flat", moved_in=date(2021, 3, 1),
        moved_out=ago(60)))
    genogram.set_shared(session, case=case, shared=True, expected_version=None, actor=sam)
