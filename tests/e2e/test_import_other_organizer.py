"""The browser import of another organizer's file (issue 15, Imports): the page names the
organizer the file's 填报单位 names and asks; confirming imports the file kept on the server
(no second choice of the file);
a file with bad rows offers the copy with the bad cells marked."""

import openpyxl
import pytest
from playwright.sync_api import expect

from agencies.models import Recommendation
from tests.conftest import PASSWORD
from tests.fixtures.sheets import agency_row, agency_xlsx

pytestmark = pytest.mark.django_db(transaction=True)
JIANGSU = "江苏省工业和信息化厅"
SHOTS = None  # a directory to keep the screenshots in while developing


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
        page.click("form:has(input[name=password]) button[type=submit]")


def test_another_organizers_file_is_confirmed_before_it_is_imported(
    campaign, organizer_user, page, tmp_path
):
    """河北 uploads 江苏's 附件2: nothing imported, the question names 江苏省工业和信息化厅;
    with 作为…导入 clicked (the file is kept, not chosen again), the agency is on 河北's list."""
    path = tmp_path / "附件2-江苏.xlsx"
    path.write_bytes(agency_xlsx([agency_row(1)], organizer=JIANGSU))
    _sign_in(page, organizer_user.username)
    page.goto("/agencies/recommendations/?year=2021")
    page.set_input_files("#import input[name=file]", str(path))
    page.click("#import button[name=import]")
    question = page.locator("#other-organizer")
    expect(question).to_be_visible()
    expect(question).to_contain_text(JIANGSU)
    expect(question).to_contain_text("河北省工业和信息化厅")
    assert not Recommendation.objects.exists()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/other-organizer.png", full_page=True)

    expect(page.locator("#other-organizer-kept")).to_contain_text("附件2-江苏.xlsx")
    expect(page.locator("#other-organizer-file")).to_be_hidden()  # under 改选其他文件
    with page.expect_navigation():
        page.click("#other-organizer-form button[name=import]")
    expect(page.locator("#import-counts")).to_be_visible()
    expect(page.locator("#other-organizer")).to_have_count(0)
    assert Recommendation.objects.get().organizer == organizer_user.organizer
    # The question is answered with 409, which Chromium logs as a failed load; nothing else.
    assert [e for e in page.console_errors if "status of 409" not in e] == []


def test_bad_rows_offer_the_marked_copy(campaign, organizer_user, page, tmp_path):
    """A 附件2 with a bad e-mail: the error list and a download of the marked workbook."""
    path = tmp_path / "附件2.xlsx"
    path.write_bytes(agency_xlsx([agency_row(1), agency_row(2, 邮箱="不是邮箱")]))
    _sign_in(page, organizer_user.username)
    page.goto("/agencies/recommendations/?year=2021")
    page.set_input_files("#import input[name=file]", str(path))
    page.click("#import button[name=check]")
    expect(page.locator("#import-errors tbody tr")).to_have_count(1)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/marked-link.png", full_page=True)
    with page.expect_download() as info:
        page.click("#import-marked")
    assert info.value.suggested_filename == "附件2（问题标注）.xlsx"
    with open(info.value.path(), "rb") as fh:
        book = openpyxl.load_workbook(fh)
    cell = next(c for row in book.active.iter_rows() for c in row if c.value == "不是邮箱")
    assert cell.comment is not None and cell.fill.fgColor.rgb.endswith("FFC7CE")
