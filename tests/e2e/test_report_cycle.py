"""The July–November cycle in the browser (issue 4): an agency submits a report with energy
data, a motor below the GB 18613 limit and two recommendations; the enterprise rates it; the
organizer returns it, the agency fixes it and resubmits, the organizer accepts it; the totals on
the organizer's campaign overview match the report's.
"""

from decimal import Decimal

import pytest

from enterprises.models import DiagnosisTask
from reports.models import DiagnosisReport
from tests.conftest import PASSWORD
from tests.reports.reporting import PDF_BYTES, published_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def console_errors():
    return []


@pytest.fixture
def open_as(browser, live_server, console_errors):
    """open_as(user) → a signed-in page in its own browser context (console errors kept)."""
    contexts = []

    def sign_in(user):
        context = browser.new_context(
            locale="zh-CN", base_url=live_server.url, viewport={"width": 1366, "height": 900}
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else 0)
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():  # the sign-in form posts: a new page, not a swap
            page.click("form:has(input[name=password]) button[type=submit]")
        return page

    yield sign_in
    for context in contexts:
        context.close()


def confirm(page) -> None:
    """Accept the confirmation dialog; the form it held back then posts and redirects."""
    with page.expect_navigation():
        page.click("#confirm-dialog button[value=ok]")


def add_row(page, section: str, fields: dict[str, str], selects: dict[str, str] = ()) -> None:
    """Fill the add form of a data section (opening it if folded) and wait for the swap."""
    details = page.locator(f"#{section} details")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = page.locator(f"#{section}-form")
    for name, value in dict(selects).items():
        form.locator(f"[name={name}]").select_option(value)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    swapped_out = page.locator("#report-data").element_handle()
    with page.expect_response(lambda r: "/rows/" in r.url and r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    swapped_out.wait_for_element_state("hidden")  # htmx replaced the data fragment


def total(page, name: str) -> str:
    return page.locator(f"[data-total={name}]").inner_text().split()[0].replace(",", "")


def write_report(page, task, tmp_path) -> None:
    page.goto("/reports/")
    page.click(f"a[href='/reports/tasks/{task.pk}/'] >> nth=0")
    pdf = tmp_path / "诊断报告.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.set_input_files("#file input[name=file]", str(pdf))
    with page.expect_navigation():
        page.click("#file form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.click("#file form:not([enctype]) button[type=submit]")  # the diagnosis year (2020)
    add_row(page, "energy", {"quantity": "1000"}, {"carrier_code": "raw_coal", "unit": "t"})
    assert total(page, "energy_tce") == "714.30"
    add_row(page, "energy", {"quantity": "100"}, {"carrier_code": "electricity", "unit": "万kWh"})
    assert total(page, "energy_tce") == "837.20"  # 714.3 + 1 000 000 kWh × 0.1229 / 1000
    add_row(
        page,
        "equipment",
        {
            "name": "1#空压机电机",
            "rating": "132",
            "count": "2",
            "annual_hours": "6000",
            "efficiency_pct": "93",
        },
        {"equipment_type": "motor", "poles": "4"},
    )
    assert page.locator("#equipment .badge--below_limit").count() == 1
    for title, tce in (("电机更换为2级能效", "5.54"), ("空压机管网泄漏治理", "20")):
        add_row(
            page,
            "measure",
            {"title": title, "investment_wan": "10", "savings_tce": tce, "savings_wan": "4"},
            {"category": "technical"},
        )
    assert total(page, "savings_tce") == "25.54"


def submit(page) -> None:
    page.click("#status button[type=submit]")
    confirm(page)


def test_report_cycle(
    open_as,
    agency_user,
    enterprise_user,
    organizer_user,
    enterprise,
    campaign,
    tmp_path,
    console_errors,
):
    task = published_task(
        agency_user.agency, enterprise=enterprise, campaign=campaign, energy_tce=Decimal("850")
    )
    agency = open_as(agency_user)
    write_report(agency, task, tmp_path)
    # The data checks: two motors of 132 kW for 6,000 h use more than the 1,000,000 kWh entered.
    agency.fill(
        "#checks textarea[name='reason-equipment_balance:report']", "空压机由园区单独供电计量"
    )
    with agency.expect_navigation():
        agency.get_by_role("button", name="保存说明", exact=True).click()
    submit(agency)
    assert DiagnosisTask.objects.get(pk=task.pk).state == "reported"

    company = open_as(enterprise_user)
    company.goto(f"/reports/tasks/{task.pk}/")
    company.check("#feedback-form input[name=rating][value='5']")
    company.fill("#feedback-form textarea[name=comments]", "诊断细致，建议可行")
    with company.expect_navigation():
        company.click("#feedback-form button[type=submit]")
    assert company.locator("[data-feedback-rating]").inner_text() == "5"

    organizer = open_as(organizer_user)
    organizer.goto(f"/reports/tasks/{task.pk}/")
    organizer.fill("#decision-form textarea[name=comment]", "请补充天然气消费数据")
    organizer.click("#decision-form button[value=return]")
    confirm(organizer)
    assert DiagnosisTask.objects.get(pk=task.pk).state == "returned"

    agency.goto(f"/reports/tasks/{task.pk}/")
    assert "请补充天然气消费数据" in agency.locator(".alert--warning").inner_text()
    add_row(
        agency,
        "energy",
        {"quantity": "10"},
        {"carrier_code": "natural_gas_gasfield", "unit": "万m3"},
    )
    assert total(agency, "energy_tce") == "958.63"  # + 100 000 m³ × 1.2143 / 1000
    submit(agency)

    organizer.goto(f"/reports/tasks/{task.pk}/")
    for name in ("quantity_ok", "quality_ok", "data_ok", "feedback_ok"):
        organizer.check(f"#decision-form input[name={name}]")
    with organizer.expect_navigation():
        organizer.click("#decision-form button[value=accept]")
    assert DiagnosisTask.objects.get(pk=task.pk).state == "accepted"

    report = DiagnosisReport.objects.get(task=task)
    assert report.savings_tce == Decimal("25.54")
    organizer.goto("/reports/overview/?year=2021")
    shown = {
        name: organizer.locator(f"[data-overview={name}]").inner_text().split()[0]
        for name in ("reports", "savings_tce", "investment_wan", "co2_t", "feedback")
    }
    assert shown == {
        "reports": "1",
        "savings_tce": "25.54",
        "investment_wan": "20.00",
        "co2_t": f"{report.co2_t:.2f}",
        "feedback": "1",
    }
    assert organizer.locator("[data-state=accepted]").inner_text() == "1"
    assert console_errors == []  # no CSP violation, no script error on any page
