from sqlalchemy.orm import Session

from app.models.enums import Role
from tests.factories import make_case, make_team, make_token, make_user


def _setup(session: Session, scopes: list[str] | None = None) -> tuple[dict[str, str], int]:
    team = make_team(session)
    worker = make_user(session, team=team)
    token = make_token(session, scopes=scopes or ["read", "write"], team=team)
    session.commit()
    return {"Authorization": f"Bearer {token}"}, team.id, worker.id  # type: ignore[return-value]


def test_create_get_then_stale_patch_is_refused_and_changes_nothing(client, session):
    auth, team_id, worker_id = _setup(session)
    created = client.post(
        "/api/v1/cases",
        json={"family_name": "Okafor", "team_id": team_id, "worker_id": worker_id},
        headers=auth,
    )
    assert created.status_code == 201, created.text
    case_id = created.json()["id"]
    assert created.headers["Location"] == f"/api/v1/cases/{case_id}"

    first = client.get(f"/api/v1/cases/{case_id}", headers=auth)
    etag = first.headers["ETag"]
    assert first.json()["family_name"] == "Okafor"

    ok = client.patch(
        f"/api/v1/cases/{case_id}",
        json={"family_name": "Okafor-Smith"},
        headers={**auth, "If-Match": etag},
    )
    assert ok.status_code == 200
    assert ok.headers["ETag"] != etag

    stale = client.patch(
        f"/api/v1/cases/{case_id}",
        json={"family_name": "Smith"},
        headers={**auth, "If-Match": etag},
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert "Someone else changed" in stale.json()["detail"]

    now = client.get(f"/api/v1/cases/{case_id}", headers=auth).json()
    assert now["family_name"] == "Okafor-Smith"


def test_patch_without_if_match_is_428(client, session):
    auth, team_id, _ = _setup(session)
    case_id = client.post(
        "/api/v1/cases", json={"family_name": "Lee", "team_id": team_id}, headers=auth
    ).json()["id"]
    r = client.patch(f"/api/v1/cases/{case_id}", json={"family_name": "Li"}, headers=auth)
    assert r.status_code == 428
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json()["family_name"] == "Lee"


def test_validation_errors_are_problem_details_with_field_paths(client, session):
    auth, team_id, _ = _setup(session)
    r = client.post("/api/v1/cases", json={"family_name": "  ", "team_id": "x"}, headers=auth)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and body["title"]
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert fields["family_name"] == "Enter the family name"
    assert fields["team_id"] == "Team must be a whole number"
    assert all(e["loc"][0] == "body" for e in body["errors"])


def test_unknown_field_is_refused_not_ignored(client, session):
    auth, team_id, _ = _setup(session)
    r = client.post(
        "/api/v1/cases",
        json={"family_name": "Lee", "team_id": team_id, "famliy_name": "typo"},
        headers=auth,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "famliy_name"


def test_close_and_reopen_with_rules_as_409(client, session):
    auth, team_id, _ = _setup(session)
    created = client.post(
        "/api/v1/cases",
        json={"family_name": "Lee", "team_id": team_id, "opened_on": "2026-01-05"},
        headers=auth,
    )
    case_id, etag = created.json()["id"], created.headers["ETag"]
    closed = client.post(
        f"/api/v1/cases/{case_id}/close",
        json={"closure_reason": "Safety plan sustained for six months"},
        headers={**auth, "If-Match": etag},
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed" and closed.json()["closed_on"]
    again = client.post(
        f"/api/v1/cases/{case_id}/close",
        json={"closure_reason": "x"},
        headers={**auth, "If-Match": closed.headers["ETag"]},
    )
    assert again.status_code == 409
    assert again.json()["detail"] == "This case is already closed."
    reopened = client.post(
        f"/api/v1/cases/{case_id}/reopen", headers={**auth, "If-Match": closed.headers["ETag"]}
    )
    assert reopened.json()["status"] == "open" and reopened.json()["closed_on"] is None


def test_closing_before_the_case_opened_is_refused_with_the_field(client, session):
    auth, team_id, _ = _setup(session)
    created = client.post(
        "/api/v1/cases",
        json={"family_name": "Lee", "team_id": team_id, "opened_on": "2026-03-01"},
        headers=auth,
    )
    r = client.post(
        f"/api/v1/cases/{created.json()['id']}/close",
        json={"closure_reason": "done", "closed_on": "2026-02-01"},
        headers={"If-Match": created.headers["ETag"], **auth},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "closed_on"


def test_list_is_paginated_searchable_and_filtered(client, session):
    team = make_team(session)
    for i in range(30):
        make_case(session, team=team, family_name=f"Family{i:02d}")
    other = make_case(session, team=team, family_name="Zephoria")
    token = make_token(session, scopes=["read"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}
    page1 = client.get("/api/v1/cases?page_size=10", headers=auth).json()
    assert page1["total"] == 31 and page1["pages"] == 4 and len(page1["items"]) == 10
    page4 = client.get("/api/v1/cases?page_size=10&page=4", headers=auth).json()
    assert len(page4["items"]) == 1
    ids = {
        c["id"]
        for p in range(1, 5)
        for c in client.get(f"/api/v1/cases?page_size=10&page={p}", headers=auth).json()["items"]
    }
    assert len(ids) == 31
    found = client.get("/api/v1/cases?q=phor", headers=auth).json()
    assert [c["id"] for c in found["items"]] == [other.id]
    assert client.get("/api/v1/cases?status=closed", headers=auth).json()["total"] == 0


def test_a_search_over_several_pages_counts_every_match_on_each_page(client, session):
    team = make_team(session)
    for i in range(12):
        make_case(session, team=team, family_name=f"Harperson{i:02d}")
    make_case(session, team=team, family_name="Brooks")
    token = make_token(session, scopes=["read"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}

    def page(n: int, q: str = "arpers") -> dict:
        return client.get(f"/api/v1/cases?q={q}&page_size=5&page={n}", headers=auth).json()

    seen = [c["family_name"] for n in (1, 2, 3) for c in page(n)["items"]]
    assert sorted(seen) == [f"Harperson{i:02d}" for i in range(12)]
    assert [(page(n)["total"], len(page(n)["items"])) for n in (1, 3, 4)] == [
        (12, 5), (12, 2), (12, 0)]
    assert page(1, "zzzz")["total"] == 0 and page(2, "zzzz")["items"] == []


def test_unknown_case_is_404_problem(client, session):
    auth, _, _ = _setup(session)
    r = client.get("/api/v1/cases/999999", headers=auth)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"


def test_body_over_the_limit_is_413_and_nothing_is_saved(client, session):
    auth, team_id, _ = _setup(session)
    huge = "x" * 300_000
    r = client.post("/api/v1/cases", json={"family_name": huge, "team_id": team_id}, headers=auth)
    assert r.status_code == 413
    assert r.json()["status"] == 413
    assert client.get("/api/v1/cases", headers=auth).json()["total"] == 0


def test_no_stack_trace_reaches_the_client(client, session, monkeypatch):
    auth, _, _ = _setup(session)
    from app.services import case as case_service

    def boom(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(case_service, "search", boom)
    r = client.get("/api/v1/cases", headers=auth)
    assert r.status_code == 500
    assert "secret internals" not in r.text and "Traceback" not in r.text
    assert r.json()["request_id"] in r.json()["detail"]


def test_openapi_documents_the_routes_for_integrators(client):
    spec = client.get("/api/v1/openapi.json").json()
    patch = spec["paths"]["/api/v1/cases/{case_id}"]["patch"]
    assert "If-Match" in patch["description"]
    assert "/api/v1/cases/{case_id}/people" in spec["paths"]


def test_practitioner_session_cannot_open_case_in_another_team(client, session):
    from tests.factories import login

    team, other = make_team(session), make_team(session)
    user = make_user(session, team=team, role=Role.practitioner)
    session.commit()
    csrf = login(client, user)
    r = client.post(
        "/api/v1/cases",
        json={"family_name": "X", "team_id": other.id},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code == 404


def test_search_matches_part_of_any_name_or_the_reference_once_per_case(client, session):
    from tests.factories import make_adult, make_child

    team, elsewhere = make_team(session), make_team(session)
    brook = make_case(session, team=team, family_name="Brookfield")
    # Search also matches references, which are random letters and digits without I or O:
    # the parts of names searched for below hold an I or an O, so no reference can match.
    make_child(session, case=brook, given_name="Iona")
    make_adult(session, case=brook, given_name="Brooke")  # matches "brook" a second way
    other = make_case(session, team=team, family_name="Okafor")
    make_child(session, case=other, given_name="Tobi")
    make_case(session, team=elsewhere, family_name="Brookes")  # another team's: never found
    token = make_token(session, scopes=["read"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}

    def found(q: str) -> tuple[list[int], int]:
        page = client.get("/api/v1/cases", params={"q": q}, headers=auth).json()
        return [c["id"] for c in page["items"]], page["total"]

    assert found("BROOK") == ([brook.id], 1)  # family name and a first name: listed once
    assert found("ion") == ([brook.id], 1)  # part of a child's first name
    assert found("tob") == ([other.id], 1)
    assert found(brook.reference[1:].lower()) == ([brook.id], 1)  # part of the reference
    assert found("nobody-by-this-name") == ([], 0)
    assert found("%") == ([], 0) and found("_") == ([], 0)  # typed characters, not wildcards


def test_search_follows_names_as_they_change(client, session):
    """The name search index (an FTS5 trigram table on SQLite, trigram indexes on PostgreSQL)
    follows the record: a renamed person or case is found by the new name only, a phrase with
    quotes or wildcards is text, and one or two letters still search."""
    from tests.factories import make_child

    team = make_team(session)
    case = make_case(session, team=team, family_name="Whitfield")
    child = make_child(session, case=case, given_name="Ximena")
    token = make_token(session, scopes=["read", "write"], team=team)
    session.commit()
    auth = {"Authorization": f"Bearer {token}"}

    def found(q: str) -> list[int]:
        return [c["id"] for c in client.get("/api/v1/cases", params={"q": q},
                                            headers=auth).json()["items"]]

    assert found("imen") == [case.id] and found("hitf") == [case.id]
    person = f"/api/v1/cases/{case.id}/people/{child.id}"
    tag = client.get(person, headers=auth).headers["ETag"]
    assert client.patch(person, headers={**auth, "If-Match": tag},
                        json={"given_name": "Yolanda"}).status_code == 200
    tag = client.get(f"/api/v1/cases/{case.id}", headers=auth).headers["ETag"]
    assert client.patch(f"/api/v1/cases/{case.id}", headers={**auth, "If-Match": tag},
                        json={"family_name": "Zettlefield"}).status_code == 200
    # The child's family name is still Whitfield; the case's is not.
    assert found("imen") == [] and found("hitf") == [case.id]
    assert found("olan") == [case.id] and found("ttlef") == [case.id]
    assert found('"zett') == [] and found("z%t") == []
    assert found("yo") == [case.id]
