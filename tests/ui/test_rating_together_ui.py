"""Scoring together in the room: several people, every question, one form. Each score is
saved under the person who gave it (their role on the case decides the kind of rater), or
none is when one is wrong."""

from sqlalchemy import func, select

from app.models.enums import Category, RaterKind
from app.models.rating import Rating
from tests.factories import (
    login,
    make_adult,
    make_case,
    make_child,
    make_item,
    make_mapping,
    make_team,
    make_user,
)


def test_four_people_score_two_worries_and_overall_in_one_pass(client, session):
    team = make_team(session)
    worker = make_user(session, team=team, name="Sam Patel")
    case = make_case(session, team=team, worker=worker, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia")
    jade = make_adult(session, case=case, given_name="Jade", children=[(mia, "mother")])
    lee = make_adult(session, case=case, given_name="Lee", children=[(mia, "father")])
    mapping = make_mapping(session, case=case)
    d1 = make_item(session, mapping=mapping, category=Category.danger_statement,
                   ds_behaviour="Lee may hit Mia")
    d2 = make_item(session, mapping=mapping, category=Category.danger_statement,
                   ds_behaviour="Jade may drink")
    session.commit()
    csrf = login(client, worker)
    url = f"/cases/{case.id}/mappings/{mapping.id}/scores"
    page = client.get(url).text
    assert "Score together" in page and "Sam Patel (me, social worker)" in page
    assert "Jade Harper (parent)" in page and "Mia Harper (child)" in page
    # A child's row has a face over each number (for young children); an adult's has not.
    mia_row = page[page.index(f'id="score-overall-p{mia.id}"'):]
    mia_row = mia_row[:mia_row.index("</div>\n      </div>")]
    jade_row = page[page.index(f'id="score-overall-p{jade.id}"'):]
    jade_row = jade_row[:jade_row.index("</fieldset>")]
    assert mia_row.count('class="app-face"') == 11 and "app-face" not in jade_row

    wanted = {("me", d1.id): 3, ("me", d2.id): 5, ("me", None): 4,
              (f"p{jade.id}", d1.id): 7, (f"p{jade.id}", d2.id): 8, (f"p{jade.id}", None): 8,
              (f"p{lee.id}", d1.id): 9, (f"p{lee.id}", None): 9,
              (f"p{mia.id}", None): 6}
    form = {f"score-{d or 'overall'}-{r}": str(v) for (r, d), v in wanted.items()}

    # One out-of-range value: the page says where, and none of the others is kept.
    bad = client.post(url, data={"csrf_token": csrf, **form, f"score-overall-p{mia.id}": "11"})
    assert bad.status_code == 422
    assert f'id="score-overall-p{mia.id}-error"' in bad.text
    assert session.scalar(select(func.count()).select_from(Rating)) == 0

    ok = client.post(url, data={"csrf_token": csrf, **form,
                                f"reason-p{jade.id}": "Lee has moved out"},
                     follow_redirects=False)
    assert ok.status_code == 303 and "scored=9" in ok.headers["location"]
    session.commit()
    session.expire_all()
    saved = {(r.rater_name, r.danger_id, r.score, r.rater_kind)
             for r in session.scalars(select(Rating))}
    assert saved == {
        ("Sam Patel", d1.id, 3, RaterKind.worker), ("Sam Patel", d2.id, 5, RaterKind.worker),
        ("Sam Patel", None, 4, RaterKind.worker),
        ("Jade Harper", d1.id, 7, RaterKind.parent), ("Jade Harper", d2.id, 8, RaterKind.parent),
        ("Jade Harper", None, 8, RaterKind.parent),
        ("Lee Harper", d1.id, 9, RaterKind.parent), ("Lee Harper", None, 9, RaterKind.parent),
        ("Mia Harper", None, 6, RaterKind.child)}
    reasons = set(session.scalars(select(Rating.reason).where(Rating.rater_name == "Jade Harper")))
    assert reasons == {"Lee has moved out"}
    assert "9 scores saved." in client.get(ok.headers["location"]).text

    nothing = client.post(url, data={"csrf_token": csrf})
    assert nothing.status_code == 422 and "Choose at least one score" in nothing.text
