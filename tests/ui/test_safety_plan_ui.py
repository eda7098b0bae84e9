"""Issue #14 (the safety plan) in the browser without JavaScript: a plan started from a
mapping, rules added with what they answer and who makes sure (a rule without words refused
beside the field, what was typed kept), the signal for a worry no rule answers, agreement
(never with no rules), a check, a stale change refused, the family's copy, a review."""

from __future__ import annotations

import html
import io
import re
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from app.models.enums import Category
from app.models.network import NetworkMember
from app.models.safety_plan import SafetyRule
from tests.factories import (
    login,
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def _flat(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)))


def _today(prefix: str) -> dict[str, str]:
    t = date.today()
    return {f"{prefix}-day": str(t.day), f"{prefix}-month": str(t.month),
            f"{prefix}-year": str(t.year)}


def test_make_agree_check_print_and_review_a_plan(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    jade = make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    mapping = make_mapping(session, case=case)
    drink = make_item(session, mapping=mapping, category=Category.danger_statement,
                      ds_behaviour="Ryan may hit Jade when he drinks")
    alone = make_item(session, mapping=mapping, category=Category.danger_statement,
                      ds_behaviour="Leo may be left alone at night")
    pat = NetworkMember(case_id=case.id, name="Grandma Pat", role="Gran",
                        recorded_by_name="Sam Patel")
    session.add(pat)
    session.commit()
    csrf = login(client, worker)
    page = client.get(f"/cases/{case.id}/safety-plan")
    assert page.status_code == 200 and "No safety plan yet" in page.text
    r = client.post(f"/cases/{case.id}/safety-plan", data={
        "csrf_token": csrf, "mapping_id": str(mapping.id)}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(f"/cases/{case.id}/safety-plan").text
    plan_id = int(re.search(r"/safety-plan/(\d+)/rules", page).group(1))  # type: ignore[union-attr]
    url = f"/cases/{case.id}/safety-plan/{plan_id}"
    # Agreeing before there are rules is refused.
    none = client.post(f"{url}/signoffs", data={
        "csrf_token": csrf, "who": f"person:{jade.id}", **_today("agreed_on"),
        "how": "said_at_meeting"})
    assert none.status_code == 409 and "no rules" in _flat(none.text)
    # A rule without words: refused beside the field, the rest kept.
    bad = client.post(f"{url}/rules", data={
        "csrf_token": csrf, "words": "", "item_ids": str(drink.id),
        "warning_signs": "Ryan's car outside"})
    assert bad.status_code == 422 and 'id="words-error"' in bad.text
    assert "Ryan&#39;s car outside" in bad.text or "Ryan's car outside" in bad.text
    assert f'value="{drink.id}" checked' in bad.text
    ok = client.post(f"{url}/rules", data={
        "csrf_token": csrf, "words": "Ryan does not come round when he has been drinking",
        "item_ids": str(drink.id), "responsible_member_ids": str(pat.id),
        "responsible_others": "Jade", "warning_signs": "Ryan's car outside after 9pm",
        "who_to_call": "Grandma Pat 07700 900203"}, follow_redirects=False)
    assert ok.status_code == 303, ok.text
    text = _flat(client.get(url).text)
    assert re.search(r"Who makes sure ?Grandma Pat, Jade", text)
    assert "No rule answers the worry “Worry: We are worried that Leo may be left alone at " \
        "night.”" in text
    quality = _flat(client.get(f"/cases/{case.id}/quality").text)
    assert "Safety plan 1 has no rule for" in quality
    # Agreed by Jade, then a check.
    r = client.post(f"{url}/signoffs", data={
        "csrf_token": csrf, "who": f"person:{jade.id}", **_today("agreed_on"),
        "how": "signed_on_tablet"}, follow_redirects=False)
    assert r.status_code == 303
    session.commit()
    rule = session.scalars(select(SafetyRule).where(SafetyRule.plan_id == plan_id)).one()
    r = client.post(f"{url}/checks", data={
        "csrf_token": csrf, "rule_id": str(rule.id), **_today("checked_on"),
        "result": "slipped"})
    assert r.status_code == 422 and 'id="what_happened-error"' in r.text
    r = client.post(f"{url}/checks", data={
        "csrf_token": csrf, "rule_id": str(rule.id), **_today("checked_on"),
        "result": "slipped", "what_happened": "Ryan came round at 10pm; Jade called Pat"},
        follow_redirects=False)
    assert r.status_code == 303
    text = _flat(client.get(url).text)
    assert "Jade Harper agreed on" in text and "Slipped on" in text
    # A stale change of the rule changes nothing.
    old_version = rule.version
    first = client.post(f"{url}/rules/{rule.id}", data={
        "csrf_token": csrf, "version": str(old_version), "words": "Ryan stays away",
        "item_ids": str(drink.id), "responsible_member_ids": str(pat.id),
        "responsible_others": "Jade", "warning_signs": "Ryan's car outside after 9pm",
        "who_to_call": "Grandma Pat 07700 900203"}, follow_redirects=False)
    assert first.status_code == 303
    second = client.post(f"{url}/rules/{rule.id}", data={
        "csrf_token": csrf, "version": str(old_version), "words": "Overwritten",
        "item_ids": str(alone.id)})
    assert second.status_code == 409
    session.commit()
    session.refresh(rule)
    assert rule.words == "Ryan stays away"
    # The family's copy.
    pdf = client.get(f"{url}/plan.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA)
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    words = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Our safety plan" in words and "Rule 1" in words and "Ryan stays away" in words
    assert "This rule is about this worry: We are worried that Ryan may hit Jade when he " \
        "drinks" in words
    assert "Who makes sure this happens: Grandma Pat, Jade" in words
    assert "Jade Harper agreed on" in words and "call 999" in words
    # The children's version, in Words and Pictures: a panel for each rule.
    r = client.post(f"{url}/children", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    board = _flat(client.get(r.headers["location"]).text)
    assert "The children's version of the safety plan" in board
    assert "Panel 1 Ryan stays away" in board
    assert "The children's version, in Words and Pictures" in client.get(url).text
    # A review: version 2 is being made; version 1 is kept, read-only.
    session.refresh(rule)
    from app.models.safety_plan import SafetyPlan
    plan = session.get(SafetyPlan, plan_id)
    assert plan is not None
    session.refresh(plan)
    r = client.post(f"{url}/review", data={"csrf_token": csrf, "version": str(plan.version)},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    text = _flat(client.get(f"/cases/{case.id}/safety-plan").text)
    assert "Safety plan 2 Being made" in text and "Ryan stays away" in text
    old = client.get(url).text
    assert "Replaced by a review" in old and "Add a rule" not in old
