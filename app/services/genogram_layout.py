"""The genogram's geometry: the people as placed symbols, the lines between them and the
households around them (the Genogram that genogram.build fills in), and how they are laid
out: one row per generation; within a row, partners side by side in blocks, the rows ordered
and placed by the barycentre of their neighbours above and below, a few sweeps down and up (a
small Sugiyama), balancing a left-to-right and a right-to-left pass so nothing drifts; each
part of the family laid out on its own and placed beside the last."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.models.enums import KinKind
from app.models.kinship import Kinship

K = KinKind
#: Symbol size, the space between people in a row, and between rows.
S, SLOT, GAP, ROW = 44, 128, 24, 150
MARGIN = 40
#: Wider than this (px) is too small to read on an A4 page: the document gives the list.
MAX_PRINT_WIDTH = 1600


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



def place(g: Genogram, family: list[Kinship]) -> None:
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



def draw_lines(g: Genogram, family: list[Kinship]) -> None:
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



def enclose(g: Genogram, now: dict[str, list[int]], letters: dict[str, str]) -> None:
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

