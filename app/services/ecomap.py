"""The ecomap: one child at the centre, and around them their family, the safety network and
the services, each joined by a line that says how the connection feels to the child, from the
record (the relationship's or the network member's strength): strong is a thick line, tenuous
a dashed line, stressful a zigzag, not yet recorded a thin line. Drawn by the server as SVG in
pure Python, with the same facts as a list."""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.case import Case
from app.models.enums import AdultRole, Strength
from app.models.kinship import Kinship
from app.models.person import Person, PersonRelationship
from app.services import kinship as kinship_service
from app.services import network as network_service

STRENGTH_WORDS = {Strength.strong: "strong", Strength.tenuous: "tenuous",
                  Strength.stressful: "stressful", None: "not recorded"}
#: Beyond this many connections the drawing gives way to the list.
MAX_DRAWN = 40
R_NODE = 50


@dataclass
class Spoke:
    key: str
    name: str
    role: str
    strength: Strength | None
    network: bool


@dataclass
class Ecomap:
    child: Person
    spokes: list[Spoke]

    @property
    def drawn(self) -> bool:
        return len(self.spokes) <= MAX_DRAWN

    @property
    def facts(self) -> list[str]:
        return [f"{s.name} ({s.role}{', in the safety network' if s.network else ''}): "
                f"{STRENGTH_WORDS[s.strength]}" for s in self.spokes]


def _role_from(k: Kinship, child: Person, other: Person) -> str:
    if k.relative_id == child.id or k.kind in kinship_service.SYMMETRIC:
        return kinship_service.word(k.kind, other.gender, birth=k.birth)
    return "family"


def for_child(session: Session, *, case: Case, child: Person) -> Ecomap:
    people = kinship_service.people_of(session, case=case)
    spokes: dict[str, Spoke] = {}
    for k in kinship_service.active(session, case=case):
        if child.id not in (k.person_id, k.relative_id):
            continue
        other = people[k.relative_id if k.person_id == child.id else k.person_id]
        spokes[f"person:{other.id}"] = Spoke(f"person:{other.id}", other.full_name,
                                             _role_from(k, child, other), k.strength, False)
    for r in session.scalars(select(PersonRelationship).where(
            PersonRelationship.child_id == child.id)):
        adult = people.get(r.adult_id)
        key = f"person:{r.adult_id}"
        if adult is not None and not adult.archived and key not in spokes:
            spokes[key] = Spoke(key, adult.full_name, r.relation, None, False)
    for p in people.values():
        key = f"person:{p.id}"
        if p.role == AdultRole.professional and not p.archived and key not in spokes:
            spokes[key] = Spoke(key, p.full_name, p.organisation or "professional", None,
                                False)
    rows = network_service.members(session, case=case)
    names = network_service.names_of(session, rows)
    for m in rows:
        key = f"person:{m.person_id}" if m.person_id else f"member:{m.id}"
        if m.person_id == child.id:
            continue
        had = spokes.get(key)
        spokes[key] = Spoke(key, names[m.id], had.role if had else m.role,
                            m.strength or (had.strength if had else None), True)
    order = {Strength.strong: 0, None: 1, Strength.tenuous: 2, Strength.stressful: 3}
    return Ecomap(child, sorted(spokes.values(),
                                key=lambda s: (order[s.strength], s.name.casefold())))


def _short(text: str, n: int = 16) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def svg(e: Ecomap) -> str:
    n = max(len(e.spokes), 1)
    ring = max(190.0, n * (2 * R_NODE + 16) / (2 * math.pi))
    size = 2 * (ring + R_NODE + 30)
    cx = cy = size / 2
    root = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "role": "img", "class": "app-ecomap",
        "viewBox": f"0 0 {size:.0f} {size:.0f}", "width": f"{size:.0f}",
        "height": f"{size:.0f}", "aria-labelledby": f"ecomap-{e.child.id}-title",
        "font-family": "Helvetica, Arial, sans-serif", "font-size": "12"})
    ET.SubElement(root, "title", {"id": f"ecomap-{e.child.id}-title"}).text = (
        f"Ecomap for {e.child.full_name}: " + "; ".join(e.facts))
    placed = []
    for i, s in enumerate(e.spokes):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        placed.append((s, x, y, angle))
        _spoke(root, s, cx, cy, x, y, angle)
    centre = ET.SubElement(root, "g", {"class": "ecomap-child", "data-person": str(e.child.id)})
    ET.SubElement(centre, "circle", {"cx": f"{cx:.1f}", "cy": f"{cy:.1f}", "r": "58",
                                     "fill": "#fff7bf", "stroke": "#0b0c0c",
                                     "stroke-width": "3"})
    ET.SubElement(centre, "text", {"x": f"{cx:.1f}", "y": f"{cy + 5:.1f}",
                                   "text-anchor": "middle", "font-weight": "bold",
                                   "font-size": "14"}).text = _short(e.child.full_name, 14)
    for s, x, y, _ in placed:
        g = ET.SubElement(root, "g", {"class": "ecomap-node", "data-key": s.key,
                                      "data-strength": s.strength.value if s.strength
                                      else "none", "data-network": str(s.network).lower()})
        ET.SubElement(g, "title").text = f"{s.name}, {s.role}: {STRENGTH_WORDS[s.strength]}"
        ET.SubElement(g, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": str(R_NODE),
                                    "fill": "#ffffff", "stroke": "#0b0c0c",
                                    "stroke-width": "3" if s.network else "1.5"})
        ET.SubElement(g, "text", {"x": f"{x:.1f}", "y": f"{y - 2:.1f}",
                                  "text-anchor": "middle", "font-weight": "bold"}
                      ).text = _short(s.name)
        ET.SubElement(g, "text", {"x": f"{x:.1f}", "y": f"{y + 14:.1f}",
                                  "text-anchor": "middle", "fill": "#505a5f"}
                      ).text = _short(s.role, 14)
        if s.network:
            ET.SubElement(g, "text", {"x": f"{x:.1f}", "y": f"{y + 28:.1f}",
                                      "text-anchor": "middle", "font-size": "10"}
                          ).text = "network"
    return ET.tostring(root, encoding="unicode")


def _spoke(root: ET.Element, s: Spoke, cx: float, cy: float, x: float, y: float,
           angle: float) -> None:
    # From the child's circle to the other's.
    x0, y0 = cx + 58 * math.cos(angle), cy + 58 * math.sin(angle)
    x1, y1 = x - R_NODE * math.cos(angle), y - R_NODE * math.sin(angle)
    attrs = {"class": f"spoke spoke-{s.strength.value if s.strength else 'none'}",
             "data-key": s.key, "fill": "none", "stroke": "#0b0c0c"}
    if s.strength == Strength.stressful:
        # A zigzag: readable without colour.
        steps = 12
        nx, ny = -math.sin(angle), math.cos(angle)
        pts = []
        for i in range(steps + 1):
            t = i / steps
            off = 0 if i in (0, steps) else (7 if i % 2 else -7)
            pts.append((x0 + (x1 - x0) * t + nx * off, y0 + (y1 - y0) * t + ny * off))
        ET.SubElement(root, "polyline", {**attrs, "stroke-width": "2",
                                         "points": " ".join(f"{a:.1f},{b:.1f}"
                                                            for a, b in pts)})
        return
    width = {Strength.strong: "6", Strength.tenuous: "2", None: "1"}[s.strength]
    extra = {"stroke-dasharray": "8 6"} if s.strength == Strength.tenuous else {}
    ET.SubElement(root, "line", {**attrs, "x1": f"{x0:.1f}", "y1": f"{y0:.1f}",
                                 "x2": f"{x1:.1f}", "y2": f"{y1:.1f}", "stroke-width": width,
                                 **extra})
