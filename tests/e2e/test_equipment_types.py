"""An equipment row of each key type in the browser: the form shows the chosen type's own
fields, the row shows its grade and, where it cannot be graded, the reason; a missing field is
named on the form; the grading tables page lists each standard with its source."""

import os

import pytest

from reports.models import Equipment
from tests.conftest import PASSWORD
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _visible(form, name: str) -> bool:
    return form.locator(f"[name={name}]").is_visible()


def _add(page, fields: dict[str, str], selects: dict[str, str]):
    form = page.locator("#equipment-form")
    form.locator("[name=equipment_type]").select_option(selects.pop("equipment_type"))
    for name, value in selects.items():
        form.locator(f"[name={name}]").select_option(value)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    # Both outcomes swap the whole data part: wait until the form is a new element and htmx has
    # settled (a load-state wait is reached once per page and would not wait for the swap).
    form.evaluate("el => { el.dataset.stale = '1'; }")
    with page.expect_response(lambda r: "/rows/equipment/" in r.url):
        form.locator("button[type=submit]").click()
    page.wait_for_function(
        """() => {
            const form = document.querySelector('#equipment-form');
            return form && !form.dataset.stale
                && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling');
        }"""
    )


ROWS = [
    (
        {"name": "1#变压器", "rating": "400", "no_load_loss": "0.35", "load_loss": "3.5"},
        {
            "equipment_type": "transformer",
            "transformer_kind": "油浸式",
            "core_material": "电工钢带",
            "connection_group": "Dyn11/Yzn11",
        },
        ("transformer", "graded", 2),
    ),
    (
        {
            "name": "引风机",
            "rating": "55",
            "annual_hours": "6000",
            "efficiency_pct": "60",
            "psi": "1.0",
            "specific_speed": "25",
            "machine_number": "8",
        },
        {"equipment_type": "fan", "fan_kind": "离心"},
        ("fan", "below_limit", None),
    ),
    (
        {
            "name": "空压机",
            "rating": "45",
            "specific_power": "7.0",
            "discharge_pressure_mpa": "0.8",
        },
        {"equipment_type": "air_compressor", "cooling": "风冷"},
        ("air_compressor", "graded", 2),
    ),
    (
        {"name": "蒸汽锅炉", "rating": "10", "rating_unit": "t/h", "efficiency_pct": "83"},
        {"equipment_type": "boiler", "boiler_kind": "层状燃烧燃煤", "fuel": "烟煤 Ⅱ类"},
        ("boiler", "graded", 2),
    ),
    (
        {"name": "回转窑", "rating": "2500", "efficiency_pct": "48"},
        {"equipment_type": "kiln"},
        ("kiln", "no_table", None),
    ),
]


def test_agency_adds_a_row_of_each_type(page, login, agency_user, task):
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    form = page.locator("#equipment-form")
    if not form.is_visible():
        page.locator("#equipment details > summary").click()
    form.locator("[name=equipment_type]").select_option("transformer")
    assert _visible(form, "no_load_loss") and not _visible(form, "poles")
    assert not _visible(form, "efficiency_pct")
    form.locator("[name=equipment_type]").select_option("fan")
    assert _visible(form, "specific_speed") and not _visible(form, "no_load_loss")
    form.locator("[name=equipment_type]").select_option("motor")
    assert _visible(form, "poles") and not _visible(form, "fan_kind")

    # A fan with an efficiency but no specific speed: the field is named, nothing stored.
    _add(
        page,
        {"name": "风机", "rating": "55", "efficiency_pct": "70", "machine_number": "8"},
        {"equipment_type": "fan", "fan_kind": "离心"},
    )
    error = page.locator("#equipment-form .field:has([name=specific_speed])")
    assert "比转速" in error.inner_text() or "Specific speed" in error.inner_text()
    assert not Equipment.objects.exists()

    for fields, selects, _expected in ROWS:
        if not page.locator("#equipment-form").is_visible():
            page.locator("#equipment details > summary").click()
        _add(page, dict(fields), dict(selects))
    stored = {row.equipment_type: (row.rating_status, row.grade) for row in Equipment.objects.all()}
    assert stored == {kind: (status, grade) for _f, _s, (kind, status, grade) in ROWS}
    table = page.locator("#equipment table")
    assert table.locator("tr.is-flagged").count() == 1  # the fan below its limit
    kiln = table.locator("tr", has_text="回转窑")
    assert kiln.locator("[data-grading-note]").is_visible()
    assert "GB 20052-2024" in table.inner_text()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/equipment_types.png", full_page=True)

    page.goto("/reports/grading-tables/")
    listing = page.locator("[data-testid=grading-tables]")
    for standard in ("GB 20052-2024", "GB 19761-2020", "GB 19153-2019", "GB 24500-2020"):
        assert listing.locator(f"tr[data-standard='{standard}']").count() >= 1
    listing.locator("a", has_text="GB 24500-2020").click()
    assert page.locator("[data-testid=grading-table-rows] tbody tr").count() == 26
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/grading_table.png", full_page=True)
