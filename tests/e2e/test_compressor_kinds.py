"""The compressor kind in the browser: the choice is shown only for compressors, a
variable-speed compressor is graded on GB 19153-2019 表2 and a fixed-speed one of the same
size and value on 表1 (4 kW, 0.8 MPa, air-cooled, 10.0 kW/(m³/min): 表2 9.1 / 10.1 / 11.7 →
grade 2, 表1 8.4 / 9.3 / 10.6 → grade 3); a variable-speed size outside the loaded rows
gives the reason."""

import os

import pytest

from reports.diagnosis.equipment_fields import FIXED_SPEED, VARIABLE_SPEED
from reports.models import Equipment
from tests.conftest import PASSWORD
from tests.e2e.test_equipment_types import _add, _visible
from tests.reports.reporting import published_task

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _open_form(page):
    if not page.locator("#equipment-form").is_visible():
        page.locator("#equipment details > summary").click()
    return page.locator("#equipment-form")


def _compressor(name: str, kind: str, rating: str = "4"):
    fields = {
        "name": name,
        "rating": rating,
        "specific_power": "10.0",
        "discharge_pressure_mpa": "0.8",
    }
    selects = {"equipment_type": "air_compressor", "cooling": "风冷", "compressor_kind": kind}
    return fields, selects


def test_the_compressor_kind_picks_the_table(page, login, agency_user, task):
    login(agency_user.username, PASSWORD)
    page.goto(f"/reports/tasks/{task.pk}/")
    form = _open_form(page)
    for other in ("transformer", "fan", "motor", "pump", "boiler", "kiln"):
        form.locator("[name=equipment_type]").select_option(other)
        assert not _visible(form, "compressor_kind"), other
    form.locator("[name=equipment_type]").select_option("air_compressor")
    assert _visible(form, "compressor_kind") and _visible(form, "cooling")
    options = form.locator("[name=compressor_kind] option").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert options == ["", FIXED_SPEED, VARIABLE_SPEED]

    for name, kind, rating in (
        ("变频空压机", VARIABLE_SPEED, "4"),
        ("工频空压机", FIXED_SPEED, "4"),
        ("355kW变频空压机", VARIABLE_SPEED, "355"),
    ):
        _open_form(page)
        fields, selects = _compressor(name, kind, rating)
        _add(page, fields, selects)

    stored = {
        row.name: (row.params["compressor_kind"], row.rating_status, row.grade)
        for row in Equipment.objects.all()
    }
    assert stored == {
        "变频空压机": (VARIABLE_SPEED, "graded", 2),
        "工频空压机": (FIXED_SPEED, "graded", 3),
        "355kW变频空压机": (VARIABLE_SPEED, "no_grading", None),
    }
    table = page.locator("#equipment table")
    assert (
        table.locator("tr", has_text="355kW变频空压机").locator("[data-grading-note]").is_visible()
    )
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/compressor_kinds.png", full_page=True)
