"""The team board as CSV, for a spreadsheet: every matching row (services/board.py builds
them), with no formulas from typed text."""

from __future__ import annotations

import csv
import io
from datetime import date

from fastapi.responses import Response

from app.models.enums import SEVEN
from app.services.board import Board, flat


def csv_response(board: Board, filename: str) -> Response:
    """Every matching row of the board as CSV, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    cats = [c.value for c in SEVEN]
    writer.writerow(
        ["case_id", "reference", "family_name", "worker", "latest_mapping_date",
         "latest_mapping_status", "mapping_age_days", *[f"has_{c}" for c in cats],
         "danger_statements", "danger_statements_with_goal", "scaled", "overall_score",
         "previous_overall_score", "lowest_overall", "lowest_overall_by", "highest_overall",
         "highest_overall_by", "widest_gap", "next_steps_overdue", "signals", "flags"]
    )
    today = date.today()
    for r in flat(board):
        writer.writerow(
            [r.case_id, r.reference, _safe(r.family_name), _safe(r.worker_name),
             r.mapping_date or "", r.mapping_status.value if r.mapping_status else "",
             "" if r.age_days is None else r.age_days,
             *["yes" if r.present.get(c) else "no" for c in cats],
             r.dangers, r.dangers_with_goal, "yes" if r.ratings else "no",
             "" if r.overall is None else r.overall,
             "" if r.previous_overall is None else r.previous_overall,
             "" if r.overall_low is None else r.overall_low, r.overall_low_by or "",
             "" if r.overall_high is None else r.overall_high, r.overall_high_by or "",
             r.widest_gap,
             r.overdue, r.signal_count, " ".join(sorted(r.flags(board.weeks, today)))]
        )
    return Response(
        content=out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _safe(value: str) -> str:
    """No spreadsheet formulas from typed text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
