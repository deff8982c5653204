"""The May–June cycle in the browser (issue 3): an organizer fills the plan, recommends
agencies, imports the sample 附件3 (sees the bad rows, fixes them, imports again), generates
and signs the task letters and submits; the ministry returns the list with a comment, the
organizer fixes it and resubmits, the ministry approves and publishes; the public page shows it.
"""

import openpyxl
import pytest
from playwright.sync_api import expect

from enterprises.models import DiagnosisTask, PublishedList
from portal.choices import DocumentKind
from portal.jobs import registry as jobs
from portal.validators import credit_check_character
from provinces.models import Submission
from tests.conftest import PASSWORD
from tests.enterprises.workflow_helpers import PDF, SAMPLES

pytestmark = pytest.mark.django_db(transaction=True)
SAMPLE = SAMPLES / "shandong-2021"


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
        page.click("form:has(input[name=password]) button[type=submit]")


def confirm(page) -> None:
    """Accept the portal's confirmation dialog (data-confirm); the form it held back then posts
    and the answer is a new page."""
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=ok]")


def fixed_copy(tmp_path):
    """The Shandong sample with its three bad rows corrected, as an official would."""
    book = openpyxl.load_workbook(SAMPLE / "intent.xlsx")
    sheet = book.active
    agency = next(r[8].value for r in sheet.iter_rows(min_row=5) if r[0].value == 1)
    for row in sheet.iter_rows(min_row=5):
        if row[0].value == 5:
            body = str(row[5].value)[:17]
            row[5].value = body + credit_check_character(body)
        elif row[0].value == 10:
            row[7].value = "重点行业"
        elif row[0].value == 15:
            row[8].value = agency
    path = tmp_path / "附件3-改.xlsx"
    book.save(path)
    return path


@pytest.fixture
def letter_renderer(monkeypatch):
    """A stand-in for the documents engineer's letter builder when none is installed."""
    if DocumentKind.TASK_LETTER_PDF not in jobs.REGISTRY:

        def build(job, path, progress):
            path.write_bytes(PDF)
            return "任务书.pdf"

        monkeypatch.setitem(jobs.REGISTRY, DocumentKind.TASK_LETTER_PDF, jobs.Builder(build=build))


def submit_form(page, form: int) -> None:
    page.goto("/provinces/forms/")
    page.click(f"tr[data-form='{form}'] a.btn--primary")
    page.click("#move-submit button[type=submit]")
    confirm(page)


def test_may_june_cycle(
    campaign, other_organizer_user, ministry_user, browser, live_server, tmp_path, letter_renderer
):
    """Plan, agencies, intent list with bad rows fixed, letters, submit, return, approve,
    publish, and the public page."""
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(20000)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, other_organizer_user.username)

    # 附件1: a plan below 200 saves as a draft; the reason is asked for before submitting.
    page.goto("/provinces/plan/")
    for name, value in {
        "key_industry": "80",
        "sme": "30",
        "key_equipment": "5",
        "regional": "3",
        "follow_up": "2",
        "agencies_planned": "3",
        "completion_date": "2021-10-31",
        "contact_name": "张科长",
        "contact_phone": "0531-1234567",
    }.items():
        page.fill(f"#plan-form [name={name}]", value)
    assert page.is_visible("[data-plan-below]")
    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    assert page.is_visible(".alert--warning")
    page.fill("#plan-form [name=below_minimum_reason]", "本省今年首批120家，第二批另行报送。")
    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    assert "120" in page.inner_text("#plan-comparison")

    # 附件2: import the sample's agencies.
    page.goto("/agencies/recommendations/")
    page.set_input_files("#import input[name=file]", str(SAMPLE / "agencies.xlsx"))
    with page.expect_navigation():
        page.click("#import button[name=import]")
    assert page.locator("#recommendations tbody tr").count() == 3

    # 附件3: the sample has three bad rows; nothing is imported until the file is clean.
    page.goto("/enterprises/tasks/")
    page.click("#import summary")
    page.set_input_files("#import-form input[name=file]", str(SAMPLE / "intent.xlsx"))
    with page.expect_navigation():
        page.click("#import-form button[name=import]")
    bad = page.locator("#import-errors tbody tr")
    assert bad.count() == 3
    assert "组织机构代码" in bad.nth(0).inner_text() and "节能诊断类型" in bad.nth(1).inner_text()
    assert not DiagnosisTask.objects.exists()
    if not page.is_visible("#import-form"):
        page.click("#import summary")
    page.set_input_files("#import-form input[name=file]", str(fixed_copy(tmp_path)))
    with page.expect_navigation():
        page.click("#import-form button[name=import]")
    assert "120" in page.inner_text("#import-counts")
    assert DiagnosisTask.objects.count() == 120

    # Task letters: generate one, then upload each signed scan.
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(PDF)
    page.goto("/enterprises/letters/")
    links = [a.get_attribute("href") for a in page.locator("#letter-table a.btn").all()]
    assert len(links) == 3
    for n, href in enumerate(links):
        page.goto(href)
        if n == 0:
            page.click("form[action$='/generate/pdf/'] button")
            page.wait_for_selector("#letter-job a[href*='/download/']")
        page.set_input_files("#sign-form input[name=scan]", str(scan))
        with page.expect_navigation():
            page.click("#sign-form button[type=submit]")
        assert page.locator("aside .badge--signed").count() == 1

    for form in (1, 2, 3):
        submit_form(page, form)
    assert set(
        Submission.objects.filter(organizer=other_organizer_user.organizer)
        .exclude(form=4)
        .values_list("state", flat=True)
    ) == {"submitted"}

    # The ministry returns 附件3 with a comment.
    ministry = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    sign_in(ministry, ministry_user.username)
    intent = Submission.objects.get(organizer=other_organizer_user.organizer, form=3)
    ministry.goto("/provinces/review/")
    ministry.click(f"a[href^='/provinces/forms/{intent.pk}/?']")  # the link keeps the queue
    ministry.fill("#move-return textarea[name=comment]", "第8行区域集中式企业请核实园区名称。")
    with ministry.expect_navigation():
        ministry.click("#move-return button[type=submit]")
    assert "第8行区域集中式企业请核实园区名称。" in ministry.inner_text("#submission-history")

    # The organizer sees the comment, fixes a row inline and submits again.
    page.goto("/provinces/forms/")
    assert "第8行区域集中式企业请核实园区名称。" in page.inner_text("#form-table")
    page.goto("/enterprises/tasks/?q=" + DiagnosisTask.objects.get(seq=8).enterprise.name)
    row = page.locator("#task-rows tr[id^='task-']:not(#task-new-row)").first
    row.locator("button:has(.icon--pencil)").click()
    page.fill("#task-rows [form^='task-form-'][name=remarks]", "淄博经济技术开发区（核实）")
    page.click("#task-rows button[form^='task-form-']")
    page.wait_for_selector("#task-rows tr.is-selected:not(:has(input))")
    assert DiagnosisTask.objects.get(seq=8).remarks == "淄博经济技术开发区（核实）"
    submit_form(page, 3)

    # The ministry approves and publishes.
    ministry.goto(f"/provinces/forms/{intent.pk}/")
    ministry.click("#move-approve button[type=submit]")
    confirm(ministry)
    ministry.goto("/enterprises/published/")
    ministry.click("#publish-button")
    confirm(ministry)
    assert PublishedList.objects.get().entry_count == 120

    # Anyone can read the published list, and search it.
    public = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    public.goto("/enterprises/public/")
    assert "济南华兴恒达化工有限公司" in public.inner_text("#published-results")
    public.fill("input[name=q]", "日照鼎盛华兴")
    public.click("form.filter-bar button[type=submit]")
    # The search answers asynchronously (htmx): wait for the table to settle on one row.
    expect(public.locator("#published-results tbody tr")).to_have_count(1)
    assert not [e for e in errors if "Content Security Policy" in e]
