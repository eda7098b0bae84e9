"""Scenarios for the family documents (issues #5 and #14): the family summary, the safety
plan and the Words and Pictures booklet, each against WeasyPrint alone on the same HTML.

In-process (no server): the figure is how much our pipeline (loading the record, the
template, printing in a process of its own with limits) adds to the PDF engine's own time,
and the time and pages of a typical document."""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.context import Context
from bench.mapping_scenarios import build_mapping
from bench.scenarios import Result, _ratio, scenario

RUNS = 8


def _against_weasyprint(name: str, label: str, html: str,
                        ours: Callable[[], bytes]) -> Result:
    """Time `ours` (load + template + PDF, from a fresh session state) and WeasyPrint alone
    on the same HTML, RUNS times each, alternating; the ratio of the medians."""
    from weasyprint import HTML

    from app.services import pdf

    ours()  # warm fonts and caches
    mine: list[float] = []
    alone: list[float] = []
    pages = 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        content = ours()
        mine.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        HTML(string=html, base_url=pdf.BASE_URL,
             url_fetcher=pdf.StaticOnlyFetcher()).write_pdf(pdf_variant="pdf/ua-1")
        alone.append(time.perf_counter() - t0)
        pages = len(PdfReader(io.BytesIO(content)).pages)
    ours_ms = statistics.median(mine) * 1000
    alone_ms = statistics.median(alone) * 1000
    ratio = _ratio(ours_ms, alone_ms)
    rows = [["render", "median ms", "min ms", "runs"],
            [f"{label} (load + template + PDF)", f"{ours_ms:.0f}", f"{min(mine) * 1000:.0f}",
             str(RUNS)],
            ["WeasyPrint alone, same HTML", f"{alone_ms:.0f}", f"{min(alone) * 1000:.0f}",
             str(RUNS)],
            ["ratio ours/alone (goal <= 1.1)", f"{ratio:.3f}x", "", ""],
            ["pages", str(pages), "", ""]]
    return Result(table=rows,
                  data={"ours_ms": ours_ms, "alone_ms": alone_ms, "ratio": ratio,
                        "pages": pages},
                  headline={f"{name}_ratio_over_weasyprint": ratio,
                            f"{name}_median_ms": round(ours_ms, 1), f"{name}_pages": pages})


@scenario("family_pdf", "Family summary PDF (~3-4 pages) vs WeasyPrint alone on the same HTML")
def family_pdf(ctx: Context) -> Result:
    from app.db import make_engine
    from app.models.case import Case
    from app.services import family_summary, pdf
    from app.services import mapping as mapping_service

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[2]
    mapping_id = build_mapping(ds.url, case_id, 24)
    engine = make_engine(ds.url)
    try:
        with Session(engine) as session:
            case = session.get(Case, case_id)
            assert case is not None
            mapping = mapping_service.load(session, case=case, mapping_id=mapping_id)
            html = pdf.render_html(
                "pdf/family_summary.html", family_summary.family_context(session, case, mapping)
            )

            def ours() -> bytes:
                session.expire_all()
                c = session.get(Case, case_id)
                assert c is not None
                m = mapping_service.load(session, case=c, mapping_id=mapping_id)
                return family_summary.render(session, c, m).content

            return _against_weasyprint("family_pdf", "family summary", html, ours)
    finally:
        engine.dispose()


@scenario("safety_plan_pdf", "The family's safety plan PDF (8 rules) vs WeasyPrint alone on "
                             "the same HTML")
def safety_plan_pdf(ctx: Context) -> Result:
    from app.db import make_engine
    from app.models.case import Case
    from app.models.enums import Category, SignoffHow
    from app.models.mapping_item import MappingItem
    from app.schemas.safety_plan import PlanIn, RuleIn, SignoffIn
    from app.services import pdf, safety_plan_document
    from app.services import safety_plan as plan_service
    from app.services import safety_plan_monitoring as monitoring
    from app.services.audit import SYSTEM

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[3]
    mapping_id = build_mapping(ds.url, case_id, 24)
    engine = make_engine(ds.url)
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
            monitoring.sign_off(session, case=case, plan=plan, actor=SYSTEM, data=SignoffIn(
                name="Mum", agreed_on=plan.made_on, how=SignoffHow.said_at_meeting))
            session.commit()
            html = pdf.render_html("pdf/safety_plan.html",
                                   safety_plan_document.context(session, case, plan))
            plan_id = plan.id

            def ours() -> bytes:
                session.expire_all()
                c = session.get(Case, case_id)
                assert c is not None
                p = plan_service.load(session, case=c, plan_id=plan_id)
                return safety_plan_document.render(session, c, p).content

            return _against_weasyprint("safety_plan_pdf", "safety plan", html, ours)
    finally:
        engine.dispose()


@scenario("words_pictures_pdf", "The Words and Pictures booklet (12 picture panels) vs "
                                "WeasyPrint alone on the same HTML")
def words_pictures_pdf(ctx: Context) -> Result:
    import random as _random

    from app.db import make_engine
    from app.models.case import Case
    from app.schemas.words_pictures import PanelIn, StoryboardIn
    from app.services import pdf, words_pictures_document
    from app.services import words_pictures as wp
    from app.services.audit import SYSTEM

    ds = ctx.dataset("1k")
    case_id = ds.visible_ids[8]
    rng = _random.Random(14)
    engine = make_engine(ds.url)
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
                                   words_pictures_document.context(session, case, board))
            board_id = board.id

            def ours() -> bytes:
                session.expire_all()
                c = session.get(Case, case_id)
                assert c is not None
                b = wp.load(session, case=c, board_id=board_id)
                return words_pictures_document.render(session, c, b).content

            return _against_weasyprint("words_pictures_pdf", "Words and Pictures booklet", html,
                                       ours)
    finally:
        engine.dispose()
