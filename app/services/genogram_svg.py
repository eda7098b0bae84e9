"""The genogram drawn as SVG (services/genogram.py builds and lays it out). Every name is
text in the XML, escaped by the serialiser: nothing typed can become markup. Symbols and
lines carry data-* attributes saying what they are, so tests read the structure, not pixels."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from app.services.genogram_layout import Genogram, Node, S

NAME_CHARS = 18


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

