"""Issue #13 parts 1, 2, 3 and 7 through /api/v1: relationships between everyone on a case,
households with dates, who has died; the genogram the server draws from them (golden tests
on its structure: which symbols, which lines, which generation each person sits in, never on
pixels) and each child's ecomap; and the bad input the issue names."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from xml.etree import ElementTree as ET

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.enums import Role
from tests.factories import make_case, make_team, make_token, make_user

SVG_NS = "{http://www.w3.org/2000/svg}"


class Family:
    def __init__(self, client: TestClient, session: Session) -> None:
        self.team = make_team(session)
        self.worker = make_user(session, role=Role.practitioner, team=self.team)
        self.case = make_case(session, team=self.team, worker=self.worker)
        token = make_token(session, scopes=["read", "write"], team=self.team)
        session.commit()
        self.client, self.session = client, session
        self.auth = {"Authorization": f"Bearer {token}"}
        self.base = f"/api/v1/cases/{self.case.id}"
        self.ids: dict[str, int] = {}

    def person(self, name: str, gender: str | None, *, child: bool = False,
               born: date | None = None, **extra: Any) -> int:
        body: dict[str, Any] = {"kind": "child" if child else "adult", "given_name": name,
                                "family_name": "Harper", **extra}
        if gender:
            body["gender"] = gender
        if child:
            body["date_of_birth"] = (born or date(2018, 5, 1)).isoformat()
        else:
            body["role"] = "relative"
            if born:
                body["date_of_birth"] = born.isoformat()
        r = self.client.post(f"{self.base}/people", headers=self.auth, json=body)
        assert r.status_code == 201, r.text
        self.ids[name] = r.json()["id"]
        return self.ids[name]

    def tie(self, a: str, kind: str, b: str, expect: int = 201, **extra: Any) -> Any:
        r = self.client.post(f"{self.base}/kinships", headers=self.auth, json={
            "person_id": self.ids[a], "kind": kind, "relative_id": self.ids[b], **extra})
        assert r.status_code == expect, r.text
        return r

    def genogram(self) -> dict[str, Any]:
        r = self.client.get(f"{self.base}/genogram", headers=self.auth)
        assert r.status_code == 200, r.text
        return r.json()

    def svg(self) -> ET.Element:
        r = self.client.get(f"{self.base}/genogram.svg", headers=self.auth)
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
        return ET.fromstring(r.text)


def harpers(f: Family) -> None:
    """Three generations: Gran and Grandad (died) are Sam's parents; Sam separated from Lee
    (Mia's father) and lives with Dan, Leo's father; Mia and Leo are half-siblings."""
    f.person("Gran", "female", born=date(1958, 3, 1))
    f.person("Grandad", "male", deceased=True, died_on="2019-06-01")
    f.person("Sam", "female", born=date(1990, 2, 2))
    f.person("Lee", "male")
    f.person("Dan", "male")
    f.person("Mia", "female", child=True, born=date(2017, 5, 5))
    f.person("Leo", "male", child=True, born=date(2023, 1, 10))
    f.tie("Gran", "partner", "Grandad")
    f.tie("Gran", "parent", "Sam")
    f.tie("Grandad", "parent", "Sam")
    f.tie("Sam", "ex_partner", "Lee", started_on="2015-01-01", ended_on="2019-01-01")
    f.tie("Sam", "partner", "Dan")
    f.tie("Sam", "parent", "Mia", parental_responsibility=True)
    f.tie("Lee", "parent", "Mia", parental_responsibility=True)
    f.tie("Sam", "parent", "Leo", parental_responsibility=True)
    f.tie("Dan", "parent", "Leo")
    f.tie("Mia", "half_sibling", "Leo", strength="strong")
    for who in ("Sam", "Dan", "Mia", "Leo"):
        r = f.client.post(f"{f.base}/households", headers=f.auth, json={
            "person_id": f.ids[who], "household": "Mum's flat", "moved_in": "2024-03-01"})
        assert r.status_code == 201, r.text


def test_the_genogram_of_three_generations_with_separated_and_repartnered_parents(client,
                                                                                    session):
    f = Family(client, session)
    harpers(f)
    g = f.genogram()
    assert g["drawn"] is True
    people = {p["name"].split()[0]: p for p in g["people"]}
    # Generations: grandparents on top, parents and their partners, then the children.
    assert {n: p["generation"] for n, p in people.items()} == {
        "Gran": 0, "Grandad": 0, "Sam": 1, "Lee": 1, "Dan": 1, "Mia": 2, "Leo": 2}
    assert {n: p["symbol"] for n, p in people.items()} == {
        "Gran": "circle", "Grandad": "square", "Sam": "circle", "Lee": "square",
        "Dan": "square", "Mia": "circle", "Leo": "square"}
    assert [n for n, p in people.items() if p["deceased"]] == ["Grandad"]
    assert sorted(n for n, p in people.items() if p["on_case"]) == ["Leo", "Mia"]
    assert sorted(n for n, p in people.items() if p["parental_responsibility"]) == ["Lee", "Sam"]
    # Sam sits between her ex-partner and her partner.
    row = sorted(("Sam", "Lee", "Dan"), key=lambda n: people[n]["x"])
    assert row[1] == "Sam"
    ids = f.ids
    lines = {(ln["kind"], tuple(sorted(ln["ends"])), ln["to"]) for ln in g["lines"]}
    assert ("partner", tuple(sorted((ids["Gran"], ids["Grandad"]))), None) in lines
    assert ("ex_partner", tuple(sorted((ids["Sam"], ids["Lee"]))), None) in lines
    assert ("partner", tuple(sorted((ids["Sam"], ids["Dan"]))), None) in lines
    # Each child hangs from both their parents; the half-siblings from different couples.
    assert ("parent", tuple(sorted((ids["Gran"], ids["Grandad"]))), ids["Sam"]) in lines
    assert ("parent", tuple(sorted((ids["Sam"], ids["Lee"]))), ids["Mia"]) in lines
    assert ("parent", tuple(sorted((ids["Sam"], ids["Dan"]))), ids["Leo"]) in lines
    assert not [ln for ln in g["lines"] if ln["kind"] == "half_sibling"], \
        "half-siblings with a shared parent are shown by the parents' lines"
    # The household encloses the four who live there, lettered.
    assert g["households"] == [{"letter": "A", "name": "Mum's flat", "enclosed": True,
                                "members": [ids["Sam"], ids["Dan"], ids["Mia"], ids["Leo"]]}]
    assert people["Mia"]["households"] == ["A"] and people["Lee"]["households"] == []
    # The same facts in words.
    assert "Grandad Harper, male, died 1 June 2019" in g["people_facts"]
    assert any(f.startswith("Mia Harper, a child on this case, female, born 5 May 2017")
               for f in g["people_facts"])
    assert "Sam Harper is Lee Harper's ex-partner" in g["relationship_facts"]
    assert "Lee Harper is Mia Harper's father and has parental responsibility" in \
        g["relationship_facts"]
    assert "Mia Harper is Leo Harper's half-sister" in g["relationship_facts"]

    # The drawing says the same: one group per person with its symbol and generation.
    svg = f.svg()
    groups = {int(el.get("data-person")): el for el in svg.iter(f"{SVG_NS}g")
              if el.get("class") == "person"}
    assert {groups[ids[n]].get("data-generation") for n in ("Mia", "Leo")} == {"2"}
    assert groups[ids["Grandad"]].get("data-deceased") == "true"
    assert len([el for el in groups[ids["Grandad"]] if el.get("class") == "deceased"]) == 2
    assert groups[ids["Mia"]].find(f"{SVG_NS}circle") is not None
    assert groups[ids["Leo"]].find(f"{SVG_NS}rect") is not None
    assert [el.get("data-household") for el in svg.iter(f"{SVG_NS}g")
            if el.get("class") == "household"] == ["A"]
    assert len([el for el in svg.iter(f"{SVG_NS}line") if el.get("class") == "separated"]) == 2

    # A baby on the way: a triangle, in the children's row, hanging from Sam and Dan.
    due = (date.today() + timedelta(days=60)).isoformat()
    r = client.post(f"{f.base}/people", headers=f.auth, json={
        "kind": "child", "given_name": "Baby", "family_name": "Harper", "expected_date": due})
    assert r.status_code == 201, r.text
    f.ids["Baby"] = r.json()["id"]
    f.tie("Sam", "parent", "Baby")
    f.tie("Dan", "parent", "Baby")
    g = f.genogram()
    baby = next(p for p in g["people"] if p["id"] == f.ids["Baby"])
    assert (baby["symbol"], baby["generation"], baby["on_case"]) == ("triangle", 2, True)
    assert ("parent", tuple(sorted((ids["Sam"], ids["Dan"]))), ids["Baby"]) in {
        (ln["kind"], tuple(sorted(ln["ends"])), ln["to"]) for ln in g["lines"]}


def test_relationships_are_read_changed_and_audited_with_if_match(client, session):
    f = Family(client, session)
    f.person("Sam", "female")
    f.person("Mia", "female", child=True)
    k = f.tie("Sam", "parent", "Mia")
    tree = client.get(f"{f.base}/family-tree", headers=f.auth).json()
    assert [x["words"] for x in tree["kinships"]] == ["Sam Harper is Mia Harper's mother"]
    assert tree["genogram_shared"] is False
    url = f"{f.base}/kinships/{k.json()['id']}"
    assert client.patch(url, headers=f.auth, json={
        "parental_responsibility": True}).status_code == 428
    stale = client.patch(url, headers={**f.auth, "If-Match": '"kinship-1-v99"'},
                         json={"parental_responsibility": True})
    assert stale.status_code == 412
    ok = client.patch(url, headers={**f.auth, "If-Match": k.headers["ETag"]},
                      json={"parental_responsibility": True, "strength": "tenuous"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["words"] == "Sam Harper is Mia Harper's mother and has parental " \
                                 "responsibility"
    session.commit()
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "kinship", AuditEvent.action == "update")).one()
    assert event.changes["parental_responsibility"] == {"before": False, "after": True}
    assert event.changes["strength"] == {"before": None, "after": "tenuous"}
    gone = client.post(f"{url}/remove", headers={**f.auth, "If-Match": ok.headers["ETag"]})
    assert gone.status_code == 204
    assert client.get(f"{f.base}/family-tree", headers=f.auth).json()["kinships"] == []
    assert client.get(url, headers=f.auth).status_code == 404
    # Sharing the family tree in documents is the case's, with its ETag.
    case_tag = client.get(f"{f.base}", headers=f.auth).headers["ETag"]
    shared = client.put(f"{f.base}/genogram/sharing", headers={**f.auth, "If-Match": case_tag},
                        json={"genogram_shared": True})
    assert shared.status_code == 200 and shared.json() == {"genogram_shared": True}
    again = client.put(f"{f.base}/genogram/sharing", headers={**f.auth, "If-Match": case_tag},
                       json={"genogram_shared": False})
    assert again.status_code == 412


def _problem(r: Any, field: str) -> str:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    found = [e for e in r.json()["errors"] if e["field"] == field]
    assert found, r.json()
    return str(found[0]["message"])


def test_bad_relationships_are_refused_with_the_reason_and_nothing_is_written(client, session):
    f = Family(client, session)
    for name, gender in (("Gran", "female"), ("Sam", "female"), ("Jo", "female"),
                         ("Lee", "male"), ("Kai", "male")):
        f.person(name, gender)
    f.person("Mia", "female", child=True)
    f.tie("Gran", "parent", "Sam")
    f.tie("Sam", "parent", "Mia")
    # Someone their own grandparent.
    msg = _problem(f.tie("Mia", "grandparent", "Gran", expect=422), "kind")
    assert "does not fit the family tree" in msg and "Gran Harper is Sam Harper's mother" in msg
    msg = _problem(f.tie("Mia", "parent", "Gran", expect=422), "kind")
    assert "Sam Harper is Mia Harper's mother" in msg
    _problem(f.tie("Sam", "partner", "Mia", expect=422), "kind")
    # Two birth mothers by mistake; two mothers in fact (allowed).
    msg = _problem(f.tie("Jo", "parent", "Mia", expect=422), "birth")
    assert msg.startswith("Mia Harper already has a birth mother: Sam Harper")
    jo = f.tie("Jo", "parent", "Mia", birth=False, parental_responsibility=True)
    assert jo.json()["words"] == ("Jo Harper is Mia Harper's mother (not by birth) and has "
                                  "parental responsibility")
    f.tie("Lee", "parent", "Mia")
    msg = _problem(f.tie("Kai", "parent", "Mia", expect=422), "birth")
    assert "two birth parents recorded already" in msg
    # Nobody is their own relative; the same tie twice; two ties between one pair.
    _problem(f.tie("Sam", "sibling", "Sam", expect=422), "relative_id")
    assert "Already recorded" in _problem(f.tie("Mia", "parent", "Sam", expect=422), "kind")
    assert "Already recorded" in _problem(f.tie("Sam", "sibling", "Gran", expect=422), "kind")
    # Parental responsibility is for a child; dates are for partners.
    _problem(f.tie("Gran", "grandparent", "Kai", expect=422, parental_responsibility=True),
             "parental_responsibility")
    _problem(f.tie("Lee", "partner", "Kai", expect=422, ended_on="2020-01-01"), "ended_on")
    _problem(f.tie("Lee", "ex_partner", "Kai", expect=422, started_on="2021-01-01",
                   ended_on="2020-01-01"), "ended_on")
    future = (date.today() + timedelta(days=3)).isoformat()
    _problem(f.tie("Lee", "partner", "Kai", expect=422, started_on=future), "started_on")
    # A person on another case.
    other = make_case(session, team=f.team, worker=f.worker)
    from tests.factories import make_adult
    stranger = make_adult(session, case=other, given_name="Stranger")
    session.commit()
    r = client.post(f"{f.base}/kinships", headers=f.auth, json={
        "person_id": stranger.id, "kind": "friend", "relative_id": f.ids["Mia"]})
    assert _problem(r, "person_id") == "Choose someone on this case"
    # Unknown kinds and fields are the schema's problem details.
    r = client.post(f"{f.base}/kinships", headers=f.auth, json={
        "person_id": f.ids["Sam"], "kind": "cousin", "relative_id": f.ids["Mia"]})
    _problem(r, "kind")
    words = [k["words"] for k in client.get(f"{f.base}/family-tree",
                                            headers=f.auth).json()["kinships"]]
    assert len(words) == 4, words
    session.commit()
    assert len(session.scalars(select(AuditEvent).where(
        AuditEvent.entity_type == "kinship")).all()) == 4


def test_households_with_dates(client, session):
    f = Family(client, session)
    f.person("Sam", "female")
    f.person("Mia", "female", child=True)
    f.tie("Sam", "parent", "Mia")
    r = client.post(f"{f.base}/households", headers=f.auth, json={
        "person_id": f.ids["Sam"], "household": "Gran's", "moved_in": "2020-01-01",
        "moved_out": "2023-06-01"})
    assert r.status_code == 201 and r.json()["current"] is False
    now = client.post(f"{f.base}/households", headers=f.auth, json={
        "person_id": f.ids["Mia"], "household": "Mum's flat", "moved_in": "2023-06-01"})
    assert now.json()["current"] is True
    bad = client.post(f"{f.base}/households", headers=f.auth, json={
        "person_id": f.ids["Sam"], "household": "Mum's flat", "moved_in": "2024-01-01",
        "moved_out": "2023-01-01"})
    assert "cannot move out before" in _problem(bad, "moved_out")
    twice = client.post(f"{f.base}/households", headers=f.auth, json={
        "person_id": f.ids["Mia"], "household": "mum's flat"})
    assert "already lives at" in _problem(twice, "household")
    g = f.genogram()
    assert [h["members"] for h in g["households"]] == [[f.ids["Mia"]]]
    assert "Sam Harper lived at Gran's, from 1 January 2020 to 1 June 2023" in \
        g["household_facts"]
    moved = client.patch(f"{f.base}/households/{now.json()['id']}",
                         headers={**f.auth, "If-Match": now.headers["ETag"]},
                         json={"moved_out": date.today().isoformat()})
    assert moved.status_code == 200 and moved.json()["current"] is False
    assert f.genogram()["households"] == []


def test_names_in_any_script_never_become_markup(client, session):
    f = Family(client, session)
    f.person("مريم", "female")
    f.person("Zoë 🌈", None)
    f.person('<script>alert(1)</script>', "male")
    f.person("Mia", "female", child=True)
    f.tie("مريم", "parent", "Mia")
    f.tie("Zoë 🌈", "aunt_uncle", "Mia", strength="stressful")
    f.tie('<script>alert(1)</script>', "friend", "Mia", strength="tenuous")
    r = client.get(f"{f.base}/genogram.svg", headers=f.auth)
    assert "<script" not in r.text and "&lt;script&gt;" not in r.text  # friends are not drawn
    svg = ET.fromstring(r.text)
    names = [t.text for t in svg.iter(f"{SVG_NS}title")]
    assert "مريم Harper" in names and "Zoë 🌈 Harper" in names
    symbols = {el.get("data-symbol") for el in svg.iter(f"{SVG_NS}g") if el.get("data-symbol")}
    assert symbols == {"circle", "diamond"}
    # An aunt whose sibling is not recorded reaches the child by a dashed line of her own.
    assert [el.get("data-kind") for el in svg.iter(f"{SVG_NS}polyline")
            if el.get("data-kind") == "aunt_uncle"] == ["aunt_uncle"]
    eco = client.get(f"{f.base}/children/{f.ids['Mia']}/ecomap.svg", headers=f.auth)
    assert eco.status_code == 200 and "<script" not in eco.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Harper" in eco.text
    tree = ET.fromstring(eco.text)
    strengths = {el.get("data-key"): el.get("data-strength") for el in tree.iter(f"{SVG_NS}g")
                 if el.get("class") == "ecomap-node"}
    assert sorted(strengths.values()) == ["none", "stressful", "tenuous"]


def test_the_ecomap_takes_strengths_from_the_record(client, session):
    f = Family(client, session)
    f.person("Sam", "female")
    f.person("Mia", "female", child=True)
    f.tie("Sam", "parent", "Mia", strength="stressful")
    member = client.post(f"{f.base}/network/members", headers=f.auth, json={
        "name": "Mrs Khan", "role": "Neighbour; walks Mia to school"})
    assert member.status_code == 201
    r = client.patch(f"{f.base}/network/members/{member.json()['id']}",
                     headers={**f.auth, "If-Match": member.headers["ETag"]},
                     json={"strength": "strong"})
    assert r.status_code == 200, r.text
    eco = client.get(f"{f.base}/children/{f.ids['Mia']}/ecomap", headers=f.auth).json()
    assert eco["spokes"] == [
        {"name": "Mrs Khan", "role": "Neighbour; walks Mia to school", "strength": "strong",
         "network": True},
        {"name": "Sam Harper", "role": "mother", "strength": "stressful", "network": False}]
    assert client.get(f"{f.base}/children/{f.ids['Sam']}/ecomap",
                      headers=f.auth).status_code == 404


def test_three_hundred_people_degrade_to_the_list(client, session):
    f = Family(client, session)
    f.person("Mia", "female", child=True)
    from app.models.enums import AdultRole, KinKind, PersonKind
    from app.models.kinship import Kinship
    from app.models.person import Person
    rows = [Person(case_id=f.case.id, kind=PersonKind.adult, given_name=f"Cousin{i}",
                   family_name="Harper", role=AdultRole.relative) for i in range(300)]
    session.add_all(rows)
    session.flush()
    session.add_all([Kinship(case_id=f.case.id, person_id=p.id, relative_id=f.ids["Mia"],
                             kind=KinKind.sibling) for p in rows])
    session.commit()
    g = f.genogram()
    assert g["drawn"] is False and len(g["people_facts"]) == 301 and g["people"]
    svg = f.svg()
    assert "too many to draw clearly" in "".join(svg.itertext())
