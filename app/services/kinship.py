"""How the people on a case are related to each other (the genogram and the ecomap are drawn
from this), in plain words. A relationship that does not fit the family tree already recorded
(someone their own grandparent, a third birth parent, two birth mothers) is refused with the
reason; two mothers or two fathers in fact are recorded as a birth parent and a parent who is
not. Changed by whoever may change the case; audited; removed, never deleted."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldError, Invalid, NotFound
from app.models.case import Case
from app.models.enums import Gender, KinKind, PersonKind
from app.models.kinship import Kinship
from app.models.person import Person
from app.schemas.kinship import KinshipIn, KinshipRead, KinshipUpdate
from app.services import audit
from app.services.audit import Actor
from app.services.case import check_version

K = KinKind
#: Read both ways: "Sam is Alex's partner" is "Alex is Sam's partner".
SYMMETRIC = {K.partner, K.ex_partner, K.sibling, K.half_sibling, K.friend, K.neighbour}
#: Not family: drawn on the ecomap, not the genogram.
SOCIAL = {K.friend, K.neighbour, K.professional}
#: How many generations below the person the relative is.
GENERATIONS = {K.parent: 1, K.step_parent: 1, K.grandparent: 2, K.aunt_uncle: 1,
               K.partner: 0, K.ex_partner: 0, K.sibling: 0, K.half_sibling: 0}
#: Who may hold parental responsibility for a child here.
MAY_HOLD_PR = {K.parent, K.step_parent, K.grandparent, K.aunt_uncle}
#: Words for "<person> is <relative>'s ___", by the person's gender.
WORDS: dict[KinKind, tuple[str, str, str]] = {
    K.parent: ("mother", "father", "parent"),
    K.step_parent: ("stepmother", "stepfather", "step-parent"),
    K.partner: ("partner", "partner", "partner"),
    K.ex_partner: ("ex-partner", "ex-partner", "ex-partner"),
    K.sibling: ("sister", "brother", "sibling"),
    K.half_sibling: ("half-sister", "half-brother", "half-sibling"),
    K.grandparent: ("grandmother", "grandfather", "grandparent"),
    K.aunt_uncle: ("aunt", "uncle", "aunt or uncle"),
    K.friend: ("friend", "friend", "friend"),
    K.neighbour: ("neighbour", "neighbour", "neighbour"),
    K.professional: ("worker", "worker", "worker"),
}
#: The choices in the form: "… is the ___ of …".
KIND_CHOICES = [(K.parent, "parent"), (K.step_parent, "step-parent"), (K.partner, "partner"),
                (K.ex_partner, "ex-partner"), (K.sibling, "brother or sister"),
                (K.half_sibling, "half-brother or half-sister"),
                (K.grandparent, "grandparent"), (K.aunt_uncle, "aunt or uncle"),
                (K.friend, "friend"), (K.neighbour, "neighbour"),
                (K.professional, "professional working with")]
AUDITED = ["person_id", "kind", "relative_id", "birth", "parental_responsibility",
           "started_on", "ended_on", "strength"]


def word(kind: KinKind, gender: Gender | None, *, birth: bool = True) -> str:
    female, male, other = WORDS[kind]
    w = female if gender == Gender.female else male if gender == Gender.male else other
    return w if birth or kind != K.parent else f"{w} (not by birth)"


def words(k: Kinship, people: dict[int, Person]) -> str:
    """"Sam Harper is Mia Harper's mother"."""
    person, relative = people[k.person_id], people[k.relative_id]
    w = word(k.kind, person.gender, birth=k.birth)
    pr = " and has parental responsibility" if k.parental_responsibility else ""
    return f"{person.full_name} is {relative.full_name}'s {w}{pr}"


def active(session: Session, *, case: Case) -> list[Kinship]:
    return list(session.scalars(select(Kinship).where(
        Kinship.case_id == case.id, Kinship.removed.is_(False)).order_by(Kinship.id)))


def people_of(session: Session, *, case: Case) -> dict[int, Person]:
    return {p.id: p for p in session.scalars(select(Person).where(Person.case_id == case.id))}


def load(session: Session, *, case: Case, kinship_id: int) -> Kinship:
    k = session.scalar(select(Kinship).where(
        Kinship.id == kinship_id, Kinship.case_id == case.id, Kinship.removed.is_(False)))
    if k is None:
        raise NotFound("We could not find that relationship on this case.")
    return k


@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    #: gen(b) - gen(a)
    step: int
    k: Kinship


def _edges(rows: list[Kinship]) -> dict[int, list[Edge]]:
    out: dict[int, list[Edge]] = {}
    for k in rows:
        step = GENERATIONS.get(k.kind)
        if step is None:
            continue
        out.setdefault(k.person_id, []).append(Edge(k.person_id, k.relative_id, step, k))
        out.setdefault(k.relative_id, []).append(Edge(k.relative_id, k.person_id, -step, k))
    return out


def _walk(graph: dict[int, list[Edge]], start: int, gen: dict[int, int],
          came: dict[int, Edge | None]) -> None:
    """Breadth first from `start` (generation 0) over the family relationships: each person
    reached gets their generation and the relationship they were reached by."""
    gen[start], came[start] = 0, None
    queue = deque([start])
    while queue:
        at = queue.popleft()
        for e in graph.get(at, []):
            if e.b not in gen:
                gen[e.b] = gen[at] + e.step
                came[e.b] = e
                queue.append(e.b)


def generations(rows: list[Kinship]) -> dict[int, int]:
    """Each related person's generation relative to others in their part of the family (the
    family's rows of the genogram). Consistent by construction, because a relationship that
    does not fit is refused when recorded."""
    graph = _edges(rows)
    gen: dict[int, int] = {}
    came: dict[int, Edge | None] = {}
    for start in sorted(graph):
        if start not in gen:
            _walk(graph, start, gen, came)
    return gen


def _misfit(rows: list[Kinship], a: int, b: int, step: int,
            people: dict[int, Person]) -> str | None:
    """Why "gen(b) - gen(a) == step" does not fit the family tree already recorded, naming the
    relationships that say otherwise; None when it fits."""
    gen: dict[int, int] = {}
    came: dict[int, Edge | None] = {}
    _walk(_edges(rows), a, gen, came)
    if b not in gen or gen[b] == step:
        return None
    path: list[str] = []
    at = b
    while (back := came[at]) is not None:
        path.append(words(back.k, people))
        at = back.a
    return "; ".join(reversed(path))


def _check(session: Session, case: Case, *, person_id: int, relative_id: int, kind: KinKind,
           birth: bool, pr: bool, started_on: date | None, ended_on: date | None,
           row_id: int | None) -> None:
    people = people_of(session, case=case)
    errors: list[FieldError] = []
    for field, pid in (("person_id", person_id), ("relative_id", relative_id)):
        if pid not in people:
            errors.append(FieldError(["body", field], "Choose someone on this case"))
    if errors:
        raise Invalid(errors)
    if person_id == relative_id:
        raise Invalid([FieldError(["body", "relative_id"],
                                  "Choose two different people: nobody is their own relative")])
    person, relative = people[person_id], people[relative_id]
    rows = [k for k in active(session, case=case) if k.id != row_id]
    pair = {person_id, relative_id}
    for k in rows:
        if {k.person_id, k.relative_id} != pair:
            continue
        same = k.kind == kind and (kind in SYMMETRIC or k.person_id == person_id)
        if same or (kind not in SOCIAL and k.kind not in SOCIAL):
            errors.append(FieldError(["body", "kind"],
                                     f"Already recorded: {words(k, people)}. Change or remove "
                                     "that instead"))
            raise Invalid(errors)
    step = GENERATIONS.get(kind)
    if step is not None:
        why = _misfit(rows, person_id, relative_id, step, people)
        if why is not None:
            errors.append(FieldError(["body", "kind"],
                                     f"This does not fit the family tree already recorded "
                                     f"({why}). Check who is whose parent or grandparent"))
    if kind == K.parent and birth:
        others = [people[k.person_id] for k in rows if k.kind == K.parent and k.birth
                  and k.relative_id == relative_id]
        if len(others) >= 2:
            errors.append(FieldError(["body", "birth"],
                                     f"{relative.full_name} has two birth parents recorded "
                                     f"already. If {person.given_name} is also a parent, untick "
                                     "'birth parent'"))
        elif person.gender in (Gender.female, Gender.male) and any(
                o.gender == person.gender for o in others):
            w = "mother" if person.gender == Gender.female else "father"
            o = next(o for o in others if o.gender == person.gender)
            errors.append(FieldError(["body", "birth"],
                                     f"{relative.full_name} already has a birth {w}: "
                                     f"{o.full_name}. If {person.given_name} is "
                                     f"{relative.given_name}'s other {w}, untick 'birth "
                                     "parent'"))
    if pr and (kind not in MAY_HOLD_PR or relative.kind != PersonKind.child):
        errors.append(FieldError(["body", "parental_responsibility"],
                                 "Parental responsibility is held by a parent, step-parent, "
                                 "grandparent, aunt or uncle for a child on the case"))
    today = date.today()
    if (started_on or ended_on) and kind not in (K.partner, K.ex_partner):
        errors.append(FieldError(["body", "started_on" if started_on else "ended_on"],
                                 "Dates are for partners: when they got together and when "
                                 "they separated"))
    for field, day in (("started_on", started_on), ("ended_on", ended_on)):
        if day is not None and day > today:
            errors.append(FieldError(["body", field], "This day cannot be in the future"))
    if kind == K.partner and ended_on is not None:
        errors.append(FieldError(["body", "ended_on"],
                                 "If they have separated, record them as ex-partners"))
    if started_on and ended_on and ended_on < started_on:
        errors.append(FieldError(["body", "ended_on"],
                                 "They cannot separate before they got together"))
    if errors:
        raise Invalid(errors)


def add(session: Session, *, case: Case, data: KinshipIn, actor: Actor) -> Kinship:
    birth = data.birth or data.kind != K.parent
    _check(session, case, person_id=data.person_id, relative_id=data.relative_id,
           kind=data.kind, birth=birth, pr=data.parental_responsibility,
           started_on=data.started_on, ended_on=data.ended_on, row_id=None)
    k = Kinship(case_id=case.id, person_id=data.person_id, relative_id=data.relative_id,
                kind=data.kind, birth=birth, parental_responsibility=data.parental_responsibility,
                started_on=data.started_on, ended_on=data.ended_on, strength=data.strength)
    session.add(k)
    session.flush()
    said = words(k, people_of(session, case=case))
    audit.record(session, actor=actor, action="create", entity_type="kinship", entity_id=k.id,
                 case_id=case.id, summary=f"recorded that {said}",
                 changes=audit.diff({}, audit.snapshot(k, AUDITED)))
    return k


def update(session: Session, *, case: Case, kinship: Kinship, data: KinshipUpdate,
           expected_version: int | None, actor: Actor) -> Kinship:
    check_version(kinship, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("birth") is None:
        changes.pop("birth", None)
    if changes.get("parental_responsibility") is None:
        changes.pop("parental_responsibility", None)
    merged = {**{f: getattr(kinship, f) for f in AUDITED}, **changes}
    merged["birth"] = merged["birth"] or kinship.kind != K.parent
    _check(session, case, person_id=kinship.person_id, relative_id=kinship.relative_id,
           kind=kinship.kind, birth=merged["birth"], pr=merged["parental_responsibility"],
           started_on=merged["started_on"], ended_on=merged["ended_on"], row_id=kinship.id)
    before = audit.snapshot(kinship, AUDITED)
    for key in changes:
        setattr(kinship, key, merged[key])
    session.flush()
    diff = audit.diff(before, audit.snapshot(kinship, AUDITED))
    if diff:
        audit.record(session, actor=actor, action="update", entity_type="kinship",
                     entity_id=kinship.id, case_id=case.id,
                     summary=f"changed the relationship: "
                             f"{words(kinship, people_of(session, case=case))}", changes=diff)
    return kinship


def remove(session: Session, *, case: Case, kinship: Kinship, expected_version: int | None,
           actor: Actor) -> None:
    check_version(kinship, expected_version)
    said = words(kinship, people_of(session, case=case))
    kinship.removed = True
    session.flush()
    audit.record(session, actor=actor, action="remove", entity_type="kinship",
                 entity_id=kinship.id, case_id=case.id,
                 summary=f"took off the relationship: {said}",
                 changes={"removed": {"before": False, "after": True}})


def read(k: Kinship, people: dict[int, Person]) -> KinshipRead:
    return KinshipRead(id=k.id, person_id=k.person_id, kind=k.kind, relative_id=k.relative_id,
                       birth=k.birth, parental_responsibility=k.parental_responsibility,
                       started_on=k.started_on, ended_on=k.ended_on, strength=k.strength,
                       words=words(k, people), version=k.version)
