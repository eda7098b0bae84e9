"""Issue #15 in a real browser: a worker records a child's referral (a clear message first,
for a missing source) and the assessment the record proposes from the assessment mapping;
the service manager makes the Children in Need census return (in the background, with a
progress bar), sees the error it finds, follows its link to the child, fixes it, makes the
return again and downloads a clean file. Every page scanned with axe."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from app.models.enums import Role
from app.schemas.person import PersonUpdate
from app.services import census_codes
from app.services import person as person_service
from app.services.audit import SYSTEM
from tests.browser.conftest import scan, sign_in
from tests.factories import PASSWORD, make_case, make_child, make_mapping, make_team, make_user


def _date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_worker_records_and_manager_makes_a_clean_return(page: Page, session) -> None:  # type: ignore[no-untyped-def]
    team = make_team(session, name="North")
    make_user(session, role=Role.practitioner, team=team, name="Sam Patel",
              email="sam.patel@example.org")
    make_user(session, role=Role.service_manager, name="Nia Okoye",
              email="nia.okoye@example.org")
    from sqlalchemy import select

    from app.models.user import User
    sam = session.scalar(select(User).where(User.email == "sam.patel@example.org"))
    case = make_case(session, team=team, worker=sam, family_name="Harper")
    mia = make_child(session, case=case, given_name="Mia", date_of_birth=date(2018, 5, 1))
    # Everything the census needs about Mia except her sex.
    person_service.update(session, case=case, person=mia, data=PersonUpdate(
        ethnicity="WBRI", disabilities="NONE",
        upn=census_codes.with_check_letter("201" + "000000042")),
        expected_version=None, actor=SYSTEM)
    referred = date.today() - timedelta(days=20)
    make_mapping(session, case=case, held_on=referred + timedelta(days=1))
    session.commit()
    year = census_codes.collection_year(date.today())

    sign_in(page, "sam.patel@example.org", PASSWORD)
    scan(page)
    page.goto(f"/cases/{case.id}")
    scan(page)
    page.get_by_role("link", name="Mia's statutory record").click()
    expect(page.get_by_role("heading", name="Mia's statutory record")).to_be_visible()
    expect(page.get_by_text("The assessment mapping of")).to_be_visible()
    scan(page)
    page.get_by_role("link", name="Referral", exact=True).click()
    scan(page)
    _date(page, "Day of the referral", referred)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Choose where the referral came from")).to_be_visible()
    scan(page)
    page.get_by_label("Where the referral came from").select_option("2A")
    page.get_by_label("The main need").select_option("N1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("It has been recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="Referral from School: abuse or neglect")).to_be_visible()
    scan(page)
    page.get_by_role("button", name=re.compile("Record it.*assessment")).click()
    expect(page.get_by_text("It has been recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="Assessment, not finished")).to_be_visible()
    scan(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    scan(page)

    sign_in(page, "nia.okoye@example.org", PASSWORD)
    scan(page)
    page.get_by_role("link", name="Statutory returns").click()
    expect(page.get_by_role("heading", name="Children in Need census")).to_be_visible()
    scan(page)
    page.get_by_label("Which census").select_option(str(year))
    page.get_by_role("button", name="Make and check the return").click()
    expect(page.get_by_text("1 child in the return: 1 error")).to_be_visible(timeout=30_000)
    scan(page)
    row = page.locator(".app-finding", has_text="Record the child's sex")
    expect(row).to_contain_text("Mia Harper")
    row.get_by_role("link", name=re.compile("Fix it")).click()
    expect(page.get_by_role("heading", name="Census details")).to_be_visible()
    scan(page)
    page.get_by_label("Sex").select_option("F")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    scan(page)
    page.get_by_role("link", name="Back to the census").click()
    page.get_by_label("Which census").select_option(str(year))
    page.get_by_role("button", name="Make and check the return").click()
    expect(page.get_by_text("1 child in the return: 0 errors")).to_be_visible(timeout=30_000)
    scan(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file (XML)").click()
    root = ET.parse(download.value.path()).getroot()
    child = root.find("Children/Child")
    assert child is not None
    assert child.findtext("ChildIdentifiers/LAchildID") == str(mia.id)
    assert child.findtext("ChildIdentifiers/Sex") == "F"
    assert child.findtext("CINdetails/ReferralSource") == "2A"
    assert child.findtext("CINdetails/Assessments/AssessmentActualStartDate") == str(
        referred + timedelta(days=1))
