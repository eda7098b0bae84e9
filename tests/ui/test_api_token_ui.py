"""An administrator issues an API token in the browser (the secret shown once), another
system uses it within its scopes and team, and a revoked token stops working at once."""

import re

from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.auth import ApiToken
from app.models.enums import Role
from tests.factories import login, make_case, make_team, make_user


def test_a_token_is_shown_once_works_for_its_team_and_stops_when_revoked(client, session):
    north, south = make_team(session, name="North"), make_team(session, name="South")
    worker = make_user(session, team=north)
    ours = make_case(session, team=north, worker=worker, family_name="Northfamily")
    theirs = make_case(session, team=south, family_name="Southfamily")
    admin = make_user(session, role=Role.administrator)
    session.commit()
    csrf = login(client, admin)

    bad = client.post("/admin/tokens", data={"csrf_token": csrf, "name": "", "scopes": "",
                                             "team_id": "", "expires_in_days": "90"})
    assert bad.status_code == 422
    assert 'id="name-error"' in bad.text and 'id="scopes-error"' in bad.text
    assert session.scalar(select(ApiToken.id)) is None

    issued = client.post("/admin/tokens", data={
        "csrf_token": csrf, "name": "Education data hub", "scopes": "read",
        "team_id": str(north.id), "expires_in_days": "30"})
    assert issued.status_code == 201 and issued.headers["cache-control"] == "no-store"
    secret = re.search(r'id="secret">([^<]+)<', issued.text).group(1)
    assert "will not be shown again" in issued.text
    home = client.get("/admin").text
    assert "Education data hub" in home and secret not in home and secret[:10] in home

    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"/api/v1/cases/{ours.id}", headers=bearer).status_code == 200
    assert client.get(f"/api/v1/cases/{theirs.id}", headers=bearer).status_code == 404
    refused = client.patch(f"/api/v1/cases/{ours.id}", headers={**bearer, "If-Match": "*"},
                           json={"family_name": "Changed"})
    assert refused.status_code == 403  # read only

    session.commit()
    token = session.scalars(select(ApiToken)).one()
    assert token.team_id == north.id and token.scopes == ["read"]
    assert token.created_by_id == admin.id and token.expires_at is not None
    revoked = client.post(f"/admin/tokens/{token.id}/revoke", data={"csrf_token": csrf},
                          follow_redirects=False)
    assert revoked.status_code == 303
    gone = client.get(f"/api/v1/cases/{ours.id}", headers=bearer)
    assert gone.status_code == 401 and "revoked" in gone.json()["detail"]
    session.commit()
    actions = session.scalars(select(AuditEvent.action).where(
        AuditEvent.entity_type == "api_token", AuditEvent.entity_id == token.id)
        .order_by(AuditEvent.id)).all()
    assert actions == ["create", "revoke"]
