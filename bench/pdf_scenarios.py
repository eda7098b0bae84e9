"""Scenario for issue #5: the family summary PDF, against WeasyPrint alone on the same HTML.

In-process (no server): the figure is how much our pipeline (loading the mapping, the
template, the fetcher) adds to the PDF engine's own time, and the time for a typical
3-4 page summary."""

from __future__ import annotations

import io
import statistics
import time

from pypdf import PdfReader
from sqlalchemy import select
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


@scenario("safety_plan_pdf", "The family's safety plan PDF (8 rules) vs WeasyPrint alone on "
                             "the same HTML")
def safety_plan_pdf(ctx: Context) -> Result:
    from weasyprint import HTML

    from app.db import make_engine
    from app.models.case import Case
    from app.models.enums import Category, SignoffHow
    from app.models.mapping_item import MappingItem
    from app.schemas.safety_plan import PlanIn, RuleIn, SignoffIn
    from app.services import document as document_service
    from app.services import pdf
    from app.services import safety_plan as plan_service
    from app.services.audit import SYSTEM

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[3]
    mapping_id = build_mapping(ds.url, case_id, 24)
    engine = make_engine(ds.url)
    ours: list[float] = []
    alone: list[float] = []
    try:
        with Session(engine) as session:
            case = session.get(Case, case_id)
            assert case is not None
            plan = plan_service.current(session, case=case) or plan_service.create(
                session, case=case, data=PlanIn(mapping_id=mapping_id), actor=SYSTEM)
            dangers = list(session.scalars(select(MappingItem.id).where(
                MappingItem.mapping_id == mapping_id,
                MappingItem.category == Category.danger_statement)))
            for n in range(8):
                plan_service.add_rule(session, case=case, plan=plan, actor=SYSTEM, data=RuleIn(
                    words=f"Rule {n + 1}: when Dad has been drinking he does not come to the "
                          "house, and Mum calls Nana if he turns up.",
                    item_ids=dangers[n % len(dangers):n % len(dangers) + 1] if dangers else [],
                    responsible_others="Mum, Nana", checked_how="Nana rings every evening",
                    warning_signs="Late texts; his car in the street",
                    if_broken="Mum takes the children to Nana's and calls the social worker",
                    who_to_call="Nana 07700 900 203; police 999"))
            plan_service.sign_off(session, case=case, plan=plan, actor=SYSTEM, data=SignoffIn(
                name="Mum", agreed_on=plan.made_on, how=SignoffHow.said_at_meeting))
            session.commit()
            html = pdf.render_html("pdf/safety_plan.html",
                                   document_service.safety_plan_context(session, case, plan))
            document_service.safety_plan(session, case, plan)  # warm fonts and caches
            pages = 0
            for _ in range(RUNS):
                session.expire_all()
                t0 = time.perf_counter()
                case = session.get(Case, case_id)
                assert case is not None
                plan = plan_service.load(session, case=case, plan_id=plan.id)
                rendered = document_service.safety_plan(session, case, plan)
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
    rows = [["render", "median ms", "min ms", "runs"],
            ["safety plan (load + template + PDF)", f"{ours_ms:.0f}",
             f"{min(ours) * 1000:.0f}", str(RUNS)],
            ["WeasyPrint alone, same HTML", f"{alone_ms:.0f}", f"{min(alone) * 1000:.0f}",
             str(RUNS)],
            ["ratio ours/alone (goal <= 1.1)", f"{ratio:.3f}x", "", ""],
            ["pages", str(pages), "", ""]]
    return Result(table=rows,
                  data={"ours_ms": ours_ms, "alone_ms": alone_ms, "ratio": ratio,
                        "pages": pages},
                  headline={"safety_plan_pdf_ratio_over_weasyprint": ratio,
                            "safety_plan_pdf_median_ms": round(ours_ms, 1),
                            "safety_plan_pdf_pages": pages})


@scenario("words_pictures_pdf", "The Words and Pictures booklet (12 picture panels) vs "
                                "WeasyPrint alone on the same HTML")
def words_pictures_pdf(ctx: Context) -> Result:
    import random as _random

    from weasyprint import HTML

    from app.db import make_engine
    from app.models.case import Case
    from app.schemas.words_pictures import PanelIn, StoryboardIn
    from app.services import document as document_service
    from app.services import pdf
    from app.services import words_pictures as wp
    from app.services.audit import SYSTEM

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[8]
    rng = _random.Random(14)
    engine = make_engine(ds.url)
    ours: list[float] = []
    alone: list[float] = []
    try:
        with Session(engine) as session:
            case = session.get(Case, case_id)
            assert case is not None
            board = wp.current(session, case=case) or wp.create(
                session, case=case, data=StoryboardIn(title="Why Sam came to see us"),
                actor=SYSTEM)
            for n in range(12):
                strokes = [{"colour": rng.choice(["black", "red", "blue", "green"]),
                            "points": [[rng.randrange(1000), rng.randrange(750)]
                                       for _ in range(40)]} for _ in range(6)]
                wp.add_panel(session, case=case, board=board, actor=SYSTEM, strokes=strokes,
                             data=PanelIn.model_construct(
                                 words=f"Panel {n + 1}. Mum and Nana are working with Sam so "
                                       "that everyone is safe and kind at home."))
            session.commit()
            html = pdf.render_html("pdf/words_pictures.html",
                                   document_service.words_pictures_context(session, case, board))
            document_service.words_and_pictures(session, case, board)  # warm fonts and caches
            pages = 0
            for _ in range(RUNS):
                session.expire_all()
                t0 = time.perf_counter()
                case = session.get(Case, case_id)
                assert case is not None
                board = wp.load(session, case=case, board_id=board.id)
                rendered = document_service.words_and_pictures(session, case, board)
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
    rows = [["render", "median ms", "min ms", "runs"],
            ["booklet (load + template + PDF)", f"{ours_ms:.0f}", f"{min(ours) * 1000:.0f}",
             str(RUNS)],
            ["WeasyPrint alone, same HTML", f"{alone_ms:.0f}", f"{min(alone) * 1000:.0f}",
             str(RUNS)],
            ["ratio ours/alone (goal <= 1.1)", f"{ratio:.3f}x", "", ""],
            ["pages", str(pages), "", ""]]
    return Result(table=rows,
                  data={"ours_ms": ours_ms, "alone_ms": alone_ms, "ratio": ratio,
                        "pages": pages},
                  headline={"words_pictures_pdf_ratio_over_weasyprint": ratio,
                            "words_pictures_pdf_median_ms": round(ours_ms, 1),
                            "words_pictures_pdf_pages": pages})
