"""The family's copy of a safety plan: each rule in their words beside the worry it answers,
who makes sure, the warning signs, what happens if it is broken and who to call; who agreed
it; the worker's and out-of-hours numbers. Printed through the bounded pipeline and given
through the documents register (services/document.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.config import get_settings
from app.errors import NotPrinted
from app.models.base import utcnow
from app.models.case import Case
from app.models.document import IssuedDocument
from app.models.safety_plan import SafetyPlan
from app.models.user import User
from app.services import document, network, pdf, readability, translation
from app.services import language as lang_service
from app.services import plain_language as pl
from app.services import safety_plan as plan_service
from app.services import safety_plan_monitoring as monitoring
from app.services.audit import Actor
from app.services.family_text import PLAN_TEXT, fixed_text, in_language
from app.services.mapping_item import display_text


def context(session: Session, case: Case, plan: SafetyPlan, *,
            issued_on: date | None = None, language: str = "en") -> dict[str, Any]:
    rows = plan_service.rules(session, plan=plan)
    links = plan_service.links(session, [r.id for r in rows])
    items = {i.id: i for i in plan_service.answerable(session, plan=plan)}
    members = network.members(session, case=case)
    names = network.names_of(session, members)
    worker = session.get(User, case.worker_id) if case.worker_id else None
    words = in_language(language, PLAN_TEXT)
    t, f = words["t"], words["f"]
    return {**words, **translation.printing(
        session, case, lambda: parts(session, case, plan), words),
            "case": case, "plan": plan,
            "doc_title": f"{f['family_of'].format(name=case.family_name)}: "
                         f"{t['title'][0].lower()}{t['title'][1:]}",
            "council": get_settings().council_name, "settings": get_settings(),
            "worker_name": worker.name if worker else f["your_worker"],
            "worker_phone": worker.phone if worker else None,
            "issued_on": issued_on or date.today(),
            "rules": [(r, [items[i] for i in links[r.id] if i in items],
                       [names[m] for m in (r.responsible_member_ids or []) if m in names])
                      for r in rows],
            "signoffs": plan_service.signoffs(session, plan=plan),
            "how_words": monitoring.HOW}


def render(session: Session, case: Case, plan: SafetyPlan, *,
           created: datetime | None = None, language: str = "en") -> document.Rendered:
    """The family's copy of a safety plan: each rule in their words beside the worry it
    answers, who makes sure, the warning signs, what happens if it is broken and who to call;
    who agreed it; the worker's and out-of-hours numbers."""
    when = created or utcnow()
    ctx = context(session, case, plan, issued_on=when.date(), language=language)
    try:
        content = pdf.render_pdf("pdf/safety_plan.html", ctx, title=ctx["doc_title"],
                                 created=when)
    except pdf.PrintFailed as failed:
        raise NotPrinted(document.why_not_printed(
            [("A rule", r.words) for r, _, _ in ctx["rules"]], failed.reason)) from None
    return document.Rendered(content=content, title=ctx["doc_title"],
                    filename=f"{document.slug(case.family_name, 'family')}-safety-plan-"
                             f"{plan.number}{document.lang_suffix(language)}.pdf")


def parts(session: Session, case: Case, plan: SafetyPlan) -> list[readability.Part]:
    """The plan's words as the family's copy prints them: the fixed text, and each rule with
    the worries it answers (the worker's words, each with where to change it)."""
    rows = plan_service.rules(session, plan=plan)
    links = plan_service.links(session, [r.id for r in rows])
    items = {i.id: i for i in plan_service.answerable(session, plan=plan)}
    out = [readability.Part("The words this service writes", fixed_text(PLAN_TEXT),
                            readability.SYSTEM)]
    for n, r in enumerate(rows, start=1):
        where = f"/cases/{case.id}/safety-plan/{plan.id}/rules/{r.id}"
        for what, field in (("", "words"), (": how we will know", "checked_how"),
                            (": warning signs", "warning_signs"),
                            (": if it is not kept", "if_broken"),
                            (": who to call", "who_to_call")):
            out.append(readability.Part(f"Rule {n}{what}", getattr(r, field) or "",
                                        readability.WORKER, where, "safety_rule", r.id, field))
        for i in links[r.id]:
            if i in items:
                out.append(readability.Part(
                    f"Rule {n}: the worry it answers", display_text(items[i]),
                    readability.WORKER,
                    f"/cases/{case.id}/mappings/{plan.mapping_id}/items/{i}/edit",
                    "mapping_item", i))
    return out


def check(session: Session, case: Case, plan: SafetyPlan) -> readability.DocumentReport:
    return readability.measure(pl.terms_for(session), parts(session, case, plan))


def issue(session: Session, *, case: Case, plan: SafetyPlan, issued_to: str,
          actor: Actor, readability_reason: str | None = None,
          language: str = "en") -> IssuedDocument:
    """The family's copy of the safety plan, recorded as handed to `issued_to`; with the
    worker's reason when the plain words check found something left."""
    issued_to = document.checked_issued_to(issued_to)
    lang = lang_service.get(language)
    checked = check(session, case, plan)
    reason = readability.reason_given(checked, readability_reason)
    now = utcnow()
    return document.record_issue(session, case=case,
                                 rendered=render(session, case, plan, created=now,
                                                 language=lang.code),
                                 kind=document.SAFETY_PLAN, issued_to=issued_to, actor=actor,
                                 now=now, readability=(checked.count, reason),
                                 language=lang.code)

