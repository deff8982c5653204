"""The tables of migration 0016 in the browser: a product compared per cubic metre with
GB 38263-2019 (水泥制品), a 630 kW air compressor graded on GB 19153-2019 表1, and the ministry's
list of tables with GB 29141 in both editions and the candidate status of a file shown."""

import os

import pytest

from reports.models import Equipment
from tests.conftest import PASSWORD
from tests.e2e.test_equipment_types import _add
from tests.e2e.test_more_benchmarks import add_product
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def test_a_product_per_cubic_metre(page, login, agency_user, task):
    login(agency_user.username, PASSWORD)
    row = add_product(page, task, product="加气混凝土", output="200000", unit="m³", energy="8000")
    text = row.inner_text()
    # 8 000 tce / 200 000 m³ = 40 kgce/m³, over the limit 37.3: (40 − 37.3) × 200 000 = 540 tce.
    assert "40" in text and "kgce/m³" in text
    assert "GB 38263-2019 表1" in text
    assert "540" in text
    assert row.locator(".badge--below_limit").count() == 1
    assert page.console_errors == []
    if SHOTS:
        page.locator("#products").screenshot(path=f"{SHOTS}/products_gb38263.png")


def test_a_630_kw_compressor(page, login, agency_user, task):
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    if not page.locator("#equipment-form").is_visible():
        page.locator("#equipment details > summary").click()
    # 630 kW, 0.8 MPa, air-cooled: 5.8 / 6.3 / 7.0 kW/(m³/min); 6.5 is grade 3.
    _add(
        page,
        {
            "name": "3#空压机",
            "rating": "630",
            "specific_power": "6.5",
            "discharge_pressure_mpa": "0.8",
        },
        {"equipment_type": "air_compressor", "cooling": "风冷"},
    )
    stored = Equipment.objects.get()
    assert (stored.rating_status, stored.grade) == ("graded", 3)
    row = page.locator("#equipment table tr", has_text="3#空压机")
    assert "GB 19153-2019" in row.inner_text()
    if SHOTS:
        page.locator("#equipment").screenshot(path=f"{SHOTS}/compressor_630kw.png")


def test_ministry_sees_both_editions_and_the_candidate_status(page, login, ministry_user):
    login(ministry_user.username, PASSWORD)
    page.goto("/reports/benchmarks/")
    body = page.locator("main").inner_text()
    for code in ("GB 21346", "GB 21370", "GB 38263", "GB 21341"):
        assert code in body
    editions = page.locator("main tr", has_text="GB 29141")
    assert editions.count() == 2
    assert "2012" in editions.nth(0).inner_text() + editions.nth(1).inner_text()
    assert "2024" in editions.nth(0).inner_text() + editions.nth(1).inner_text()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/benchmark_tables_0016.png", full_page=True)
    page.locator("a", has_text="GB 38263").first.click()
    page.wait_for_url("**/reports/benchmarks/*/")
    detail = page.locator("main").inner_text()
    assert "data/definitions/gb-38263-2019.json" in detail and "加气混凝土" in detail
    assert "not_for_formal_evaluation" in detail
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/benchmark_table_gb38263.png", full_page=True)
