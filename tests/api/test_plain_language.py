from tests.factories import make_team, make_token


def _auth(session, scopes=("read",)):
    token = make_token(session, scopes=list(scopes), team=make_team(session))
    session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_check_reports_reading_age_long_sentences_and_jargon(client, session):
    auth = _auth(session)
    r = client.post(
        "/api/v1/plain-language/check",
        json={"text": "We will review the placement at the LAC review.", "max_sentence_words": 5},
        headers=auth,
    )
    assert r.status_code == 200
    body = r.json()
    assert [j["found"] for j in body["jargon"]] == ["placement", "LAC"]
    assert body["jargon"][0]["plain"] == "where you live"
    assert body["long_sentences"][0]["words"] == 9
    assert body["target_reading_age"] == 10 and body["reading_age"] is not None


def test_too_long_text_gets_a_problem_with_the_field_path(client, session):
    auth = _auth(session)
    r = client.post(
        "/api/v1/plain-language/check", json={"text": "a " * 50_001}, headers=auth
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"] == ["body", "text"]


def test_needs_a_token_or_a_session(client):
    assert client.post("/api/v1/plain-language/check", json={"text": "x"}).status_code == 401
