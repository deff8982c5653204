"""Product benchmarking in the browser (issue 14): the agency enters a product's output and
energy against a loaded benchmark and the row shows its unit consumption, its level against the
limit with the standard cited, and the saving needed; removing it empties the table again."""

import os

import pytest

from tests.conftest import PASSWORD
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def test_agency_enters_a_product_and_sees_its_grade(page, login, agency_user, task, tmp_path):
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    form = page.locator("#product-form")
    option = form.locator("select[name=entry] option", has_text="高炉工序").get_attribute("value")
    form.locator("select[name=entry]").select_option(option)
    form.locator("[name=product]").fill("1#高炉")
    form.locator("[name=output]").fill("2")
    form.locator("[name=output_unit]").fill("万t")
    form.locator("[name=energy]").fill("9000")
    data = page.locator("#report-data").element_handle()
    with page.expect_response(lambda r: "/products/" in r.url and r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    data.wait_for_element_state("hidden")  # htmx replaced the data fragment

    row = page.locator("#products tbody tr").first
    text = row.inner_text()
    assert "1#高炉" in text
    assert "450" in text and "kgce/t" in text  # 9 000 tce / 20 000 t
    assert "发改产业〔2023〕723号-2023" in text
    assert row.locator(".badge--below_limit").count() == 1  # exceeds the limit 435
    assert "300" in text  # tce/yr to reach the limit
    assert page.console_errors == []  # (a screenshot's injected style would add some)
    page.locator("#products").screenshot(path=str(tmp_path / "products.png"))
    if os.environ.get("BENCHMARK_SCREENSHOT"):
        page.screenshot(path=os.environ["BENCHMARK_SCREENSHOT"], full_page=True)

    # Edited in place: 8 000 tce / 20 000 t = 400 kgce/t, within the limit 435.
    with page.expect_response(lambda r: "/edit/" in r.url and r.request.method == "GET"):
        row.locator("[data-row-edit]").click()
    form = page.locator("#products tr.row-edit form")
    form.locator("[name=energy]").fill("8000")
    data = page.locator("#report-data").element_handle()
    with page.expect_response(lambda r: "/edit/" in r.url and r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    data.wait_for_element_state("hidden")
    row = page.locator("#products tbody tr").first
    assert "400" in row.inner_text()
    assert row.locator(".badge--confirmed").count() == 1

    row.locator("form button[type=submit]").click()  # the portal's confirmation dialog
    with page.expect_response(lambda r: "/remove/" in r.url and r.request.method == "POST"):
        page.click("#confirm-dialog button[value=ok]")
    page.locator("#products .table__empty").wait_for()
