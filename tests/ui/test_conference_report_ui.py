"""Issue #15 part 4 in the browser's forms: a worker starts a conference report (a clear
message for a missing day), writes the analysis, and gives the family their summary through
the register."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.models.document import IssuedDocument
from app.models.enums import Category, Role
from tests.factories import (
    csrf_of,
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def test_worker_starts_writes_and_gives_a_conference_report(client, session):
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              ds_behaviour="Ryan may hurt Jade again")
    session.commit()
    csrf = login(client, worker)
    page = client.get(f"/cases/{case.id}/documents")
    assert "Reports for child protection conferences" in page.text
    url = f"/cases/{case.id}/conference-reports"
    assert "Start a report" in client.get(url).text
    missing = client.post(url, data={"csrf_token": csrf, "kind": "initial"})
    assert missing.status_code == 422 and "Enter the day of the conference" in missing.text
    day = date.today() + timedelta(days=7)
    made = client.post(url, data={"csrf_token": csrf, "kind": "initial",
                                  "held_on-day": str(day.day), "held_on-month": str(day.month),
                                  "held_on-year": str(day.year)}, follow_redirects=False)
    assert made.status_code == 303
    report = made.headers["location"]
    form = client.get(report)
    assert "The family's summary (PDF)" in form.text
    csrf = csrf_of(client)
    saved = client.post(report, data={
        "csrf_token": csrf, "version": "1", "kind": "initial",
        "analysis": "Danger remains since the DV.",
        "held_on-day": str(day.day), "held_on-month": str(day.month),
        "held_on-year": str(day.year)}, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    stale = client.post(report, data={
        "csrf_token": csrf, "version": "1", "kind": "review", "analysis": "Other",
        "held_on-day": str(day.day), "held_on-month": str(day.month),
        "held_on-year": str(day.year)})
    assert stale.status_code == 409
    assert client.get(f"{report}/family.pdf").headers["content-type"] == "application/pdf"
    no_choice = client.post(f"{report}/issue", data={"csrf_token": csrf,
                                                     "issued_to": "Jade Harper"})
    assert no_choice.status_code == 422 and "Choose which to give" in no_choice.text
    # The family's summary has the worker's words the plain words check finds: giving it
    # as it is needs a reason, which the register keeps. The professionals' report does not.
    page = client.get(report).text
    assert "Plain words check" in page and 'name="readability_reason"' in page
    unexplained = client.post(f"{report}/issue", data={
        "csrf_token": csrf, "which": "family", "issued_to": "Jade Harper (mum)"})
    assert unexplained.status_code == 422
    assert "say why they should have the document as it is" in unexplained.text
    assert 'value="Jade Harper (mum)"' in unexplained.text
    given = client.post(f"{report}/issue", data={
        "csrf_token": csrf, "which": "family", "issued_to": "Jade Harper (mum)",
        "readability_reason": "Jade asked for the words the conference uses"},
        follow_redirects=False)
    assert given.status_code == 303
    session.commit()
    doc = session.scalar(select(IssuedDocument).where(IssuedDocument.case_id == case.id))
    assert doc is not None and doc.kind == "CONFERENCE_FAMILY"
    assert doc.readability_findings and doc.readability_findings > 0
    assert doc.readability_reason == "Jade asked for the words the conference uses"
    listed = client.get(f"/cases/{case.id}/documents").text
    assert "plain words finding" in listed and "Jade asked for the words the conference" in listed
