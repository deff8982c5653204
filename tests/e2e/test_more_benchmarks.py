"""The tables of migration 0015 in the browser: a product compared with one of the further
limit standards (GB 21257-2024 液碱), a dry-type transformer above 80 kVA graded on GB 20052-2024
表2, and the ministry's list of tables with each new standard and its source."""

import os

import pytest

from reports.models import Equipment
from tests.conftest import PASSWORD
from tests.e2e.test_equipment_types import _add
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def add_product(page, task, *, product: str, output: str, unit: str, energy: str):
    """On the report page of `task`: a product row for the benchmark entry labelled `product`;
    returns the row once htmx has replaced the data part."""
    page.goto(f"/reports/tasks/{task.pk}/")
    form = page.locator("#product-form")
    select = form.locator("select[name=entry]")
    select.select_option(select.locator("option", has_text=product).get_attribute("value"))
    form.locator("[name=output]").fill(output)
    form.locator("[name=output_unit]").fill(unit)
    form.locator("[name=energy]").fill(energy)
    data = page.locator("#report-data").element_handle()
    with page.expect_response(lambda r: "/products/" in r.url and r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    data.wait_for_element_state("hidden")  # htmx replaced the data fragment
    return page.locator("#products tbody tr").first


def test_a_product_against_a_further_limit_standard(page, login, agency_user, task):
    login(agency_user.username, PASSWORD)
    row = add_product(
        page, task, product="液碱（质量分数≥30.0%）", output="1000", unit="t", energy="330"
    )
    text = row.inner_text()
    # 330 tce / 1 000 t = 330 kgce/t: above the advanced 315, within the limit 350.
    assert "330" in text and "kgce/t" in text
    assert "GB 21257-2024 表1" in text
    assert "22" in text  # tce/yr to the leading value 308
    assert page.console_errors == []
    if SHOTS:
        page.locator("#products").screenshot(path=f"{SHOTS}/products_gb21257.png")


def test_a_dry_transformer_above_80_kva(page, login, agency_user, task):
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    if not page.locator("#equipment-form").is_visible():
        page.locator("#equipment details > summary").click()
    _add(
        page,
        {"name": "2#干变", "rating": "1000", "no_load_loss": "1.1", "load_loss": "7.0"},
        {
            "equipment_type": "transformer",
            "transformer_kind": "干式",
            "core_material": "电工钢带",
            "insulation_class": "F(120℃)",
        },
    )
    stored = Equipment.objects.get()
    assert (stored.rating_status, stored.grade) == ("graded", 2)
    row = page.locator("#equipment table tr", has_text="2#干变")
    assert "GB 20052-2024" in row.inner_text()
    if SHOTS:
        page.locator("#equipment").screenshot(path=f"{SHOTS}/dry_transformer.png")


def test_ministry_sees_the_further_tables_with_their_source(page, login, ministry_user):
    login(ministry_user.username, PASSWORD)
    page.goto("/reports/benchmarks/")
    body = page.locator("main").inner_text()
    for code in ("GB 21257", "GB 36889", "GB 21351", "GB 45247"):
        assert code in body
    page.locator("a", has_text="GB 36889").first.click()
    page.wait_for_url("**/reports/benchmarks/*/")
    detail = page.locator("main").inner_text()
    assert "adgo07/ECQuota-Insight" in detail and "粘胶纤维/粘胶长丝" in detail
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/benchmark_table_gb36889.png", full_page=True)
