"""Issue #17 part 4 in the browser, without JavaScript: a safety plan's rules and a Words
and Pictures booklet's panels are translated on a page beside the English, reached from
where the family is given their copy; errors are beside the field with what was typed kept;
a translation saved by someone else meanwhile is not overwritten."""

from __future__ import annotations

import re

from app.models.enums import Category, Role
from tests.factories import (
    login,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_token,
    make_user,
)

RULE = "Gran stays over when Ryan visits"
RULE_CY = "Mae Nain yn aros dros nos pan fydd Ryan yn ymweld"


def _flat(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def _world(client, session):  # type: ignore[no-untyped-def]
    team = make_team(session)
    worker = make_user(session, role=Role.practitioner, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    make_child(session, case=case, given_name="Mia")
    mapping = make_mapping(session, case=case)
    make_item(session, mapping=mapping, category=Category.danger_statement,
              text="Ryan may hurt Jade again")
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    base = f"/api/v1/cases/{case.id}"
    plan = client.post(f"{base}/safety-plans", headers=auth,
                       json={"mapping_id": mapping.id}).json()
    rule = client.post(f"{base}/safety-plans/{plan['id']}/rules", headers=auth,
                       json={"words": RULE}).json()
    return worker, case, plan, rule, auth


def _form(page: str) -> dict[str, str]:
    """The page's form as a browser would send it, unchanged."""
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    fields.update(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page))
    return fields


def test_a_safety_plan_is_translated_beside_the_english(client, session):
    worker, case, plan, rule, auth = _world(client, session)
    login(client, worker)
    plan_page = client.get(f"/cases/{case.id}/safety-plan/{plan['id']}").text
    url = f"/cases/{case.id}/safety-plan/{plan['id']}/translations/cy"
    assert f'href="{url}"' in plan_page and "Translate your team's words into Cymraeg" \
        in plan_page

    page = client.get(url).text
    text = _flat(page)
    assert "Translate your team's words into Welsh" in text and "safety plan 1" in text
    assert f"In English: “ {RULE} ”" in text
    form = _form(page)
    key = next(k for k, v in form.items() if v == f"safety_rule:{rule['id']}:words")
    box = key.replace("key-", "text-")

    # No translator's name: the error is beside the field, and the Welsh typed is kept.
    missing = client.post(url, data={**form, box: RULE_CY})
    assert missing.status_code == 422
    assert "Enter the translator's name" in _flat(missing.text)
    assert RULE_CY in missing.text

    saved = client.post(url, data={**form, box: RULE_CY, "translator_name": "Ana Jones"},
                        follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"{url}?saved=1"
    listed = client.get(f"/api/v1/cases/{case.id}/safety-plans/{plan['id']}/translations/cy",
                        headers=auth).json()
    row = next(e for e in listed["entries"] if e["field"] == "words")
    assert (row["text"], row["translator_name"]) == (RULE_CY, "Ana Jones")

    # A second translator still had the page from before: their change is refused, and
    # the first translation stands.
    stale = client.post(url, data={**form, box: "Arall", "translator_name": "Bryn Evans"})
    assert stale.status_code == 409
    assert "Someone else changed the translation of “Rule 1”" in _flat(stale.text)
    again = client.get(f"/api/v1/cases/{case.id}/safety-plans/{plan['id']}/translations/cy",
                       headers=auth).json()
    assert next(e for e in again["entries"] if e["field"] == "words")["text"] == RULE_CY


def test_a_booklet_is_translated_from_where_it_is_given(client, session):
    worker, case, _, _, auth = _world(client, session)
    base = f"/api/v1/cases/{case.id}"
    board = client.post(f"{base}/words-and-pictures", headers=auth,
                        json={"title": "Why Sam came"}).json()
    client.post(f"{base}/words-and-pictures/{board['id']}/panels", headers=auth,
                data={"words": "Sam talked to Mum."})
    login(client, worker)
    page = client.get(f"/cases/{case.id}/words-and-pictures/{board['id']}").text
    url = f"/cases/{case.id}/words-and-pictures/{board['id']}/translations/cy"
    assert f'href="{url}"' in page
    # The booklet can be given in Welsh from the same place.
    assert re.search(r'name="language" type="radio" value="cy"', page)
    form = _form(client.get(url).text)
    boxes = {v: k.replace("key-", "text-") for k, v in form.items() if k.startswith("key-")}
    assert set(boxes) == {f"words_and_pictures:{board['id']}:title",
                          next(v for v in boxes if v.startswith("panel:"))}
    done = client.post(url, data={**form, "translator_name": "Ana Jones",
                                  boxes[f"words_and_pictures:{board['id']}:title"]:
                                  "Pam daeth Sam"}, follow_redirects=False)
    assert done.status_code == 303
    page = _flat(client.get(url).text)
    assert "Not translated" in page  # the panel is still only in English
