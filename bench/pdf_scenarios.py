"""Scenario for issue #5: the family summary PDF, against WeasyPrint alone on the same HTML.

In-process (no server): the figure is how much our pipeline (loading the mapping, the
template, the fetcher) adds to the PDF engine's own time, and the time for a typical
3-4 page summary."""

from __future__ import annotations

import io
import statistics
import time

from pypdf import PdfReader
from sqlalchemy.orm import Session

from bench.context import Context
from bench.mapping_scenarios import build_mapping
from bench.scenarios import Result, _ratio, scenario

RUNS = 8


@scenario("family_pdf", "Family summary PDF (~3-4 pages) vs WeasyPrint alone on the same HTML")
def family_pdf(ctx: Context) -> Result:
    from weasyprint import HTML

    from app.db import make_engine
    from app.models.case import Case
    from app.services import document as document_service
    from app.services import mapping as mapping_service
    from app.services import pdf

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[2]
    mapping_id = build_mapping(ds.url, case_id, 24)
    engine = make_engine(ds.url)
    ours: list[float] = []
    alone: list[float] = []
    try:
        with Session(engine) as session:
            case = session.get(Case, case_id)
            assert case is not None
            mapping = mapping_service.load(session, case=case, mapping_id=mapping_id)
            html = pdf.render_html(
                "pdf/family_summary.html", document_service.family_context(session, case, mapping)
            )
            document_service.family_summary(session, case, mapping)  # warm fonts and caches
            pages = 0
            for _ in range(RUNS):
                session.expire_all()
                t0 = time.perf_counter()
                case = session.get(Case, case_id)
                assert case is not None
                mapping = mapping_service.load(session, case=case, mapping_id=mapping_id)
                rendered = document_service.family_summary(session, case, mapping)
                ours.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                HTML(string=html, base_url=pdf.BASE_URL,
                     url_fetcher=pdf.StaticOnlyFetcher()).write_pdf(pdf_variant="pdf/ua-1")
                alone.append(time.perf_counter() - t0)
                pages = len(PdfReader(io.BytesIO(rendered.content)).pages)
    finally:
        engine.dispose()
    ours_ms = statistics.median(ours) * 1000
    alone_ms = statistics.median(alone) * 1000
    ratio = _ratio(ours_ms, alone_ms)
    rows = [
        ["render", "median ms", "min ms", "runs"],
        ["family summary (load + template + PDF)", f"{ours_ms:.0f}", f"{min(ours) * 1000:.0f}",
         str(RUNS)],
        ["WeasyPrint alone, same HTML", f"{alone_ms:.0f}", f"{min(alone) * 1000:.0f}",
         str(RUNS)],
        ["ratio ours/alone", f"{ratio:.3f}x", "", ""],
        ["pages", str(pages), "", ""],
    ]
    return Result(
        table=rows,
        data={"ours_ms": ours_ms, "alone_ms": alone_ms, "ratio": ratio, "pages": pages},
        headline={"family_pdf_ratio_over_weasyprint": ratio,
                  "family_pdf_median_ms": round(ours_ms, 1), "family_pdf_pages": pages},
    )
