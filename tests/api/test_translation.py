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
