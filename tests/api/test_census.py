"""Issue #15 through /api/v1: a child's journey recorded as dated events and plans, the census
characteristics on the person, and the Children in Need census return generated from them,
validated by the Department's own rules (csc-validator-be-cin), each finding traced to the
record to fix. Clean data: 0 errors; broken data: the expected rule codes, on the right
record."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import date

from sqlalchemy import select

from app import jobs
from app.models.audit import AuditEvent
from app.models.child_status import ChildStatus
from app.models.enums import AbuseCategory, ChildStatusKind, Role
from app.services import census_codes
from tests.factories import make_case, make_child, make_team, make_token, make_user

YEAR = 2026  # the census ending 31 March 2026 (rules cin2025_26)


def _family(client, session):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team)
    case = make_case(session, team=team, worker=worker)
    mia = make_child(session, case=case, date_of_birth=date(2018, 5, 1))
    token = make_token(session, scopes=["read", "write"], team=None)
    session.commit()
    return case, mia, {"Authorization": f"Bearer {token}"}


def _etag(client, url, auth):  # type: ignore[no-untyped-def]
    return client.get(url, headers=auth).headers["ETag"]


def _journey(client, case, child, auth):  # type: ignore[no-untyped-def]
    """A referral from school, an assessment with its factors, an enquiry, a first conference,
    a child protection plan with a review, all in the year to 31 March 2026."""
    base = f"/api/v1/cases/{case.id}/children/{child.id}"
    person = f"/api/v1/cases/{case.id}/people/{child.id}"
    r = client.patch(person, headers={**auth, "If-Match": _etag(client, person, auth)}, json={
        "sex": "F", "ethnicity": "WBRI", "disabilities": "NONE",
        "upn": census_codes.with_check_letter("201" + "000000042")})
    assert r.status_code == 200, r.text
    events = [
        {"kind": "referral", "happened_on": "2025-06-02", "code": "2A", "need_code": "N1"},
        {"kind": "assessment", "happened_on": "2025-06-03", "completed_on": "2025-07-10",
         "factors": "3B 16A"},
        {"kind": "section47", "happened_on": "2025-06-10", "strategy_on": "2025-06-09"},
        {"kind": "initial_conference", "happened_on": "2025-06-30"},
        {"kind": "cp_review", "happened_on": "2025-09-15"},
    ]
    made = []
    for e in events:
        r = client.post(f"{base}/events", headers=auth, json=e)
        assert r.status_code == 201, r.text
        made.append(r.json())
    plan = client.post(f"{base}/statuses", headers=auth, json={
        "kind": "child_protection_plan", "category": "neglect", "starts_on": "2025-06-30"})
    assert plan.status_code == 201, plan.text
    return made, plan.json()


def _run(client, auth, year=YEAR):  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/returns/cin/runs", headers=auth, json={"year": year})
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "queued"
    assert jobs.work_pending() >= 1
    done = client.get(r.headers["Location"], headers=auth).json()
    assert done["status"] == "done", done
    return done


def test_clean_journey_gives_a_return_with_no_errors(client, session):
    case, mia, auth = _family(client, session)
    _journey(client, case, mia, auth)
    run = _run(client, auth)
    assert run["children"] == 1 and run["errors"] == 0 and run["progress"] == 100
    findings = client.get(f"/api/v1/returns/cin/runs/{run['id']}/findings", headers=auth).json()
    assert [f for f in findings if f["kind"] == "error"] == []
    # Queries about the whole return (e.g. fewer than 8 disability codes used) name no child.
    assert all(f["child_id"] is None for f in findings)
    f = client.get(f"/api/v1/returns/cin/runs/{run['id']}/file", headers=auth)
    assert f.status_code == 200 and f.headers["content-type"].startswith("application/xml")
    assert hashlib.sha256(f.content).hexdigest() == run["sha256"] == f.headers["x-content-sha256"]
    root = ET.fromstring(f.content)
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"
    child = root.find("Children/Child")
    assert child is not None
    assert child.findtext("ChildIdentifiers/LAchildID") == str(mia.id)
    assert child.findtext("ChildIdentifiers/Sex") == "F"
    cin = child.find("CINdetails")
    assert cin is not None and cin.findtext("ReferralSource") == "2A"
    assert [x.text for x in cin.findall("Assessments/FactorsIdentifiedAtAssessment/"
                                        "AssessmentFactors")] == ["3B", "16A"]
    assert cin.findtext("Section47/DateOfInitialCPC") == "2025-06-30"
    assert cin.findtext("ChildProtectionPlans/InitialCategoryOfAbuse") == "NEG"
    assert cin.findtext("ChildProtectionPlans/Reviews/CPPreviewDate") == "2025-09-15"
    # Starting a run is audited; the run's file is in the register with its hash.
    session.commit()
    assert session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "census_run"))


def test_broken_data_gives_the_rule_codes_each_on_its_record(client, session):
    case, mia, auth = _family(client, session)
    _journey(client, case, mia, auth)
    person = f"/api/v1/cases/{case.id}/people/{mia.id}"
    # Sex not recorded: rule 4180, on the child's "sex".
    client.patch(person, headers={**auth, "If-Match": _etag(client, person, auth)},
                 json={"sex": None})
    # A plan brought over from the old system that ends before it starts (the record's own
    # forms refuse this; an import did not): rule 8925, on that plan.
    session.commit()
    legacy = ChildStatus(case_id=case.id, child_id=mia.id,
                         kind=ChildStatusKind.child_protection_plan,
                         category=AbuseCategory.physical, starts_on=date(2025, 12, 1),
                         ends_on=date(2025, 11, 1), recorded_by_name="Import")
    session.add(legacy)
    session.commit()
    run = _run(client, auth)
    assert run["errors"] >= 2
    findings = client.get(f"/api/v1/returns/cin/runs/{run['id']}/findings", headers=auth).json()
    by_code = {f["code"]: f for f in findings}
    assert by_code["4180"]["entity"] == "person" and by_code["4180"]["field"] == "sex"
    assert by_code["4180"]["child_id"] == mia.id
    assert by_code["4180"]["link"] == f"/cases/{case.id}/people/{mia.id}/census#sex"
    assert by_code["4180"]["words"] == "Record the child's sex (male, female or not known)"
    plan = by_code["8925"]
    assert plan["entity"] == "child_status" and plan["entity_id"] == legacy.id
    assert plan["link"] == f"/cases/{case.id}/children/{mia.id}/status#status-{legacy.id}"
    # Fixed in the record, the next run is clean of both.
    client.patch(person, headers={**auth, "If-Match": _etag(client, person, auth)},
                 json={"sex": "F"})
    session.delete(session.get(ChildStatus, legacy.id))
    session.commit()
    again = _run(client, auth)
    assert again["errors"] == 0


def test_a_year_without_rules_and_who_may_run_returns(client, session):
    case, mia, auth = _family(client, session)
    r = client.post("/api/v1/returns/cin/runs", headers=auth, json={"year": 2031})
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["field"] == "year" and "no Department rules" in err["message"]
    team_token = make_token(session, scopes=["read", "write"], team=case.team)
    read_only = make_token(session, scopes=["read"], team=None)
    session.commit()
    r = client.get("/api/v1/returns/cin/runs", headers={"Authorization": f"Bearer {team_token}"})
    assert r.status_code == 404
    ro = {"Authorization": f"Bearer {read_only}"}
    assert client.get("/api/v1/returns/cin/runs", headers=ro).status_code == 200
    assert client.post("/api/v1/returns/cin/runs", headers=ro,
                       json={"year": YEAR}).status_code == 404


def test_the_demo_families_make_a_return_with_no_errors(client, session):
    """What `make run` shows: the demo record's census for this collection year, checked by
    the Department's rules, has no errors; Leo's assessment is proposed from the mapping."""
    from app.models.case import Case
    from app.models.person import Person
    from app.seed import seed
    from app.services import case_event

    assert seed(session) is True
    token = make_token(session, scopes=["read", "write"], team=None)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    run = _run(client, auth, census_codes.collection_year(date.today()))
    assert run["children"] == 2 and run["errors"] == 0, client.get(
        f"/api/v1/returns/cin/runs/{run['id']}/findings", headers=auth).json()
    harper = session.scalar(select(Case).where(Case.family_name == "Harper"))
    leo = session.scalar(select(Person).where(Person.case_id == harper.id,
                                              Person.given_name == "Leo"))
    proposed = case_event.proposals(session, case=harper, child=leo)
    assert [p.kind.value for p in proposed] == ["assessment"]
    assert proposed[0].completed_on is not None and proposed[0].factors == "1C 3A 3B"


def test_a_child_with_a_plan_but_no_referral_is_named_not_left_out_silently(client, session):
    case, mia, auth = _family(client, session)
    leo = make_child(session, case=case, given_name="Leo", date_of_birth=date(2021, 3, 1))
    session.commit()
    _journey(client, case, mia, auth)
    plan = client.post(f"/api/v1/cases/{case.id}/children/{leo.id}/statuses", headers=auth,
                       json={"kind": "child_in_need", "starts_on": "2025-09-01"})
    assert plan.status_code == 201
    run = _run(client, auth)
    assert run["children"] == 1 and run["errors"] == 1
    findings = client.get(f"/api/v1/returns/cin/runs/{run['id']}/findings", headers=auth).json()
    leo_finding = next(f for f in findings if f["child_id"] == leo.id)
    assert leo_finding["code"] == "REC1" and "no referral is recorded" in leo_finding["words"]
    assert leo_finding["link"] == f"/cases/{case.id}/children/{leo.id}/events/new?kind=referral"
