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

Layout: each person's generation comes from the relationships (kinship.generations), one row
per generation, the case's children aligned across separate parts of the family. Within a
row, partners sit side by side and the rows are ordered and placed by the barycentre of their
neighbours above and below, a few sweeps down and up (a small Sugiyama). Above MAX_DRAWN
people it is not drawn: the text list is the genogram."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from xml.etree import ElementTree as ET

from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import Gender, KinKind, PersonKind
from app.models.household import HouseholdMember
from app.models.kinship import Kinship
from app.models.person import Person
from app.schemas.genogram import GenogramHousehold, GenogramLine, GenogramPerson, GenogramRead
from app.services import audit
from app.services import household as household_service
from app.services import kinship as kinship_service
from app.services.audit import Actor
from app.services.case import check_version
from app.services.kinship import SOCIAL, generations, words

K = KinKind
#: Symbol size, the space between people in a row, and between rows.
S, SLOT, GAP, ROW = 44, 128, 24, 150
MARGIN = 40
#: Beyond this many people the drawing would not be legible on a page: text only.
MAX_DRAWN = 120
#: Wider than this (px) is too small to read on an A4 page: the document gives the list.
MAX_PRINT_WIDTH = 1600
NAME_CHARS = 18


@dataclass
class Node:
    id: int
    name: str
    symbol: str
    row: int
    deceased: bool
    on_case: bool
    pr: bool
    caption: str
    age: str
    households: list[str] = field(default_factory=list)
    x: float = 0.0

    @property
    def y(self) -> float:
        return MARGIN + 30 + self.row * ROW


@dataclass
class Line:
    kind: str
    ends: tuple[int, ...]
    to: int | None
    points: list[tuple[float, float]]
    dashed: bool = False
    separated: bool = False


@dataclass
class Household:
    letter: str
    name: str
    members: list[int]
    #: The outline drawn around them, or None.
    box: list[tuple[float, float]] | None


@dataclass
class Genogram:
    nodes: dict[int, Node]
    lines: list[Line]
    households: list[Household]
    people_facts: list[str]
    relationship_facts: list[str]
    household_facts: list[str]
    drawn: bool
    width: float = 0.0
    height: float = 0.0

    @property
    def printable(self) -> bool:
        return self.drawn and bool(self.nodes) and self.width <= MAX_PRINT_WIDTH


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


def _block_order(members: list[int], adj: dict[int, set[int]]) -> list[int]:
    """Partners side by side: a chain walked end to end; someone with many partners in the
    middle of them."""
    inner = {m: adj[m] & set(members) for m in members}
    if len(members) <= 2:
        return sorted(members)
    if max(len(v) for v in inner.values()) <= 2:
        ends = sorted(m for m in members if len(inner[m]) <= 1)
        start = ends[0] if ends else min(members)
        order, seen = [start], {start}
        while True:
            nxt = sorted(inner[order[-1]] - seen)
            if not nxt:
                break
            order.append(nxt[0])
            seen.add(nxt[0])
        return order + sorted(set(members) - seen)
    hub = max(members, key=lambda m: (len(inner[m]), -m))
    rest = sorted(set(members) - {hub})
    half = len(rest) // 2
    return rest[:half] + [hub] + rest[half:]


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
    _place(g, family)
    _draw_lines(g, family)
    _enclose(g, now, letters)
    return g


def _place(g: Genogram, family: list[Kinship]) -> None:
    nodes = g.nodes
    couple: dict[int, set[int]] = defaultdict(set)
    near: dict[int, set[int]] = defaultdict(set)
    linked: dict[int, set[int]] = defaultdict(set)
    parents: dict[int, list[Kinship]] = defaultdict(list)
    for k in family:
        a, b = k.person_id, k.relative_id
        linked[a].add(b)
        linked[b].add(a)
        if nodes[a].row == nodes[b].row and k.kind in (K.partner, K.ex_partner):
            couple[a].add(b)
            couple[b].add(a)
        if abs(nodes[a].row - nodes[b].row) == 1:
            near[a].add(b)
            near[b].add(a)
        if k.kind == K.parent:
            parents[b].append(k)
    for ks in parents.values():
        two = _primary(ks)
        if len(two) == 2 and nodes[two[0]].row == nodes[two[1]].row:
            couple[two[0]].add(two[1])
            couple[two[1]].add(two[0])
    # Each part of the family is laid out on its own, then placed beside the last.
    offset = 0.0
    seen: set[int] = set()
    for start in sorted(nodes):
        if start in seen:
            continue
        part, stack = [], [start]
        seen.add(start)
        while stack:
            at = stack.pop()
            part.append(at)
            for n in linked[at] | couple[at]:
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        _layout_part(nodes, sorted(part), couple, near)
        low = min(nodes[i].x for i in part)
        for i in part:
            nodes[i].x += offset - low
        offset = max(nodes[i].x for i in part) + SLOT + 2 * GAP
    depth = max(n.row for n in nodes.values()) + 1
    for node in nodes.values():
        node.x += MARGIN + SLOT / 2
    g.width = max(node.x for node in nodes.values()) + SLOT / 2 + MARGIN
    g.height = MARGIN + 30 + (depth - 1) * ROW + S / 2 + 70


def _layout_part(nodes: dict[int, Node], part: list[int], couple: dict[int, set[int]],
                 near: dict[int, set[int]]) -> None:
    """Order and place one connected part: partners side by side in blocks; each row's blocks
    ordered by the mean place of their neighbours in the row above (going down) or below
    (going up), and placed as near there as they fit, balancing a left-to-right and a
    right-to-left pass so nothing drifts."""
    rows: dict[int, list[list[int]]] = defaultdict(list)
    seen: set[int] = set()
    for i in part:
        if i in seen:
            continue
        block, stack = [], [i]
        seen.add(i)
        while stack:
            at = stack.pop()
            block.append(at)
            for n in couple[at]:
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        rows[nodes[i].row].append(_block_order(block, couple))
    for blocks in rows.values():
        x = 0.0
        for blk in blocks:
            for m in blk:
                nodes[m].x = x
                x += SLOT
            x += GAP
    order = sorted(rows)

    def pull(b: list[int], r: int, ref: int) -> list[float]:
        return [nodes[m].x for i in b for m in near[i] if nodes[m].row == r + ref]

    def sweep(todo: list[int], ref: int) -> None:
        for r in todo:
            keyed = []
            for n, b in enumerate(rows[r]):
                xs = pull(b, r, ref)
                centre = (nodes[b[0]].x + nodes[b[-1]].x) / 2
                keyed.append((sum(xs) / len(xs) if xs else centre, n, b))
            keyed.sort(key=lambda t: (t[0], t[1]))
            blocks = []
            for _, _, b in keyed:
                ends = [[nodes[m].x for m in near[i] if nodes[m].row == r + ref]
                        for i in (b[0], b[-1])]
                if len(b) > 1 and ends[0] and ends[1] and (
                        sum(ends[0]) / len(ends[0]) > sum(ends[1]) / len(ends[1])):
                    b.reverse()
                blocks.append(b)
            want = [key - (len(b) - 1) * SLOT / 2 for key, _, b in keyed]
            widths = [(len(b) - 1) * SLOT for b in blocks]
            left = list(want)
            for j in range(1, len(blocks)):
                left[j] = max(want[j], left[j - 1] + widths[j - 1] + SLOT + GAP)
            right = list(want)
            for j in range(len(blocks) - 2, -1, -1):
                right[j] = min(want[j], right[j + 1] - widths[j] - SLOT - GAP)
            for j, b in enumerate(blocks):
                start = (left[j] + right[j]) / 2
                for n, m in enumerate(b):
                    nodes[m].x = start + n * SLOT
            rows[r] = blocks

    for _ in range(3):
        sweep(order[1:], -1)
        sweep(order[-2::-1], +1)
    sweep(order[1:], -1)


def _primary(ks: list[Kinship]) -> list[int]:
    """A child's parents the line hangs from: the birth parents, else the first two."""
    births = sorted(k.person_id for k in ks if k.birth)
    return births[:2] if births else sorted(k.person_id for k in ks)[:2]


def _draw_lines(g: Genogram, family: list[Kinship]) -> None:
    nodes, half = g.nodes, S / 2
    parents: dict[int, list[Kinship]] = defaultdict(list)
    for k in family:
        if k.kind == K.parent:
            parents[k.relative_id].append(k)
    partner_of: set[frozenset[int]] = set()
    for k in family:
        if k.kind in (K.partner, K.ex_partner):
            a, b = sorted((nodes[k.person_id], nodes[k.relative_id]), key=lambda n: n.x)
            partner_of.add(frozenset((a.id, b.id)))
            g.lines.append(Line(kind=k.kind.value, ends=(a.id, b.id), to=None,
                                points=[(a.x + half, a.y), (b.x - half, b.y)],
                                separated=k.kind == K.ex_partner))
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for child, ks in parents.items():
        groups[tuple(_primary(ks))].append(child)
        for k in ks:
            if k.person_id not in _primary(ks):
                pn, cn = nodes[k.person_id], nodes[child]
                g.lines.append(Line(kind="parent", ends=(pn.id,), to=child, dashed=True,
                                    points=[(pn.x, pn.y + half), (cn.x, cn.y - half - 6)]))
    for two, kids in groups.items():
        ps = [nodes[p] for p in two]
        if len(ps) == 2:
            a, b = sorted(ps, key=lambda n: n.x)
            if frozenset(two) not in partner_of:
                g.lines.append(Line(kind="co_parents", ends=(a.id, b.id), to=None, dashed=True,
                                    points=[(a.x + half, a.y), (b.x - half, b.y)]))
            ux, uy = (a.x + b.x) / 2, a.y
        else:
            ux, uy = ps[0].x, ps[0].y + half
        for kid in kids:
            cn = nodes[kid]
            bar = cn.y - half - 34
            g.lines.append(Line(kind="parent", ends=two, to=kid,
                                points=[(ux, uy), (ux, bar), (cn.x, bar),
                                        (cn.x, cn.y - half - 6)]))
    for k in family:
        a, b = nodes[k.person_id], nodes[k.relative_id]
        if k.kind == K.step_parent:
            g.lines.append(Line(kind="step_parent", ends=(a.id,), to=b.id, dashed=True,
                                points=[(a.x, a.y + half), (b.x, b.y - half - 6)]))
        elif k.kind in (K.sibling, K.half_sibling):
            pa = set(_primary(parents.get(a.id, [])))
            pb = set(_primary(parents.get(b.id, [])))
            if pa & pb:
                continue
            top = a.y - half - 20
            g.lines.append(Line(kind=k.kind.value, ends=(a.id, b.id), to=None,
                                dashed=k.kind == K.half_sibling,
                                points=[(a.x, a.y - half - 6), (a.x, top), (b.x, top),
                                        (b.x, b.y - half - 6)]))
        elif k.kind in (K.grandparent, K.aunt_uncle) and not _implied(k, family):
            g.lines.append(Line(kind=k.kind.value, ends=(a.id,), to=b.id, dashed=True,
                                points=[(a.x, a.y + half), (b.x, b.y - half - 6)]))


def _implied(k: Kinship, family: list[Kinship]) -> bool:
    """A grandparent or aunt/uncle already shown by the lines through the child's parent."""
    child_parents = {f.person_id for f in family
                     if f.kind == K.parent and f.relative_id == k.relative_id}
    if k.kind == K.grandparent:
        return any(f.kind == K.parent and f.person_id == k.person_id
                   and f.relative_id in child_parents for f in family)
    return any(f.kind in (K.sibling, K.half_sibling)
               and {f.person_id, f.relative_id} & child_parents
               and k.person_id in (f.person_id, f.relative_id) for f in family)


def _enclose(g: Genogram, now: dict[str, list[int]], letters: dict[str, str]) -> None:
    """Each household today as one dashed outline around its members, row by row (a
    staircase, so a parent who lives elsewhere beside them stays outside). Not drawn when
    the members' rows are not next to each other or someone else sits between them; the
    letters under the names still say who lives there."""
    hw = SLOT / 2 - 4
    for name, who in sorted(now.items(), key=lambda t: letters[t[0]]):
        members = [i for i in who if i in g.nodes]
        outline: list[tuple[float, float]] | None = None
        by_row: dict[int, list[float]] = defaultdict(list)
        for i in members:
            by_row[g.nodes[i].row].append(g.nodes[i].x)
        rows = sorted(by_row)
        if rows and rows == list(range(rows[0], rows[-1] + 1)):
            bands = {r: (min(xs) - hw, max(xs) + hw) for r, xs in by_row.items()}
            clear = all(not (bands[n.row][0] <= n.x <= bands[n.row][1])
                        for n in g.nodes.values() if n.id not in members and n.row in bands)
            if clear:
                ys = {r: float(MARGIN + 30 + r * ROW) for r in rows}
                right = [(bands[rows[0]][1], ys[rows[0]] - 50)]
                left = [(bands[rows[0]][0], ys[rows[0]] - 50)]
                for up, down in zip(rows, rows[1:], strict=False):
                    mid = (ys[up] + ys[down]) / 2
                    right += [(bands[up][1], mid), (bands[down][1], mid)]
                    left += [(bands[up][0], mid), (bands[down][0], mid)]
                bottom = ys[rows[-1]] + 62
                right.append((bands[rows[-1]][1], bottom))
                left.append((bands[rows[-1]][0], bottom))
                outline = right + left[::-1]
        g.households.append(Household(letter=letters[name], name=name, members=members,
                                      box=outline))


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1] + "…"


def svg(g: Genogram, *, title: str) -> str:
    """The drawing. Every name is text in the XML, escaped by the serialiser: nothing typed
    can become markup."""
    root = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "role": "img", "class": "app-genogram",
        "viewBox": f"0 0 {g.width:.0f} {g.height:.0f}", "width": f"{g.width:.0f}",
        "height": f"{g.height:.0f}", "aria-labelledby": "genogram-title genogram-desc",
        "font-family": "Helvetica, Arial, sans-serif", "font-size": "13"})
    ET.SubElement(root, "title", {"id": "genogram-title"}).text = title
    ET.SubElement(root, "desc", {"id": "genogram-desc"}).text = (
        "; ".join(g.people_facts[:40]) + (" …" if len(g.people_facts) > 40 else ""))
    for h in g.households:
        if h.box is None:
            continue
        hb = ET.SubElement(root, "g", {"class": "household", "data-household": h.letter})
        ET.SubElement(hb, "polygon", {"points": " ".join(f"{x:.1f},{y:.1f}" for x, y in h.box),
                                      "fill": "none", "stroke": "#505a5f",
                                      "stroke-width": "1.5", "stroke-dasharray": "8 5",
                                      "stroke-linejoin": "round"})
        x, y = h.box[0]
        ET.SubElement(hb, "text", {"x": f"{x - 14:.1f}", "y": f"{y + 16:.1f}",
                                   "font-weight": "bold"}).text = h.letter
    for ln in g.lines:
        attrs = {"class": f"line line-{ln.kind}", "data-kind": ln.kind,
                 "data-from": " ".join(str(e) for e in ln.ends), "fill": "none",
                 "stroke": "#0b0c0c", "stroke-width": "2",
                 "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in ln.points)}
        if ln.to is not None:
            attrs["data-to"] = str(ln.to)
        if ln.dashed:
            attrs["stroke-dasharray"] = "6 4"
        ET.SubElement(root, "polyline", attrs)
        if ln.separated:
            (x0, y0), (x1, y1) = ln.points[0], ln.points[-1]
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            for dx in (-5, 5):
                ET.SubElement(root, "line", {
                    "class": "separated", "x1": f"{mx + dx - 6:.1f}", "y1": f"{my + 9:.1f}",
                    "x2": f"{mx + dx + 6:.1f}", "y2": f"{my - 9:.1f}", "stroke": "#0b0c0c",
                    "stroke-width": "2"})
    for n in sorted(g.nodes.values(), key=lambda n: (n.row, n.x)):
        _person(root, n)
    return ET.tostring(root, encoding="unicode")


def _shape(parent: ET.Element, symbol: str, x: float, y: float, r: float,
           attrs: dict[str, str]) -> None:
    if symbol == "square":
        ET.SubElement(parent, "rect", {"x": f"{x - r:.1f}", "y": f"{y - r:.1f}",
                                       "width": f"{2 * r:.1f}", "height": f"{2 * r:.1f}",
                                       **attrs})
    elif symbol == "circle":
        ET.SubElement(parent, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{r:.1f}",
                                         **attrs})
    else:
        pts = ([(x, y - r), (x + r, y), (x, y + r), (x - r, y)] if symbol == "diamond"
               else [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)])
        ET.SubElement(parent, "polygon", {"points": " ".join(f"{a:.1f},{b:.1f}"
                                                             for a, b in pts), **attrs})


def _person(root: ET.Element, n: Node) -> None:
    half = S / 2
    grp = ET.SubElement(root, "g", {
        "class": "person", "data-person": str(n.id), "data-symbol": n.symbol,
        "data-generation": str(n.row), "data-deceased": str(n.deceased).lower(),
        "data-on-case": str(n.on_case).lower(), "data-pr": str(n.pr).lower(),
        "data-households": " ".join(n.households)})
    ET.SubElement(grp, "title").text = n.name
    if n.on_case:
        _shape(grp, n.symbol, n.x, n.y, half + 6, {"fill": "none", "stroke": "#0b0c0c",
                                                    "stroke-width": "3"})
    _shape(grp, n.symbol, n.x, n.y, half, {"fill": "#ffffff" if not n.on_case else "#fff7bf",
                                           "stroke": "#0b0c0c", "stroke-width": "2"})
    if n.deceased:
        for x1, x2 in ((-half, half), (half, -half)):
            ET.SubElement(grp, "line", {"class": "deceased", "x1": f"{n.x + x1:.1f}",
                                        "y1": f"{n.y - half:.1f}", "x2": f"{n.x + x2:.1f}",
                                        "y2": f"{n.y + half:.1f}", "stroke": "#0b0c0c",
                                        "stroke-width": "2"})
    if n.age:
        ET.SubElement(grp, "text", {"x": f"{n.x:.1f}", "y": f"{n.y + 5:.1f}",
                                    "text-anchor": "middle", "font-weight": "bold"}).text = n.age
    if n.pr:
        ET.SubElement(grp, "text", {"class": "pr", "x": f"{n.x + half + 4:.1f}",
                                    "y": f"{n.y - half + 6:.1f}", "font-size": "11",
                                    "font-weight": "bold"}).text = "PR"
    name = ET.SubElement(grp, "text", {"class": "name", "x": f"{n.x:.1f}",
                                       "y": f"{n.y + half + 18:.1f}", "text-anchor": "middle"})
    name.text = _short(n.name)
    extra = " · ".join(b for b in (n.caption, "home " + "/".join(n.households)
                                   if n.households else "") if b)
    if extra:
        ET.SubElement(grp, "text", {"x": f"{n.x:.1f}", "y": f"{n.y + half + 34:.1f}",
                                    "text-anchor": "middle", "font-size": "11",
                                    "fill": "#505a5f"}).text = extra


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
