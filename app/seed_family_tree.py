"""Demo data: the Harper family's tree (three generations, a separated and a re-partnered
mother, half-siblings, a grandfather who has died, two households) and their agreed safety
plan, so that 'make run' shows the genogram, the children's ecomaps and the plan."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import AdultRole, Audience, Gender, KinKind, PersonKind, Strength
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


def harper_safety_plan(session: Session, case: Case, adults: dict[str, Person],
                       worker: User) -> None:
    """The Harpers' agreed safety plan from their first mapping: two rules with who makes
    sure, agreed by Jade and Grandma Pat, with two checks."""
    from sqlalchemy import select

    from app.models.enums import Category, CheckResult, MappingKind, SignoffHow
    from app.models.mapping import Mapping
    from app.models.mapping_item import MappingItem
    from app.models.network import NetworkMember
    from app.schemas.safety_plan import CheckIn, PlanIn, RuleIn, SignoffIn
    from app.services import safety_plan, safety_plan_monitoring

    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    first = session.scalar(select(Mapping).where(
        Mapping.case_id == case.id, Mapping.kind == MappingKind.initial_assessment)
        .order_by(Mapping.held_on).limit(1))
    if first is None:
        return
    danger = session.scalar(select(MappingItem).where(
        MappingItem.mapping_id == first.id, MappingItem.category == Category.danger_statement,
        MappingItem.removed.is_(False)).order_by(MappingItem.position).limit(1))
    pat = session.scalar(select(NetworkMember).where(
        NetworkMember.case_id == case.id, NetworkMember.person_id == adults["Pat"].id))
    plan = safety_plan.create(session, case=case, actor=sam, data=PlanIn(
        mapping_id=first.id, made_on=ago(14), review_on=ago(-42)))
    rule = safety_plan.add_rule(session, case=case, plan=plan, actor=sam, data=RuleIn(
        words="Ryan does not come to the flat. If he turns up, Jade does not open the door.",
        item_ids=[danger.id] if danger else [],
        responsible_member_ids=[pat.id] if pat else [], responsible_others="Jade",
        checked_how="Grandma Pat rings Jade every evening at 7",
        warning_signs="Ryan texting late at night; his car in the street",
        if_broken="Jade takes Mia and Leo to Grandma Pat's and calls Sam",
        who_to_call="Grandma Pat 07700 900 203; police 999 if Ryan will not leave"))
    safety_plan.add_rule(session, case=case, plan=plan, actor=sam, data=RuleIn(
        words="When Jade goes out at night, Grandma Pat stays over with the children.",
        responsible_member_ids=[pat.id] if pat else [],
        who_to_call="Grandma Pat 07700 900 203"))
    safety_plan_monitoring.sign_off(session, case=case, plan=plan, actor=sam, data=SignoffIn(
        person_id=adults["Jade"].id, agreed_on=ago(13), how=SignoffHow.said_at_meeting))
    safety_plan_monitoring.sign_off(session, case=case, plan=plan, actor=sam, data=SignoffIn(
        member_id=pat.id if pat else None, name=None if pat else "Pat Harper",
        agreed_on=ago(13), how=SignoffHow.signed_paper))
    safety_plan_monitoring.check(session, case=case, plan=plan, rule=rule, actor=sam, data=CheckIn(
        checked_on=ago(7), result=CheckResult.held, by_name="Grandma Pat"))
    safety_plan_monitoring.check(session, case=case, plan=plan, rule=rule, actor=sam, data=CheckIn(
        checked_on=ago(2), result=CheckResult.slipped, by_name="Jade",
        what_happened="Ryan came to the door at 10pm. Jade did not let him in and rang Pat."))


def harper_words_and_pictures(session: Session, case: Case, mia: Person,
                              worker: User) -> None:
    """The Harpers' Words and Pictures: four panels, one a drawing by the worker and one
    Mia's own picture (she agreed her family may see it), explained to Mia with Grandma Pat."""
    from sqlalchemy import select

    from app.models.picture import Picture
    from app.schemas.words_pictures import ExplanationIn, PanelIn, StoryboardIn
    from app.services import picture as picture_service
    from app.services import words_pictures

    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    board = words_pictures.create(session, case=case, actor=sam, data=StoryboardIn(
        title="Why Sam the social worker came to see us"))
    house = [{"colour": "black", "points": [[300, 600], [300, 350], [500, 200], [700, 350],
                                            [700, 600], [300, 600]]},
             {"colour": "red", "points": [[450, 600], [450, 480], [550, 480], [550, 600]]}]
    mias = next((p for p in session.scalars(select(Picture).where(
        Picture.case_id == case.id, Picture.child_id == mia.id))
        if picture_service.may_see(p, Audience.family)), None)
    for words, strokes, picture_id in (
            ("Mia lives with Mum and her little brother Leo in a flat.", house, None),
            ("Sometimes Mum and Ryan shouted a lot. Mia was scared and hid under her bed.",
             None, None),
            ("Sam is a social worker. Sam's job is to help grown-ups keep children safe.",
             None, None),
            ("Now Grandma Pat comes on Fridays, and Ryan does not come to the flat. Mia says "
             "she wants everyone to be kind at home.", None, mias.id if mias else None)):
        words_pictures.add_panel(session, case=case, board=board, actor=sam,
                                 strokes=strokes, data=PanelIn.model_construct(
                                     words=words, picture_id=picture_id))
    words_pictures.explain(session, case=case, board=board, actor=sam, data=ExplanationIn(
        child_id=mia.id, explained_on=ago(5), how="Read together at home, with Grandma Pat"))


def harper_trajectory(session: Session, case: Case, worker: User) -> None:
    """The Harpers' case plan goal and stages, planned; the record says most are done."""
    from app.schemas.trajectory import StageUpdate, TrajectoryIn
    from app.services import trajectory

    sam = Actor(user_id=worker.id, name=worker.name, channel="system")
    t = trajectory.create(session, case=case, actor=sam, data=TrajectoryIn(
        goal="Mia and Leo live safely at home with Jade, with Grandma Pat close by, and "
             "nobody gets hurt when grown-ups argue.", goal_set_on=ago(20)))
    planned = {"preparing": ago(21), "network": ago(14), "words_pictures": ago(7),
               "safety_plan": ago(10), "monitoring": ago(-28), "closure": ago(-90)}
    for s in trajectory.stages(session, trajectory=t):
        if s.key in planned:
            trajectory.update_stage(session, case=case, stage=s, actor=sam,
                                    expected_version=None,
                                    data=StageUpdate(planned_on=planned[s.key]))
