"""Issue #17 part 4 (the part that is done): a person's preferred language is recorded; the
fixed words of the family summary come from a gettext catalogue read with Babel, Welsh the
first; a summary in Welsh is `lang="cy"`, its dates and page numbers in Welsh, and it says
plainly that the workers' words are still in English; the register records the language."""

from __future__ import annotations

import io
import re
import string

from pypdf import PdfReader

from app.models.enums import Category, Role
from app.services import language
from app.services.family_text import FAMILY_TEXT
from tests.factories import (
    login,
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)

WORRY = "Ryan may hurt Jade again when they argue"
WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _world(session):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    jade = make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement, text=WORRY)
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    return worker, case, mapping, jade, {"Authorization": f"Bearer {token}"}


def _text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_the_welsh_catalogue_is_complete_and_keeps_the_gaps():
    welsh, missing = language.translate(FAMILY_TEXT, "cy")
    assert missing == 0
    for key, english in FAMILY_TEXT.items():
        assert welsh[key] != english or key in ("page",), key
        # Every gap the Welsh has is one the English fills (a wrong name would fail at
        # printing), and the names and dates the English gives are kept.
        assert _fields(welsh[key]) <= _fields(english), key
        assert _fields(english) - {"language"} <= _fields(welsh[key]), key
    assert [lang.code for lang in language.for_documents()] == ["en", "cy"]


def test_the_summary_in_welsh_says_what_is_still_in_english(client, session):
    worker, case, mapping, _, _ = _world(session)
    login(client, worker)
    r = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf?language=cy")
    assert r.status_code == 200
    text = _text(r.content)
    reader = PdfReader(io.BytesIO(r.content))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    for welsh in ("Beth wnaethon ni siarad amdano", "Beth sy'n ein poeni",
                  "Mae rhai rhannau yn Saesneg", "Tudalen 1 o"):
        assert welsh in text, welsh
    assert f"{mapping.held_on.day} {WELSH_MONTHS[mapping.held_on.month - 1]}" in text
    assert WORRY in " ".join(text.split())  # the worker's words, as written
    assert "Teulu Harper" in text
    assert "What we talked about" not in text and "Page 1 of" not in text
    # The English copy is unchanged.
    english = _text(client.get(f"/cases/{case.id}/mappings/{mapping.id}/family.pdf").content)
    assert "What we talked about" in english and "Saesneg" not in english
    assert "Harper family" in english
    easy = client.get(f"/cases/{case.id}/mappings/{mapping.id}/family-easy-read.pdf"
                      "?language=cy")
    assert PdfReader(io.BytesIO(easy.content)).metadata.title.startswith("Teulu Harper: ")
    assert PdfReader(io.BytesIO(easy.content)).metadata.title.endswith("(hawdd ei ddarllen)")


def test_a_language_without_a_catalogue_is_refused_clearly(client, session):
    worker, case, mapping, _, auth = _world(session)
    r = client.post(f"/api/v1/cases/{case.id}/mappings/{mapping.id}/issue", headers=auth,
                    json={"issued_to": "Jade", "language": "pl"})
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["field"].endswith("language")
    assert "English (en), Welsh (cy)" in error["message"]
    pdf = client.get(f"/api/v1/cases/{case.id}/mappings/{mapping.id}/family.pdf?language=pl",
                     headers=auth)
    assert pdf.status_code == 422


def test_the_register_records_the_language_and_the_family_preference_is_offered(
        client, session):
    worker, case, mapping, jade, auth = _world(session)
    # Jade prefers Welsh; a code not on the list is refused beside the field.
    person = f"/api/v1/cases/{case.id}/people/{jade.id}"
    etag = client.get(person, headers=auth).headers["ETag"]
    bad = client.patch(person, headers={**auth, "If-Match": etag}, json={"language": "zz"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("language")
    ok = client.patch(person, headers={**auth, "If-Match": etag}, json={"language": "cy"})
    assert ok.status_code == 200 and ok.json()["language"] == "cy"

    csrf = login(client, worker)
    page = client.get(f"/cases/{case.id}/mappings/{mapping.id}/issue").text
    assert re.search(r'value="cy" checked', page)
    assert "Preferred language" in client.get(f"/cases/{case.id}").text

    given = client.post(f"/cases/{case.id}/mappings/{mapping.id}/issue", data={
        "csrf_token": csrf, "issued_to": "Jade Harper", "language": "cy",
        "version": "standard"}, follow_redirects=False)
    assert given.status_code == 303, given.text
    [doc] = client.get(f"/api/v1/cases/{case.id}/documents", headers=auth).json()
    assert doc["language"] == "cy" and doc["filename"].endswith("-cy.pdf")
    content = client.get(f"/api/v1/cases/{case.id}/documents/{doc['id']}/content",
                         headers=auth).content
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "cy"


def test_the_welsh_catalogue_covers_every_family_document():
    from app.services.family_text import CHILD_TEXT, CONFERENCE_TEXT, PLAN_TEXT

    for texts in (PLAN_TEXT, CONFERENCE_TEXT, CHILD_TEXT):
        welsh, missing = language.translate(texts, "cy")
        assert missing == 0
        for key, english in texts.items():
            assert _fields(welsh[key]) == _fields(english), key


def test_the_safety_plan_and_the_conference_summary_in_welsh(client, session):
    from datetime import date, timedelta

    worker, case, mapping, _, auth = _world(session)
    base = f"/api/v1/cases/{case.id}"
    plan = client.post(f"{base}/safety-plans", headers=auth, json={"mapping_id": mapping.id})
    p = f"{base}/safety-plans/{plan.json()['id']}"
    assert client.post(f"{p}/rules", headers=auth, json={
        "words": "Gran stays over when Ryan visits",
        "warning_signs": "Ryan has been drinking"}).status_code == 201
    given = client.post(f"{p}/issue", headers=auth, json={"issued_to": "Jade",
                                                          "language": "cy"})
    assert given.status_code == 201, given.text
    assert given.json()["language"] == "cy"
    content = client.get(f"{base}/documents/{given.json()['id']}/content", headers=auth).content
    text = " ".join(_text(content).split())
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "cy"
    for welsh in ("Ein cynllun diogelwch", "Rheol 1", "Arwyddion i gadw llygad amdanyn nhw:",
                  "Mae rhai rhannau yn Saesneg", "ffoniwch 999", "Teulu Harper"):
        assert welsh in text, welsh
    assert "Gran stays over when Ryan visits" in text and "Ryan has been drinking" in text

    conf = client.post(f"{base}/conference-reports", headers=auth, json={
        "held_on": str(date.today() + timedelta(days=3)), "kind": "initial",
        "mapping_id": mapping.id, "analysis": "Jade keeps Mia safe most days."})
    c = f"{base}/conference-reports/{conf.json()['id']}"
    family = client.get(f"{c}/family.pdf?language=cy", headers=auth)
    text = " ".join(_text(family.content).split())
    assert PdfReader(io.BytesIO(family.content)).trailer["/Root"]["/Lang"] == "cy"
    assert "Y cyfarfod am gadw'r plant yn ddiogel" in text
    assert "Jade keeps Mia safe most days." in text and "Mae rhai rhannau yn Saesneg" in text
    professionals = client.post(f"{c}/report/issue", headers=auth,
                                json={"issued_to": "The chair", "language": "cy"})
    assert professionals.status_code == 422
    assert "professionals is in English" in professionals.json()["errors"][0]["message"]
    english = client.get(f"{c}/report.pdf?language=cy", headers=auth)
    assert PdfReader(io.BytesIO(english.content)).trailer["/Root"]["/Lang"] == "en-GB"


def test_the_childs_own_copy_in_welsh_keeps_their_words(client, session):
    from datetime import date, timedelta

    from app.models.enums import Audience, VoicePart, VoiceTool
    from app.models.person import Person
    from app.schemas.voice import Sharing, VoiceSessionIn
    from app.services import voice as voice_service
    from app.services.audit import SYSTEM

    worker, case, mapping, _, auth = _world(session)
    mia = session.query(Person).filter_by(case_id=case.id, given_name="Mia").one()
    vs = voice_service.create(
        session, case=case, child=mia, tool=VoiceTool.three_houses, actor=SYSTEM,
        data=VoiceSessionIn(held_on=date.today() - timedelta(days=1),
                            words={VoicePart.worries: ["When dad shouts"]},
                            sharing=Sharing(parts={VoicePart.worries: [Audience.family]},
                                            asked_by="Sam Patel")))
    session.commit()
    url = (f"/api/v1/cases/{case.id}/children/{mia.id}/three-houses/{vs.id}"
           "/what-you-told-us.pdf")
    welsh = client.get(f"{url}?language=cy", headers=auth)
    assert welsh.status_code == 200, welsh.text
    text = " ".join(_text(welsh.content).split())
    assert PdfReader(io.BytesIO(welsh.content)).trailer["/Root"]["/Lang"] == "cy"
    assert "Beth ddywedoch chi wrthym ni, Mia" in text and "Tri Thŷ" in text
    assert "When dad shouts" in text  # the child's words, as they said them
    english = " ".join(_text(client.get(url, headers=auth).content).split())
    assert "What you told us, Mia" in english and "My Three Houses" in english
