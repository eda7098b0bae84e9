"""Geometry for the safety-scale chart. The SVG itself is a template
(components/scale_chart.svg), used in pages and later in PDFs. Each rater gets a line with its
own marker shape and dash pattern and a text label, so it reads without colour."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.rating import Series

MARKERS = ["circle", "square", "triangle", "diamond", "cross", "star"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]
# Distinct in colour too, for those who see it, chosen to stay distinguishable in greyscale.
COLOURS = ["#1d3557", "#b35900", "#00703c", "#6f2dbd", "#505a5f", "#a4161a"]


@dataclass
class Line:
    rater: str
    marker: str
    dash: str
    colour: str
    points: list[tuple[float, float, int, str]]  # x, y, score, date text
    label_x: float
    label_y: float


@dataclass
class Chart:
    title: str
    width: int
    height: int
    left: int
    top: int
    plot_w: int
    plot_h: int
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    lines: list[Line]
    description: str


def build(series: Series, *, width: int = 640, height: int = 260) -> Chart:
    left, top, right, bottom = 40, 20, 170, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    dates = series.dates
    n = len(dates)

    def x_of(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y_of(score: int) -> float:
        return top + plot_h * (10 - score) / 10

    lines = []
    taken: list[float] = []
    for idx, (rater, points) in enumerate(sorted(series.by_rater.items())):
        pts = [(x_of(dates.index(p.held_on)), y_of(p.score), p.score,
                f"{p.held_on:%-d %b %Y}") for p in points]
        last_y = pts[-1][1]
        while any(abs(last_y - t) < 12 for t in taken):
            last_y += 12
        taken.append(last_y)
        lines.append(Line(rater=rater, marker=MARKERS[idx % len(MARKERS)],
                          dash=DASHES[idx % len(DASHES)], colour=COLOURS[idx % len(COLOURS)],
                          points=pts, label_x=left + plot_w + 12, label_y=last_y + 4))
    desc_parts = []
    for line in lines:
        scores = ", ".join(f"{p[2]} on {p[3]}" for p in line.points)
        desc_parts.append(f"{line.rater}: {scores}")
    return Chart(
        title=series.title, width=width, height=height, left=left, top=top, plot_w=plot_w,
        plot_h=plot_h, x_labels=[(x_of(i), f"{d:%-d %b %Y}") for i, d in enumerate(dates)],
        y_ticks=[(y_of(s), s) for s in (0, 5, 10)], lines=lines,
        description="Safety scores from 0 to 10. " + "; ".join(desc_parts) + ".",
    )
