"""Issue #17 part 2 through /api/v1: before any family document is issued, its words are
checked (the system's and the workers' apart; the children's and the family's quoted, never
flagged), each finding names the entry to change, and issuing with findings left needs a
reason that the register and the case history keep."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.enums import Audience, Category, FamilyView, Role, VoicePart, VoiceTool
from app.routes.api.etag import etag_for
from app.schemas.voice import Sharing, VoiceSessionIn
from app.services import voice as voice_service
from app.services.audit import SYSTEM
from tests.factories import (
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)

#: A worker's danger statement with a short form nobody explained and a listed label.
DANGER = "Dad may hurt Mum again after the DV, when he drinks"
PLAIN = "Dad may hit Mum again when he drinks, and Mia and Leo could be hurt"
CHILD_WORDS = "Dad shouts about the DV lady and the CP meeting"


class World:
    def __init__(self, client: TestClient, session: Session) -> None:
        team = make_team(session)
        worker = make_user(session, role=Role.practitioner, team=team, name="Sam Patel")
        self.case = make_case(session, team=team, worker=worker, family_name="Harper")
        self.mia = make_child(session, case=self.case, given_name="Mia")
        self.mapping = make_mapping(session, case=self.case)
        self.danger = make_item(session, mapping=self.mapping,
                                category=Category.danger_statement, text=DANGER,
                                family_view=FamilyView.disagrees,
                                family_view_words="It was one time, no DV since")
        self.strength = make_item(
            session, mapping=self.mapping, category=Category.existing_strength,
            text="Gran (Mum's mum) comes to the Team Around the Child (TAC) meetings")
        self.next = make_item(session, mapping=self.mapping, category=Category.next_step,
                              text="The TAC will meet on Friday")
        voice_service.create(
            session, case=self.case, child=self.mia, tool=VoiceTool.three_houses,
            actor=SYSTEM, data=VoiceSessionIn(
                held_on=date.today() - timedelta(days=2),
                words={VoicePart.worries: [CHILD_WORDS]},
                sharing=Sharing(parts={VoicePart.worries: [Audience.family]},
                                asked_by="Sam Patel")))
        token = make_token(session, scopes=["read", "write"], team=team)
        session.commit()
        self.client = client
        self.auth = {"Authorization": f"Bearer {token}"}
        self.base = f"/api/v1/cases/{self.case.id}"
        self.m = f"{self.base}/mappings/{self.mapping.id}"

    def get(self, url: str) -> dict:  # type: ignore[type-arg]
        r = self.client.get(url, headers=self.auth)
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]


def test_the_family_summary_check_names_each_finding_and_leaves_quoted_words_alone(
        client, session):
    w = World(client, session)
    report = w.get(f"{w.m}/readability")
    # The system's words and the worker's are measured apart.
    assert report["system"]["words"] > 50 and report["system"]["grade"] <= 5
    assert report["system"]["jargon"] == 0 and report["system"]["abbreviations"] == 0
    assert report["worker"]["abbreviations"] == 1 and report["worker"]["words"] > 10
    assert report["reason_needed"] is True and report["findings_count"] == 1
    # One finding: the unexplained DV in the danger statement, with where to change it.
    [part] = report["findings"]
    assert part["entity_type"] == "mapping_item" and part["entity_id"] == w.danger.id
    assert part["link"] == (f"/cases/{w.case.id}/mappings/{w.mapping.id}/items/"
                            f"{w.danger.id}/edit")
    assert [(f["found"], f["kind"]) for f in part["findings"]] == [("DV", "abbreviation")]
    assert part["text"][part["findings"][0]["start"]:part["findings"][0]["end"]] == "DV"
    # TAC is explained in another entry of the same document, so it is not flagged; the
    # child's words and the family's view (both with short forms) are quoted, not checked.
    assert not any(f["found"] == "TAC" for p in report["findings"] for f in p["findings"])
    assert report["quoted_parts"] == 2


def test_issuing_with_findings_needs_a_reason_that_is_kept(client, session):
    w = World(client, session)
    refused = client.post(f"{w.m}/issue", headers=w.auth, json={"issued_to": "Jade Harper"})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    [error] = refused.json()["errors"]
    assert error["field"].endswith("readability_reason")
    assert "Change the words, or say why" in error["message"]
    assert w.get(f"{w.base}/documents") == []

    too_long = client.post(f"{w.m}/issue", headers=w.auth, json={
        "issued_to": "Jade Harper", "readability_reason": "x" * 1001})
    assert too_long.status_code == 422

    given = client.post(f"{w.m}/issue", headers=w.auth, json={
        "issued_to": "Jade Harper", "readability_reason": "Jade uses these words herself"})
    assert given.status_code == 201, given.text
    doc = given.json()
    assert (doc["readability_findings"], doc["readability_reason"]) == (
        1, "Jade uses these words herself")
    assert w.get(f"{w.base}/documents/{doc['id']}")["readability_reason"] == (
        "Jade uses these words herself")
    session.commit()
    event = session.scalar(select(AuditEvent).where(
        AuditEvent.entity_type == "document", AuditEvent.entity_id == doc["id"]))
    assert event is not None
    assert event.changes["readability_reason"]["after"] == "Jade uses these words herself"
    assert event.changes["readability_findings"]["after"] == 1


def test_once_the_words_are_changed_no_reason_is_asked_and_none_is_kept(client, session):
    w = World(client, session)
    r = client.patch(f"{w.m}/items/{w.danger.id}", headers={
        **w.auth, "If-Match": etag_for("mappingitem", w.danger.id, w.danger.version)},
        json={"text": PLAIN})
    assert r.status_code == 200, r.text
    report = w.get(f"{w.m}/readability")
    assert report["reason_needed"] is False and report["findings_count"] == 0
    given = client.post(f"{w.m}/issue", headers=w.auth, json={
        "issued_to": "Jade Harper", "readability_reason": "Not needed"})
    assert given.status_code == 201
    assert (given.json()["readability_findings"], given.json()["readability_reason"]) == (
        0, None)


def test_every_family_document_is_checked_before_it_is_issued(client, session):
    w = World(client, session)
    # The safety plan: a rule with a listed term, linked to the danger statement.
    plan = client.post(f"{w.base}/safety-plans", headers=w.auth,
                       json={"mapping_id": w.mapping.id})
    assert plan.status_code == 201, plan.text
    p = f"{w.base}/safety-plans/{plan.json()['id']}"
    rule = client.post(f"{p}/rules", headers=w.auth, json={
        "words": "Gran stays over when Dad visits", "item_ids": [w.danger.id],
        "warning_signs": "Dad is non-compliant with the plan"})
    assert rule.status_code == 201, rule.text
    checked = w.get(f"{p}/readability")
    found = {(f["entity_type"], f["entity_id"], x["found"])
             for f in checked["findings"] for x in f["findings"]}
    assert ("safety_rule", rule.json()["id"], "non-compliant") in found
    assert ("mapping_item", w.danger.id, "DV") in found
    assert checked["system"]["grade"] <= 5
    assert client.post(f"{p}/issue", headers=w.auth,
                       json={"issued_to": "Jade"}).status_code == 422
    assert client.post(f"{p}/issue", headers=w.auth, json={
        "issued_to": "Jade", "readability_reason": "Agreed with Jade"}).status_code == 201

    # The Words and Pictures booklet: each panel, the title.
    board = client.post(f"{w.base}/words-and-pictures", headers=w.auth,
                        json={"title": "Why the social worker came"})
    b = f"{w.base}/words-and-pictures/{board.json()['id']}"
    panel = client.post(f"{b}/panels", headers=w.auth,
                        data={"words": "The LADO talked to your school."})
    assert panel.status_code == 201, panel.text
    checked = w.get(f"{b}/readability")
    [part] = checked["findings"]
    assert (part["entity_type"], part["entity_id"]) == ("panel", panel.json()["id"])
    assert part["findings"][0]["found"] == "LADO"
    assert client.post(f"{b}/issue", headers=w.auth,
                       json={"issued_to": "Jade"}).status_code == 422

    # The conference's summary for the family (the worker's analysis included); the
    # professionals' report is not a family document and needs no reason.
    conf = client.post(f"{w.base}/conference-reports", headers=w.auth, json={
        "held_on": str(date.today() + timedelta(days=3)), "kind": "initial",
        "mapping_id": w.mapping.id, "analysis": "Dad presents as remorseful."})
    c = f"{w.base}/conference-reports/{conf.json()['id']}"
    checked = w.get(f"{c}/family/readability")
    found = {(f["entity_type"], x["found"]) for f in checked["findings"] for x in f["findings"]}
    assert ("conference_report", "presents as") in found and ("mapping_item", "DV") in found
    assert client.post(f"{c}/family/issue", headers=w.auth,
                       json={"issued_to": "Jade"}).status_code == 422
    pro = client.post(f"{c}/report/issue", headers=w.auth, json={"issued_to": "The chair"})
    assert pro.status_code == 201 and pro.json()["readability_findings"] is None
