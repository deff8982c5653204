"""The organizer's 附件1 and 附件3 pages as users hit them (issue 15, "Forms and pages"): the plan's
date survives a save, a small plan saves as a draft and asks for its reason at submit; adding
and filtering on the intent list confirm and count; the 附件3 submit names the letter and the
enterprises still waiting, and signing it opens the way."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from enterprises.choices import DiagnosisType, LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from enterprises.services import letters_sync
from provinces.models import PlanContent, Submission
from tests.e2e.test_organizer_cycle import confirm, sign_in
from tests.enterprises.workflow_helpers import PDF, recommend
from tests.factories import SubmissionFactory, TaskFactory, credit_code

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("E2E_SCREENSHOTS", "")  # a folder to keep the pages' screenshots in


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_plan_keeps_its_date_saves_a_small_draft_and_asks_the_reason_at_submit(
    campaign, organizer_user, page
):
    sign_in(page, organizer_user.username)
    page.goto("/provinces/plan/")
    for name, value in {
        "key_industry": "60",
        "sme": "20",
        "agencies_planned": "3",
        "completion_date": "2021-11-15",
        "contact_name": "王科长",
        "contact_phone": "0311-1234567",
    }.items():
        page.fill(f"#plan-form [name={name}]", value)
    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    # Saved as a draft below 200, with a warning; the date is still in the field.
    assert PlanContent.objects.get().total == 80
    assert page.is_visible(".alert--warning")
    assert page.input_value("#plan-form [name=completion_date]") == "2021-11-15"
    shot(page, "plan-draft-below-minimum")
    # A refused save (contact cleared) leaves the sidebar at what is stored.
    page.fill("#plan-form [name=key_industry]", "500")
    page.fill("#plan-form [name=contact_name]", "")
    page.click("#plan-form button[type=submit]")
    # The browser refuses it itself (a required field is empty): nothing is sent.
    expect(page.locator("#plan-form [name=contact_name]:invalid")).to_have_count(1)
    assert "80" in page.inner_text("#plan-comparison tr.strong")
    assert "560" not in page.inner_text("#plan-comparison")
    # Saving again as the page shows it keeps the date (no "required" on 计划完成时间).
    page.goto("/provinces/plan/")
    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    assert not page.is_visible("#plan-form .field--error")
    assert str(PlanContent.objects.get().completion_date) == "2021-11-15"
    # Submitting asks for the reason.
    plan = Submission.objects.get(form=1)
    page.goto(f"/provinces/forms/{plan.pk}/")
    page.click("#move-submit button[type=submit]")
    confirm(page)
    assert page.is_visible(".alert--error")
    assert Submission.objects.get(pk=plan.pk).state == "draft"


def test_intent_list_confirms_an_added_row_and_counts_what_it_shows(
    campaign, hebei, agency, organizer_user, page
):
    recommend(campaign, hebei, agency)
    for n in range(1, 81):
        TaskFactory(
            campaign=campaign,
            organizer=hebei,
            agency=agency,
            seq=n,
            diagnosis_type=DiagnosisType.KEY_EQUIPMENT if n in {5, 6} else "key_industry",
        )
    sign_in(page, organizer_user.username)
    page.goto("/enterprises/tasks/")
    assert "80" in page.inner_text("#task-count")
    new = "#task-new-row"
    page.fill(f"{new} [name=enterprise_name]", "石家庄新增化工有限公司")
    page.fill(f"{new} [name=credit_code]", credit_code("130100"))
    page.fill(f"{new} [name=city]", "石家庄市")
    page.select_option(f"{new} [name=industry]", "C26")
    page.fill(f"{new} [name=energy_tce]", "6000")
    page.select_option(f"{new} [name=diagnosis_type]", "key_industry")
    page.fill(f"{new} [name=agency]", agency.name)
    page.select_option(f"{new} [name=sme]", "no")
    page.click(f"{new} button[type=submit]")
    page.wait_for_selector("#task-added")
    added = DiagnosisTask.objects.get(enterprise_name="石家庄新增化工有限公司")
    assert "石家庄新增化工有限公司" in page.inner_text("#task-added")
    assert str(added.seq) in page.inner_text("#task-added")
    assert page.is_visible(f"#task-{added.pk}")
    assert "81" in page.inner_text("#task-count")
    shot(page, "intent-added")
    page.select_option("select[name=diagnosis_type]", DiagnosisType.KEY_EQUIPMENT)
    rows = page.locator("#task-rows tr[id^='task-']:not(#task-new-row)")
    expect(rows).to_have_count(2)
    count = page.inner_text("#task-count")
    assert "2" in count and "81" in count
    shot(page, "intent-filtered")


def test_intent_submit_names_the_letter_and_its_enterprises_until_it_is_signed(
    campaign, hebei, agency, organizer_user, page, tmp_path
):
    recommend(campaign, hebei, agency)
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, seq=1, enterprise_name="甲钢铁")
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, seq=2, enterprise_name="乙水泥")
    letters_sync(campaign=campaign, organizer=hebei)
    letter = TaskLetter.objects.get()
    # As the demo left it: the letter reads 已签署, one task still 已匹配机构.
    TaskLetter.objects.filter(pk=letter.pk).update(state=LetterState.SIGNED)
    DiagnosisTask.objects.filter(seq=1).update(state=TaskState.LETTER_SIGNED)
    intent = SubmissionFactory(campaign=campaign, organizer=hebei, form=3)
    sign_in(page, organizer_user.username)
    page.goto(f"/provinces/forms/{intent.pk}/")
    page.click("#move-submit button[type=submit]")
    confirm(page)
    refusal = page.inner_text(".alert--error")
    assert "乙水泥" in refusal and agency.name in refusal and "—" not in refusal
    shot(page, "intent-submit-refused")
    # Uploading the signed scan again moves the enterprise; 附件3 then goes.
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(PDF)
    page.goto(f"/enterprises/letters/{letter.pk}/")
    page.set_input_files("#sign-form input[name=scan]", str(scan))
    with page.expect_navigation():
        page.click("#sign-form button[type=submit]")
    assert set(DiagnosisTask.objects.values_list("state", flat=True)) == {TaskState.LETTER_SIGNED}
    page.goto(f"/provinces/forms/{intent.pk}/")
    page.click("#move-submit button[type=submit]")
    confirm(page)
    assert Submission.objects.get(pk=intent.pk).state == "submitted"


def test_a_returned_attachment_2_row_is_corrected_and_the_ministry_sees_the_record(
    campaign, hebei, agency, organizer_user, ministry_user, page, browser, live_server
):
    row = recommend(campaign, hebei, agency)
    SubmissionFactory(campaign=campaign, organizer=hebei, form=2, returned=True)
    sign_in(page, organizer_user.username)
    page.goto("/agencies/recommendations/")
    page.click(f"#recommendation-{row.pk} a[href$='/edit/']")
    for name, value in {
        "nature": "节能服务公司",
        "location": "石家庄市",
        "technical_staff": "28",
        "track_record": "2019—2020年完成钢铁、水泥企业能源审计15家",
        "contact_name": "刘工",
        "phone": "0311-7654321",
        "email": "liu@example.cn",
    }.items():
        page.fill(f"#recommendation-form [name={name}]", value)
    shot(page, "attachment2-row-edit")
    with page.expect_navigation():
        page.click("#recommendation-form button[type=submit]")
    assert "28" in page.inner_text(f"#recommendation-{row.pk}")
    submission = Submission.objects.get(organizer=hebei, form=2)
    ministry = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    sign_in(ministry, ministry_user.username)
    ministry.goto(f"/provinces/forms/{submission.pk}/")
    assert "完成钢铁、水泥企业能源审计15家" in ministry.inner_text("#recommendation-panel")
    shot(ministry, "attachment2-review")
