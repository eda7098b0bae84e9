"""Who may see and change a case's safety plan: whoever reaches the case sees it (and its
family copy); whoever may change the case changes it. Every route × every role × every kind
of case (see tests/access/world.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update

from app.models.enums import PlanStatus, SignoffHow
from app.models.safety_plan import PlanSignoff, RuleLink, SafetyPlan, SafetyRule
from tests.access.world import (
    CaseRoute,
    CaseRoutes,
    World,
    _form,
    _json,
    case_route_test,
    cid,
    mid,
)

#: On each kind of case, made by `_agreed_all`: an agreed plan and its rule.
plans: dict[str, int] = {}
rules: dict[str, int] = {}


def _none_all(w: World) -> None:
    """No current plan on any case (so one can be started)."""
    w.session.execute(update(SafetyPlan).values(status=PlanStatus.replaced))
    w.session.commit()


def _agreed_all(w: World) -> None:
    _none_all(w)
    for k, c in w.cases.items():
        number = (w.session.scalar(select(func.max(SafetyPlan.number))
                                   .where(SafetyPlan.case_id == c.id)) or 0) + 1
        p = SafetyPlan(case_id=c.id, mapping_id=mid(w, k), number=number,
                       status=PlanStatus.agreed, made_on=date(2026, 1, 1),
                       agreed_on=date(2026, 1, 2), created_by_name="Worker")
        w.session.add(p)
        w.session.flush()
        r = SafetyRule(plan_id=p.id, position=1, words="Nobody drinks at home",
                       responsible_member_ids=[])
        w.session.add(r)
        w.session.flush()
        w.session.add_all([RuleLink(rule_id=r.id, item_id=w.dangers[k].id),
                           PlanSignoff(plan_id=p.id, name="Jade", agreed_on=date(2026, 1, 2),
                                       how=SignoffHow.signed_paper, recorded_by_name="Worker")])
        plans[k], rules[k] = p.id, r.id
    w.session.commit()


def _ui(w: World, k: str, rest: str = "") -> str:
    return f"/cases/{cid(w, k)}/safety-plan/{plans[k]}{rest}"


def _api(w: World, k: str, rest: str = "") -> str:
    return f"/api/v1/cases/{cid(w, k)}/safety-plans/{plans[k]}{rest}"


def _rule_tag(w: World, k: str) -> str:
    row = w.fresh(SafetyRule, rules[k])
    return f'"safetyrule-{row.id}-v{row.version}"'


def _plan_version(w: World, k: str) -> int:
    return int(w.fresh(SafetyPlan, plans[k]).version)


_TODAY = {"checked_on-day": str(date.today().day), "checked_on-month": str(date.today().month),
          "checked_on-year": str(date.today().year)}
_SIGNED = {"agreed_on-day": str(date.today().day), "agreed_on-month": str(date.today().month),
           "agreed_on-year": str(date.today().year)}

CASE_ROUTES: CaseRoutes = {
    ("GET", "/cases/{case_id}/safety-plan"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/cases/{cid(w, k)}/safety-plan", {}), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan"): CaseRoute(
        "write", 303, lambda w, k: ("POST", f"/cases/{cid(w, k)}/safety-plan", _form(
            w, mapping_id=str(mid(w, k)))), _none_all),
    ("GET", "/cases/{case_id}/safety-plan/{plan_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k), {}), _agreed_all),
    ("GET", "/cases/{case_id}/safety-plan/{plan_id}/plan.pdf"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _ui(w, k, "/plan.pdf"), {}), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/rules"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/rules"), _form(
            w, words="An adult is home at night")), _agreed_all),
    ("GET", "/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}"): CaseRoute(
        "write", 200, lambda w, k: ("GET", _ui(w, k, f"/rules/{rules[k]}"), {}), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, f"/rules/{rules[k]}"), _form(
            w, words="Nobody drinks at home, ever",
            version=str(w.fresh(SafetyRule, rules[k]).version))), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/rules/{rule_id}/remove"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, f"/rules/{rules[k]}/remove"), _form(
            w, version=str(w.fresh(SafetyRule, rules[k]).version))), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/signoffs"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/signoffs"), _form(
            w, name="Grandma Pat", how="said_at_meeting", **_SIGNED)), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/checks"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/checks"), _form(
            w, rule_id=str(rules[k]), result="held", **_TODAY)), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/review"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/review"), _form(
            w, version=str(_plan_version(w, k)))), _agreed_all),
    ("GET", "/api/v1/cases/{case_id}/safety-plans"): CaseRoute(
        "read", 200, lambda w, k: ("GET", f"/api/v1/cases/{cid(w, k)}/safety-plans", {}),
        _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans"): CaseRoute(
        "write", 201, lambda w, k: ("POST", f"/api/v1/cases/{cid(w, k)}/safety-plans", _json(
            w, {"mapping_id": mid(w, k)})), _none_all),
    ("GET", "/api/v1/cases/{case_id}/safety-plans/{plan_id}"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _api(w, k), {}), _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/rules"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/rules"), _json(
            w, {"words": "An adult is home at night"})), _agreed_all),
    ("PATCH", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/rules/{rule_id}"): CaseRoute(
        "write", 200, lambda w, k: ("PATCH", _api(w, k, f"/rules/{rules[k]}"), _json(
            w, {"warning_signs": "Cans in the bin"}, _rule_tag(w, k))), _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/rules/{rule_id}/remove"): CaseRoute(
        "write", 204, lambda w, k: ("POST", _api(w, k, f"/rules/{rules[k]}/remove"),
                                    _json(w, None, _rule_tag(w, k))), _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/signoffs"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/signoffs"), _json(
            w, {"name": "Grandma Pat", "how": "said_at_meeting",
                "agreed_on": str(date.today())})), _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/rules/{rule_id}/checks"):
        CaseRoute("write", 201, lambda w, k: ("POST", _api(w, k, f"/rules/{rules[k]}/checks"),
                                              _json(w, {"checked_on": str(date.today()),
                                                        "result": "held"})), _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/review"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/review"), _json(
            w, {}, f'"safetyplan-{plans[k]}-v{_plan_version(w, k)}"')), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/issue"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/issue"), _form(
            w, issued_to="Jade Harper", readability_reason="As asked")), _agreed_all),
    ("GET", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/readability"): CaseRoute(
        "read", 200, lambda w, k: ("GET", _api(w, k, "/readability"), {}), _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/issue"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/issue"), _json(
            w, {"issued_to": "Jade Harper", "readability_reason": "As asked"})), _agreed_all),
    ("POST", "/cases/{case_id}/safety-plan/{plan_id}/children"): CaseRoute(
        "write", 303, lambda w, k: ("POST", _ui(w, k, "/children"), _form(w)), _agreed_all),
    ("POST", "/api/v1/cases/{case_id}/safety-plans/{plan_id}/children-version"): CaseRoute(
        "write", 201, lambda w, k: ("POST", _api(w, k, "/children-version"), _json(w)),
        _agreed_all),
}

test_case_route = case_route_test(CASE_ROUTES)
