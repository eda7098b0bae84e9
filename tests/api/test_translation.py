"""Issue #17 part 4: the team's words carry a translation per entry, by a named translator;
the family summary in Welsh prints it and says which parts are translated and which are
not; when the English changes the translation is out of date and the English comes back;
nothing is overwritten unseen, and every change is audited."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.enums import Category, Role
from app.routes.api.etag import etag_for
from tests.factories import (
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)

WORRY = "Dad may hit Mum again when he drinks"
WELSH = "Efallai y bydd Dad yn taro Mam eto pan fydd yn yfed"
STRENGTH = "Gran walks Mia to school every day"


def _world(client, session):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    danger = make_item(session, mapping=mapping, category=Category.danger_statement,
                       text=WORRY)
    make_item(session, mapping=mapping, category=Category.existing_strength, text=STRENGTH)
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    m = f"/api/v1/cases/{case.id}/mappings/{mapping.id}"
    return auth, m, danger


def _text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
                    .split())


def test_a_translation_is_printed_named_and_goes_out_of_date_when_the_english_changes(
        client, session):
    auth, m, danger = _world(client, session)
    listed = client.get(f"{m}/translations/cy", headers=auth).json()
    assert (listed["translated"], listed["untranslated"]) == (0, 2)
    assert {e["source"] for e in listed["entries"]} >= {WORRY, STRENGTH}

    put = client.put(f"{m}/translations/cy", headers=auth, json={
        "translator_name": "Ana Jones", "entries": [
            {"entity_type": "mapping_item", "entity_id": danger.id, "text": WELSH}]})
    assert put.status_code == 200, put.text
    assert (put.json()["translated"], put.json()["untranslated"]) == (1, 1)
    session.commit()
    event = session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "translation"))
    assert event is not None and event.changes["text"]["after"] == WELSH
    assert event.changes["translator_name"]["after"] == "Ana Jones"

    text = _text(client.get(f"{m}/family.pdf?language=cy", headers=auth).content)
    assert WELSH in text and WORRY not in text
    assert STRENGTH in text  # not translated: printed as written
    assert "Cyfieithwyd gan Ana Jones." in text and "Mae rhai rhannau yn Saesneg" in text
    # The English copy is untouched by it.
    assert WORRY in _text(client.get(f"{m}/family.pdf", headers=auth).content)

    # The worker changes the worry: the translation is out of date, the English returns.
    changed = client.patch(f"{m}/items/{danger.id}", headers={
        **auth, "If-Match": etag_for("mappingitem", danger.id, danger.version)},
        json={"text": "Dad may hit Mum when he drinks"})
    assert changed.status_code == 200, changed.text
    listed = client.get(f"{m}/translations/cy", headers=auth).json()
    assert listed["out_of_date"] == 1 and listed["translated"] == 0
    text = _text(client.get(f"{m}/family.pdf?language=cy", headers=auth).content)
    assert WELSH not in text and "Dad may hit Mum when he drinks" in text
    assert "Cyfieithwyd gan" not in text


def test_nothing_is_overwritten_unseen_and_bad_input_is_named(client, session):
    auth, m, danger = _world(client, session)
    entry = {"entity_type": "mapping_item", "entity_id": danger.id, "text": WELSH}
    assert client.put(f"{m}/translations/cy", headers=auth, json={
        "translator_name": "Ana Jones", "entries": [entry]}).status_code == 200
    # A second translator who read it before the first saved (no version): refused.
    stale = client.put(f"{m}/translations/cy", headers=auth, json={
        "translator_name": "Bryn Evans", "entries": [{**entry, "text": "Arall"}]})
    assert stale.status_code == 409
    assert "Someone else changed the translation" in stale.json()["detail"]
    current = client.get(f"{m}/translations/cy", headers=auth).json()
    row = next(e for e in current["entries"] if e["entity_id"] == danger.id)
    assert row["text"] == WELSH and row["translator_name"] == "Ana Jones"
    # With the version read, the change is made.
    ok = client.put(f"{m}/translations/cy", headers=auth, json={
        "translator_name": "Bryn Evans", "entries": [{**entry, "text": "Arall",
                                                      "version": row["version"]}]})
    assert ok.status_code == 200

    no_name = client.put(f"{m}/translations/cy", headers=auth, json={
        "translator_name": " ", "entries": []})
    assert no_name.status_code == 422
    stranger = client.put(f"{m}/translations/cy", headers=auth, json={
        "translator_name": "Ana Jones", "entries": [{**entry, "entity_id": 999999}]})
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["field"].endswith("entries.0")
    english = client.put(f"{m}/translations/en", headers=auth, json={
        "translator_name": "Ana Jones", "entries": []})
    assert english.status_code == 422
    unknown = client.get(f"{m}/translations/pl", headers=auth)
    assert unknown.status_code == 422 and "Welsh (cy)" in unknown.json()["errors"][0]["message"]


RULE = "Gran stays over when Ryan visits"
RULE_CY = "Mae Nain yn aros dros nos pan fydd Ryan yn ymweld"
SIGNS = "Ryan has been drinking"
SIGNS_CY = "Mae Ryan wedi bod yn yfed"


def _put(client, url, auth, entries, name="Ana Jones"):  # type: ignore[no-untyped-def]
    done = client.put(f"{url}/translations/cy", headers=auth, json={
        "translator_name": name, "entries": entries})
    assert done.status_code == 200, done.text
    return done.json()


def _issued_text(client, auth, base, given):  # type: ignore[no-untyped-def]
    assert given.status_code == 201, given.text
    assert given.json()["language"] == "cy"
    content = client.get(f"{base}/documents/{given.json()['id']}/content", headers=auth).content
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "cy"
    return _text(content)


def test_a_safety_plan_in_welsh_prints_its_translated_rules_and_shares_the_worrys(
        client, session):
    auth, m, danger = _world(client, session)
    base = m.split("/mappings/")[0]
    plan = client.post(f"{base}/safety-plans", headers=auth,
                       json={"mapping_id": int(m.rsplit("/", 1)[1])})
    p = f"{base}/safety-plans/{plan.json()['id']}"
    rule = client.post(f"{p}/rules", headers=auth, json={
        "words": RULE, "warning_signs": SIGNS, "item_ids": [danger.id]})
    assert rule.status_code == 201, rule.text
    rid = rule.json()["id"]

    listed = client.get(f"{p}/translations/cy", headers=auth).json()
    assert {(e["entity_type"], e["field"], e["source"]) for e in listed["entries"]} == {
        ("safety_rule", "words", RULE), ("safety_rule", "warning_signs", SIGNS),
        ("mapping_item", "text", WORRY)}
    _put(client, p, auth, [
        {"entity_type": "safety_rule", "entity_id": rid, "field": "words", "text": RULE_CY}])
    # The worry the rule answers was translated once, for the family summary: the plan
    # prints that translation too.
    _put(client, m, auth, [{"entity_type": "mapping_item", "entity_id": danger.id,
                            "text": WELSH}], name="Bryn Evans")
    text = _issued_text(client, auth, base, client.post(
        f"{p}/issue", headers=auth, json={"issued_to": "Jade", "language": "cy"}))
    assert RULE_CY in text and WELSH in text and RULE not in text and WORRY not in text
    assert SIGNS in text and "Mae rhai rhannau yn Saesneg" in text  # not translated yet
    assert "Cyfieithwyd gan Ana Jones, Bryn Evans." in text

    # Everything translated: the plan no longer says any of it is English.
    _put(client, p, auth, [{"entity_type": "safety_rule", "entity_id": rid,
                            "field": "warning_signs", "text": SIGNS_CY}])
    text = _issued_text(client, auth, base, client.post(
        f"{p}/issue", headers=auth, json={"issued_to": "Jade", "language": "cy"}))
    assert SIGNS_CY in text and "Mae rhai rhannau yn Saesneg" not in text

    # Only the plan's own entries can be translated through the plan.
    other = client.put(f"{p}/translations/cy", headers=auth, json={
        "translator_name": "Ana Jones", "entries": [
            {"entity_type": "mapping_item", "entity_id": danger.id + 1, "text": "Dim"}]})
    assert other.status_code == 422
    assert "safety plan 1 prints" in other.json()["errors"][0]["message"]


def test_a_booklet_and_the_conference_summary_in_welsh_print_their_translations(
        client, session):
    from datetime import date, timedelta

    auth, m, danger = _world(client, session)
    base = m.split("/mappings/")[0]
    board = client.post(f"{base}/words-and-pictures", headers=auth,
                        json={"title": "Why Sam came to see us"})
    b = f"{base}/words-and-pictures/{board.json()['id']}"
    panel = client.post(f"{b}/panels", headers=auth, data={"words": "Sam talked to Mum."})
    assert panel.status_code == 201, panel.text
    _put(client, b, auth, [
        {"entity_type": "words_and_pictures", "entity_id": board.json()["id"],
         "field": "title", "text": "Pam daeth Sam i'n gweld ni"},
        {"entity_type": "panel", "entity_id": panel.json()["id"], "field": "words",
         "text": "Siaradodd Sam gyda Mam."}])
    text = _issued_text(client, auth, base, client.post(
        f"{b}/issue", headers=auth, json={"issued_to": "Jade", "language": "cy"}))
    assert "Pam daeth Sam i'n gweld ni" in text and "Siaradodd Sam gyda Mam." in text
    assert "Sam talked to Mum" not in text and "Mae rhai rhannau yn Saesneg" not in text
    assert "Teulu Harper" in text and "Cyfieithwyd gan Ana Jones." in text
    english = _text(client.get(f"{b}/booklet.pdf", headers=auth).content)
    assert "Sam talked to Mum." in english and "Cyfieithwyd" not in english

    khan = client.post(f"{base}/network/members", headers=auth, json={
        "name": "Mrs Khan", "role": "Neighbour", "agreement": "agreed",
        "told_on": str(date.today()), "told_what": "The worries",
        "commitments": "Mia can knock any time"})
    assert khan.status_code == 201, khan.text
    conf = client.post(f"{base}/conference-reports", headers=auth, json={
        "held_on": str(date.today() + timedelta(days=3)), "kind": "initial",
        "mapping_id": int(m.rsplit("/", 1)[1]), "analysis": "Jade keeps Mia safe most days."})
    c = f"{base}/conference-reports/{conf.json()['id']}"
    listed = client.get(f"{c}/translations/cy", headers=auth).json()
    assert {("conference_report", "analysis"), ("network_member", "commitments"),
            ("network_member", "role"), ("mapping_item", "text")} <= {
        (e["entity_type"], e["field"]) for e in listed["entries"]}
    _put(client, c, auth, [
        {"entity_type": "conference_report", "entity_id": conf.json()["id"],
         "field": "analysis", "text": "Mae Jade yn cadw Mia yn ddiogel y rhan fwyaf o ddyddiau."},
        {"entity_type": "network_member", "entity_id": khan.json()["id"],
         "field": "commitments", "text": "Gall Mia guro ar y drws unrhyw bryd"}])
    text = _text(client.get(f"{c}/family.pdf?language=cy", headers=auth).content)
    assert "Mae Jade yn cadw Mia yn ddiogel" in text and "Gall Mia guro ar y drws" in text
    assert "Jade keeps Mia safe" not in text and "Mia can knock" not in text
    # The same commitment, translated once, in the family summary's "who is helping".
    summary = _text(client.get(f"{m}/family.pdf?language=cy", headers=auth).content)
    assert "Gall Mia guro ar y drws unrhyw bryd" in summary


def test_the_welsh_summary_names_the_children_scales_and_contacts_in_welsh(client, session):
    from app.models.case import Case
    from app.models.enums import RaterKind
    from app.models.rating import Rating
    from app.services import family_summary
    from app.services import mapping as mapping_service

    auth, m, danger = _world(client, session)
    case = session.get(Case, int(m.split("/cases/")[1].split("/")[0]))
    make_child(session, case=case, given_name="Leo")
    session.commit()
    text = _text(client.get(f"{m}/family.pdf?language=cy", headers=auth).content)
    assert "Mia a Leo" in text and "Mia and Leo" not in text
    assert "y Gwasanaeth Hawliau Plant ar 01632 960 200" in text
    assert "Children's Rights Service" not in text
    english = _text(client.get(f"{m}/family.pdf", headers=auth).content)
    assert "Mia and Leo" in english and "Children's Rights Service" in english

    mapping = mapping_service.load(session, case=case, mapping_id=int(m.rsplit("/", 1)[1]))
    rating = Rating(rater_name="Jade", rater_kind=RaterKind.parent, score=6)
    welsh = family_summary.family_context(session, case, mapping, language="cy")
    assert welsh["scale_alt"]([rating]) == ("Graddfa o 0 i 10. "
                                            "Dywedodd Jade (rhiant) 6 allan o 10.")
    english_ctx = family_summary.family_context(session, case, mapping)
    assert english_ctx["scale_alt"]([rating]) == ("Scale from 0 to 10. "
                                                  "Jade (parent) said 6 out of 10.")
