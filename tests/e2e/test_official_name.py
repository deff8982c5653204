"""In the browser: an organizer finds its official name in the menu and changes it; a task
letter shows its number once generated; the ministry sees every organizer's official name."""

import os

import pytest
from playwright.sync_api import expect

from enterprises.models import TaskLetter
from enterprises.services import letters_sync
from portal.choices import Role
from provinces.models import Organizer
from tests.e2e.test_organizer_cycle import sign_in
from tests.factories import AgencyFactory, CampaignFactory, TaskFactory, UserFactory, province

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_organizer_changes_its_official_name_and_a_letter_shows_its_number(page):
    hebei = province("130000")
    UserFactory(username="hebei-e2e", role=Role.ORGANIZER, organizer=hebei)
    campaign = CampaignFactory(year=2021)
    TaskFactory(campaign=campaign, organizer=hebei, agency=AgencyFactory(name="冀中节能服务公司"))
    letters_sync(campaign=campaign, organizer=hebei)

    sign_in(page, "hebei-e2e")
    page.click("nav.mainnav >> text=单位全称")
    expect(page.locator("#official-name")).to_have_text("河北省工业和信息化厅")
    page.fill("input[name=department]", "河北省工业和信息化厅（试）")
    page.click("#organizer-form button[type=submit]")
    expect(page.locator("#official-name")).to_have_text("河北省工业和信息化厅（试）")
    _shot(page, "organizer-official-name")
    assert Organizer.objects.get(pk=hebei.pk).department == "河北省工业和信息化厅（试）"

    letter = TaskLetter.objects.get()
    page.goto(f"/enterprises/letters/{letter.pk}/")
    expect(page.locator("#letter-number")).to_contain_text("尚未出具")
    page.click("form[action$='/docx/'] button[type=submit]")
    expect(page.locator("#letter-job .badge--done")).to_be_visible()  # the job's fragment
    page.goto(f"/enterprises/letters/{letter.pk}/")
    expect(page.locator("#letter-number")).to_contain_text("2021-130000-0001")
    expect(page.locator("#letter-number")).to_contain_text("河北省工业和信息化厅（试）")
    _shot(page, "letter-number")
    assert page.console_errors == []


def test_ministry_sees_every_organizers_official_name(page):
    UserFactory(username="ministry-e2e", role=Role.MINISTRY)
    CampaignFactory(year=2021)
    sign_in(page, "ministry-e2e")
    page.click("nav.mainnav >> text=待审核")
    page.click(".page-header__actions >> text=组织单位")
    expect(page.locator("#organizers")).to_contain_text("河北省工业和信息化厅")
    _shot(page, "organizer-list")
