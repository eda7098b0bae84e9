import re

from sqlalchemy import select

from app.models.audit import AuditEvent
from app.models.enums import Category, Role
from app.models.jargon import JargonTerm
from tests.factories import login, make_case, make_item, make_mapping, make_team, make_user


def test_administrator_adds_and_changes_a_term_and_a_stale_save_changes_nothing(client, session):
    admin = make_user(session, role=Role.administrator, name="Robin Ellis")
    session.commit()
    csrf = login(client, admin)
    listing = client.get("/admin/jargon")
    assert listing.status_code == 200 and "where you live" in listing.text  # built-in list

    r = client.post(
        "/admin/jargon",
        data={"csrf_token": csrf, "term": "pathway plan", "plain": "plan for leaving care",
              "active": "yes"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    session.commit()
    row = session.scalars(select(JargonTerm).where(JargonTerm.term == "pathway plan")).one()
    # The first change made the built-in list the council's own, so nothing was lost.
    assert session.scalar(select(JargonTerm).where(JargonTerm.term == "placement")) is not None

    dup = client.post(
        "/admin/jargon",
        data={"csrf_token": csrf, "term": "Pathway Plan", "plain": "x", "active": "yes"},
    )
    assert dup.status_code == 422 and "already on the list" in dup.text

    form = client.get(f"/admin/jargon/{row.id}/edit").text
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    ok = client.post(
        f"/admin/jargon/{row.id}",
        data={"csrf_token": csrf, "term": "pathway plan", "plain": "your plan for leaving care",
              "active": "yes", "version": version},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    stale = client.post(
        f"/admin/jargon/{row.id}",
        data={"csrf_token": csrf, "term": "pathway plan", "plain": "overwritten?",
              "active": "yes", "version": version},
    )
    assert stale.status_code == 409
    assert "Someone else changed this term" in stale.text and 'value="overwritten?"' in stale.text
    session.commit()
    session.expire_all()
    assert session.get(JargonTerm, row.id).plain == "your plan for leaving care"
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == "jargon_term",
                                 AuditEvent.entity_id == row.id).order_by(AuditEvent.id)
    ).all()
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].changes["plain"] == {
        "before": "plan for leaving care", "after": "your plan for leaving care"
    }
    assert events[1].actor_name == "Robin Ellis"


def test_practitioner_cannot_edit_the_list(client, session):
    worker = make_user(session, role=Role.practitioner, team=make_team(session))
    session.commit()
    login(client, worker)
    assert client.get("/admin/jargon").status_code == 404


def test_editor_fragment_warns_as_the_worker_types_and_uses_new_terms(client, session):
    team = make_team(session)
    worker = make_user(session, team=team)
    admin = make_user(session, role=Role.administrator)
    case = make_case(session, team=team, worker=worker)
    mapping = make_mapping(session, case=case)
    item = make_item(session, mapping=mapping, category=Category.danger_statement,
                     ds_behaviour="Dad hit Mia")
    session.commit()
    csrf = login(client, worker)
    edit = client.get(f"/cases/{case.id}/mappings/{mapping.id}/items/{item.id}/edit").text
    assert 'hx-post="/plain-language/check"' in edit
    r = client.post(
        "/plain-language/check",
        data={"csrf_token": csrf, "ds_behaviour": "There is neglect and domestic violence",
              "ds_impact": "Mia could be hurt."},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200 and "<html" not in r.text
    assert "What the adults did or may do" in r.text
    assert "Neglect&#39; is a label: say what the adults did or did not do" in r.text
    assert "You can still save" in r.text
    assert "What could happen to the children" not in r.text  # that field reads fine

    client.cookies.clear()
    admin_csrf = login(client, admin)
    client.post("/admin/jargon", data={"csrf_token": admin_csrf, "term": "wishes and feelings",
                                       "plain": "what Mia wants and how she feels",
                                       "active": "yes"})
    client.cookies.clear()
    csrf = login(client, worker)
    r = client.post("/plain-language/check",
                    data={"csrf_token": csrf, "text": "We asked about her wishes and feelings."})
    assert "what Mia wants and how she feels" in r.text
