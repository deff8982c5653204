"""Everyone can use it (issue 15), the pages test_accessibility.py does not walk: the import
outcome pages (errors, the other organizer's file, the counts), the ministry's campaign set-up
editors (layouts, due dates and obligations, the 附件4 outline and the other lists), and the
report's row editors (energy, equipment and measure rows in edit mode). Each passes axe-core's
WCAG 2.1 A/AA rules with no serious or critical violation, and each row editor works from the
keyboard alone: every field is a Tab stop with a visible focus, 保存 and 取消 are reached and
pressed with Enter, and the focus comes back to the row.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from reports.diagnosis.services import editing
from tests.conftest import PASSWORD
from tests.e2e.a11y import install, violations
from tests.e2e.test_accessibility import FOCUSED
from tests.fixtures.sheets import agency_row, agency_xlsx, intent_row, intent_xlsx
from tests.reports.reporting import MOTOR_BELOW_LIMIT, published_task

pytestmark = pytest.mark.django_db(transaction=True)
JIANGSU = "江苏省工业和信息化厅"


@pytest.fixture
def tab(browser, live_server):
    """A signed-in page factory with axe-core loaded into every document."""
    contexts = []

    def open_as(username: str):
        context = browser.new_context(
            locale="zh-CN", base_url=live_server.url, viewport={"width": 1366, "height": 900}
        )
        context.set_default_timeout(15000)
        install(context)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():  # the sign-in form posts: a new page
            page.press("input[name=password]", "Enter")
        return page

    yield open_as
    for context in contexts:
        context.close()


def _upload(page, path, button: str, wait_for: str) -> None:
    page.set_input_files("#import input[name=file]", str(path))
    page.click(f"#import button[name={button}]")
    page.wait_for_selector(wait_for)


def test_import_outcome_pages(tab, campaign, organizer_user, tmp_path):
    """附件2 and 附件3 imports: the error list (with the marked copy), the question about
    another organizer's file, and the counts of a clean import."""
    page = tab(organizer_user.username)
    found: list[str] = []

    page.goto("/agencies/recommendations/?year=2021")
    bad = tmp_path / "附件2-错误.xlsx"
    bad.write_bytes(agency_xlsx([agency_row(1), agency_row(2, 邮箱="不是邮箱")]))
    _upload(page, bad, "check", "#import-errors tbody tr")
    found += violations(page)

    other = tmp_path / "附件2-江苏.xlsx"
    other.write_bytes(agency_xlsx([agency_row(1)], organizer=JIANGSU))
    page.goto("/agencies/recommendations/?year=2021")
    _upload(page, other, "import", "#other-organizer")
    found += violations(page)

    good = tmp_path / "附件2.xlsx"
    named = agency_row(3, 机构名称="山东测试节能技术服务有限公司")  # serves the 附件3 below
    good.write_bytes(agency_xlsx([agency_row(1), agency_row(2), named]))
    page.goto("/agencies/recommendations/?year=2021")
    _upload(page, good, "import", "#import-counts")
    found += violations(page)

    page.goto("/enterprises/tasks/?year=2021")
    page.click("#import summary")  # the import is folded under its heading
    intents = tmp_path / "附件3-错误.xlsx"
    rows = [intent_row(1), intent_row(2, 节能诊断类型="不存在的类型", 组织机构代码="123")]
    intents.write_bytes(intent_xlsx(rows))
    _upload(page, intents, "check", "#import-errors tbody tr")
    found += violations(page)

    page.goto("/enterprises/tasks/?year=2021")
    page.click("#import summary")
    intents.write_bytes(intent_xlsx([intent_row(1), intent_row(2)]))
    _upload(page, intents, "import", "#import-counts")
    found += violations(page)
    assert not found, "\n".join(found)


def test_campaign_setup_editors(tab, campaign, ministry_user):
    """The set-up page and each of its editors, as shown and after a refused save (the errors
    are tied to their fields)."""
    page = tab(ministry_user.username)
    found: list[str] = []
    base = f"/reports/campaigns/{campaign.pk}/"
    for path in (
        base,
        f"{base}settings/",
        f"{base}layouts/",
        f"{base}data/obligations/",
        f"{base}data/diagnosis_types/",
        f"{base}data/summary_outline/",
        f"{base}data/acceptance_criteria/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        found += violations(page)
    # The advanced JSON of the layouts, opened.
    page.goto(f"{base}layouts/")
    page.click("#layouts-advanced summary")
    found += violations(page)
    # Refused saves: a broken title, a due date out of order.
    page.fill("input[name=f3_title]", "{year}年度意向企业名单{批次}")
    page.click("#layouts-form button[value=save]")
    page.wait_for_selector("#id_f3_title_error")
    found += violations(page)
    page.goto(f"{base}data/obligations/")
    page.fill("input[name=summary_due]", "2021-06-01")
    page.click("#obligations-form button[type=submit].btn--primary")
    page.wait_for_selector("#id_summary_due_error")
    found += violations(page)
    assert not found, "\n".join(found)


@pytest.fixture
def report_task(agency_user, enterprise, campaign):
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    data = {"carrier_code": "raw_coal", "quantity": Decimal(1000), "unit": "t"}
    editing.energy_use_add(task_id=task.pk, actor=agency_user, data=data)
    editing.equipment_add(task_id=task.pk, actor=agency_user, data=MOTOR_BELOW_LIMIT)
    measure = {"category": "technical", "title": "电机更换为2级能效", "savings_tce": Decimal(10)}
    editing.measure_add(task_id=task.pk, actor=agency_user, data=measure)
    return task


def _settled(page) -> None:
    """htmx has finished swapping and its fades (0.15–0.2 s) are over: axe measures contrast
    on what is painted, and a row still fading in reads as faint text."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    page.wait_for_timeout(300)


def _walk_row_editor(page, row_id: str) -> list[str]:
    """Open the row's editor from the keyboard, run axe on it, Tab through it to 取消 with a
    focus ring on every stop, press Enter there and see the row and its focus come back."""
    link = page.locator(f"#{row_id} [data-row-edit]")
    link.focus()
    with page.expect_response(lambda r: "/edit/" in r.url and r.request.method == "GET"):
        page.keyboard.press("Enter")
    form = page.locator(f"#{row_id}.row-edit form")
    form.wait_for()
    # htmx places the focus (autofocus) when it settles the swap, a moment after the new HTML
    page.wait_for_function(
        "id => !!document.activeElement && !!document.activeElement.closest('#' + id + ' form')",
        arg=row_id,
        timeout=5000,
    )
    _settled(page)
    found = violations(page, include=f"#{row_id}")
    fields = form.evaluate(
        "f => [...f.elements].filter(e => e.type !== 'hidden' && !e.disabled"
        " && e.tagName !== 'FIELDSET' && e.tagName !== 'BUTTON' && e.checkVisibility())"
        ".map(e => e.name)"
    )
    seen, texts = set(), []
    for _ in range(40):
        now = page.evaluate(FOCUSED)
        assert now is not None and now["ring"] and now["onScreen"], json.dumps(
            now, ensure_ascii=False
        )
        assert page.evaluate(f"() => !!document.activeElement.closest('#{row_id}')"), now
        seen.add(now["name"])
        texts.append(now["text"])
        if now["text"] == "取消":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError(f"Tab does not reach 取消 in {row_id}: {texts}")
    assert "保存" in texts, texts
    assert set(fields) <= seen, f"{row_id}: fields Tab skips: {set(fields) - seen}"
    show_url = page.evaluate("() => document.activeElement.getAttribute('hx-get')")
    with page.expect_response(lambda r: r.url.endswith(show_url)):
        page.keyboard.press("Enter")
    page.locator(f"#{row_id}:not(.row-edit)").wait_for()
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.closest('#' + id)", arg=row_id
    )
    return found


def test_report_row_editors_pass_axe_and_work_from_the_keyboard(tab, agency_user, report_task):
    page = tab(agency_user.username)
    page.goto(f"/reports/tasks/{report_task.pk}/")
    found: list[str] = []
    for table in ("energy", "equipment", "measure"):
        row_id = page.locator(f"#{table} tbody tr").first.get_attribute("id")
        found += _walk_row_editor(page, row_id)
    # A refused value: the row's errors are announced and tied to the field.
    row_id = page.locator("#measure tbody tr").first.get_attribute("id")
    page.locator(f"#{row_id} [data-row-edit]").click()
    form = page.locator(f"#{row_id}.row-edit form")
    form.wait_for()
    form.locator("[name=savings_kwh]").fill("1000000")
    form.locator("[name=savings_tce]").fill("1")
    with page.expect_response(lambda r: "/edit/" in r.url and r.request.method == "POST"):
        form.locator("button[type=submit]").press("Enter")
    page.locator(f"#{row_id}.row-edit .field__errors").wait_for()
    _settled(page)
    found += violations(page, include=f"#{row_id}")
    described = page.evaluate(
        "() => (document.activeElement.getAttribute('aria-describedby') || '').split(' ')"
        ".some(id => id && document.getElementById(id)"
        " && document.getElementById(id).classList.contains('field__errors'))"
    )
    assert described, "the refused field does not point to its error"
    assert not found, "\n".join(found)
