"""The genogram: the family tree drawn by the server as SVG, in pure Python, from the recorded
relationships, households and people, with the same facts as a text list for anyone who does
not see the drawing.

Standard symbols: a square for a male, a circle for a female, a diamond when not known, a
triangle for an unborn baby; a cross through someone who has died; a double outline for each
child on the case; "PR" beside anyone with parental responsibility. Partners are joined by a
line (two strokes across it once separated); children hang from their parents' line; a
parent who is not the birth parent and a step-parent reach the child by a dashed line.
Everyone living in a household today is enclosed by a dashed box lettered like the household,
and every member carries the letter too, so it reads without colour.

Here: who is on it and in which generation (from the relationships, kinship.generations;
the case's children aligned across separate parts of the family), and the facts in words.
The placing is genogram_layout.py, the drawing genogram_svg.py. Above MAX_DRAWN people it is
not drawn: the text list is the genogram."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from xml.etree import ElementTree as ET

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import Gender, PersonKind
from app.models.household import HouseholdMember
from app.models.kinship import Kinship
from app.models.person import Person
from app.schemas.genogram import GenogramHousehold, GenogramLine, GenogramPerson, GenogramRead
from app.services import audit
from app.services import household as household_service
from app.services import kinship as kinship_service
from app.services.audit import Actor
from app.services.case import check_version
from app.services.genogram_layout import Genogram, Node, draw_lines, enclose, place
from app.services.genogram_svg import svg
from app.services.kinship import SOCIAL, generations, words

#: Beyond this many people the drawing would not be legible on a page: text only.
MAX_DRAWN = 120


def _symbol(p: Person) -> str:
    if p.gender == Gender.unborn or (p.kind == PersonKind.child and p.date_of_birth is None
                                     and p.expected_date is not None):
        return "triangle"
    return {Gender.female: "circle", Gender.male: "square"}.get(p.gender or Gender.not_known,
                                                                  "diamond")


def _age(p: Person, today: date) -> int | None:
    if p.date_of_birth is None:
        return None
    end = p.died_on if p.deceased and p.died_on else today
    return end.year - p.date_of_birth.year - ((end.month, end.day)
                                              < (p.date_of_birth.month, p.date_of_birth.day))


def _caption(p: Person, today: date) -> str:
    if p.deceased:
        return f"died {p.died_on.year}" if p.died_on else "died"
    if p.date_of_birth is None and p.expected_date is not None:
        return f"due {p.expected_date:%b %Y}"
    if p.date_of_birth is not None:
        return f"born {p.date_of_birth.year}"
    return ""


def _fact(p: Person, today: date, node: Node | None, on_case: bool) -> str:
    bits = [p.full_name]
    if on_case:
        bits.append("a child on this case")
    sex = {Gender.female: "female", Gender.male: "male", Gender.unborn: "unborn"}.get(
        p.gender or Gender.not_known)
    if sex:
        bits.append(sex)
    age = _age(p, today)
    if p.date_of_birth is not None:
        bits.append(f"born {p.date_of_birth:%-d %B %Y}"
                    + (f" (age {age})" if age is not None and not p.deceased else ""))
    elif p.expected_date is not None:
        bits.append(f"expected {p.expected_date:%-d %B %Y}")
    if p.deceased:
        bits.append(f"died {p.died_on:%-d %B %Y}" if p.died_on else "has died")
    if node is not None and node.households:
        bits.append("lives in household " + ", ".join(node.households))
    return ", ".join(bits)


def build(people: dict[int, Person], rows: list[Kinship], stays: list[HouseholdMember],
          today: date | None = None) -> Genogram:
    today = today or date.today()
    family = [k for k in rows if k.kind not in SOCIAL
              and k.person_id in people and k.relative_id in people]
    children = {p.id for p in people.values() if p.kind == PersonKind.child and not p.archived}
    ids = sorted({k.person_id for k in family} | {k.relative_id for k in family} | children)
    gen = generations(family)
    for i in ids:
        gen.setdefault(i, 0)
    # Parts of the family that are not connected, each aligned on its case children.
    part: dict[int, int] = {}
    nbrs: dict[int, set[int]] = defaultdict(set)
    for k in family:
        nbrs[k.person_id].add(k.relative_id)
        nbrs[k.relative_id].add(k.person_id)
    for i in ids:
        if i in part:
            continue
        part[i] = i
        stack = [i]
        while stack:
            at = stack.pop()
            for n in nbrs[at]:
                if n not in part:
                    part[n] = i
                    stack.append(n)
    comps: dict[int, list[int]] = defaultdict(list)
    for i in ids:
        comps[part[i]].append(i)
    anchor = {c: (min(gen[i] for i in m if i in children) if any(i in children for i in m)
                  else min(gen[i] for i in m)) for c, m in comps.items()}
    lift = max((anchor[c] - min(gen[i] for i in m) for c, m in comps.items()), default=0)
    row = {i: gen[i] - anchor[part[i]] + lift for i in ids}

    pr_holders = {k.person_id for k in family if k.parental_responsibility}
    now = household_service.households_now(stays)
    letters = {name: chr(ord("A") + n) if n < 26 else str(n + 1)
               for n, name in enumerate(sorted(now, key=str.casefold))}
    nodes: dict[int, Node] = {}
    for i in ids:
        p = people[i]
        age = _age(p, today)
        nodes[i] = Node(id=i, name=p.full_name, symbol=_symbol(p), row=row[i],
                        deceased=p.deceased, on_case=i in children, pr=i in pr_holders,
                        caption=_caption(p, today), age="" if age is None else str(age),
                        households=sorted(letters[h] for h, who in now.items() if i in who))
    people_facts = [_fact(people[i], today, nodes[i], i in children)
                    for i in sorted(ids, key=lambda i: (row[i], people[i].full_name.casefold()))]
    relationship_facts = [words(k, people) for k in rows
                          if k.person_id in people and k.relative_id in people]
    by_name = {s.person_id: people[s.person_id] for s in stays if s.person_id in people}
    household_facts = []
    for s in stays:
        if s.person_id not in by_name:
            continue
        when = (f"since {s.moved_in:%-d %B %Y}" if s.moved_in and household_service.current(s)
                else "now" if household_service.current(s) else
                f"until {s.moved_out:%-d %B %Y}" if s.moved_out else "")
        if s.moved_in and s.moved_out:
            when = f"from {s.moved_in:%-d %B %Y} to {s.moved_out:%-d %B %Y}"
        tag = f" (household {letters[s.household]})" if s.household in letters else ""
        household_facts.append(f"{by_name[s.person_id].full_name} lives at {s.household}{tag}"
                               f"{', ' + when if when else ''}" if household_service.current(s)
                               else f"{by_name[s.person_id].full_name} lived at "
                                    f"{s.household}, {when}")
    g = Genogram(nodes=nodes, lines=[], households=[], people_facts=people_facts,
                 relationship_facts=relationship_facts, household_facts=household_facts,
                 drawn=len(ids) <= MAX_DRAWN)
    if not g.drawn or not ids:
        return g
    place(g, family)
    draw_lines(g, family)
    enclose(g, now, letters)
    return g


def for_case(session: Session, *, case: Case) -> Genogram:
    return build(kinship_service.people_of(session, case=case),
                 kinship_service.active(session, case=case),
                 household_service.stays(session, case=case))


def read(g: Genogram) -> GenogramRead:
    return GenogramRead(
        drawn=g.drawn,
        people=[GenogramPerson(id=n.id, name=n.name, symbol=n.symbol, generation=n.row,
                               x=round(n.x, 1), deceased=n.deceased, on_case=n.on_case,
                               parental_responsibility=n.pr, households=n.households)
                for n in sorted(g.nodes.values(), key=lambda n: (n.row, n.x))],
        lines=[GenogramLine(kind=ln.kind, ends=list(ln.ends), to=ln.to, dashed=ln.dashed)
               for ln in g.lines],
        households=[GenogramHousehold(letter=h.letter, name=h.name, members=h.members,
                                      enclosed=h.box is not None) for h in g.households],
        people_facts=g.people_facts, relationship_facts=g.relationship_facts,
        household_facts=g.household_facts)


def set_shared(session: Session, *, case: Case, shared: bool, expected_version: int | None,
               actor: Actor) -> Case:
    """Record whether the family agreed that their family tree may go in their documents."""
    check_version(case, expected_version)
    if case.genogram_shared != shared:
        case.genogram_shared = shared
        session.flush()
        audit.record(session, actor=actor, action="update", entity_type="case",
                     entity_id=case.id, case_id=case.id,
                     summary="recorded that the family agreed to their family tree in their "
                             "documents" if shared else "recorded that the family tree stays "
                                                        "out of the family's documents",
                     changes={"genogram_shared": {"before": not shared, "after": shared}})
    return case


def drawing(g: Genogram, *, case: Case) -> str:
    """The drawing, or, with too many people to draw legibly or nobody yet, a small one that
    says so."""
    title = f"Family tree of the {case.family_name} family"
    if g.drawn and g.nodes:
        return svg(g, title=title)
    root = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                              "viewBox": "0 0 640 60", "width": "640", "height": "60",
                              "font-family": "Helvetica, Arial, sans-serif", "font-size": "14"})
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "text", {"x": "10", "y": "34"}).text = (
        f"{len(g.nodes)} people are too many to draw clearly: see the list"
        if g.nodes else "Nobody's relationships are recorded yet")
    return ET.tostring(root, encoding="unicode")
