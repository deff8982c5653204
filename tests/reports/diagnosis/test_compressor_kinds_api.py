"""The compressor kind (GB 19153-2019 表1 fixed speed / 表2 variable speed) through the API:
taken, stored on the equipment row, returned, and used to pick the table (numbers: see
tests/reports/test_calculations_compressor_kinds.py)."""

import pytest
from django.utils import translation

from reports.diagnosis.equipment_fields import FIXED_SPEED, VARIABLE_SPEED
from reports.models import Equipment
from tests.reports.reporting import published_task

API = "/api/v1"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def report_id(api_for, agency_user, enterprise, campaign):
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    api = api_for(agency_user)
    return api.post(f"{API}/reports/", {"task": task.pk}, format="json").json()["id"]


def _body(report_id, kind=None, rating="4", specific_power="10.0"):
    params = {"discharge_pressure_mpa": "0.8", "cooling": "风冷"}
    if kind is not None:
        params["compressor_kind"] = kind
    return {
        "report": report_id,
        "name": "空压机",
        "equipment_type": "air_compressor",
        "rating": rating,
        "metrics": {"specific_power": specific_power},
        "params": params,
    }


def test_the_api_takes_and_returns_the_kind(api_for, agency_user, report_id):
    api = api_for(agency_user)
    # 4 kW, 0.8 MPa, 10.0: 表2 9.1 / 10.1 / 11.7 → grade 2; 表1 8.4 / 9.3 / 10.6 → grade 3
    variable = api.post(f"{API}/equipment/", _body(report_id, VARIABLE_SPEED), format="json")
    assert variable.status_code == 201, variable.json()
    data = variable.json()
    assert data["params"]["compressor_kind"] == VARIABLE_SPEED
    assert (data["rating_status"], data["grade"], data["limit_value"]) == ("graded", 2, "11.700")
    stored = Equipment.objects.get(pk=data["id"])
    assert stored.params["compressor_kind"] == VARIABLE_SPEED
    assert api.get(f"{API}/equipment/{data['id']}/").json()["params"]["compressor_kind"] == (
        VARIABLE_SPEED
    )
    fixed = api.post(f"{API}/equipment/", _body(report_id, FIXED_SPEED), format="json").json()
    assert (fixed["grade"], fixed["limit_value"]) == (3, "10.600")


def test_changing_the_kind_regrades(api_for, agency_user, report_id):
    api = api_for(agency_user)
    row = api.post(
        f"{API}/equipment/", _body(report_id, FIXED_SPEED, specific_power="11.0"), format="json"
    ).json()
    assert row["rating_status"] == "below_limit"  # 表1 limit 10.6
    changed = api.patch(
        f"{API}/equipment/{row['id']}/",
        {"params": {**row["params"], "compressor_kind": VARIABLE_SPEED}},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["rating_status"], changed.json()["grade"]) == ("graded", 3)


def test_without_a_kind_the_fixed_speed_table_is_used(api_for, agency_user, report_id):
    api = api_for(agency_user)
    data = api.post(f"{API}/equipment/", _body(report_id), format="json").json()
    assert data["params"]["compressor_kind"] == FIXED_SPEED
    assert data["grade"] == 3


def test_an_unknown_kind_is_refused_and_nothing_is_stored(api_for, agency_user, report_id):
    api = api_for(agency_user)
    refused = api.post(f"{API}/equipment/", _body(report_id, "无油螺杆"), format="json")
    assert refused.status_code == 400
    assert refused.json()["field"] == "compressor_kind"
    assert not Equipment.objects.filter(report_id=report_id).exists()


def test_a_variable_speed_size_outside_the_loaded_rows_has_no_table(
    api_for, agency_user, report_id
):
    api = api_for(agency_user)
    data = api.post(
        f"{API}/equipment/", _body(report_id, VARIABLE_SPEED, rating="355"), format="json"
    ).json()
    assert data["rating_status"] == "no_grading" and data["grade"] is None
    assert "GB 19153-2019" in data["grading_note"]  # "no data for this size in GB 19153-2019"


def test_the_fields_endpoint_lists_both_kinds(api_for, agency_user):
    fields = api_for(agency_user).get(f"{API}/equipment-fields/").json()
    kind = next(f for f in fields["air_compressor"] if f["name"] == "compressor_kind")
    assert kind["choices"] == [FIXED_SPEED, VARIABLE_SPEED]
    assert (kind["required"], kind["default"]) == (True, FIXED_SPEED)
    assert next(f for f in fields["boiler"] if f["name"] == "fuel")["default"] is None


def test_the_migration_reloads_the_table_once(db):
    from importlib import import_module

    from django.apps import apps

    from reports.models import GradingTable

    migration = import_module("reports.migrations.0017_more_compressor_tables")
    migration.load(apps, None)
    migration.load(apps, None)
    table = GradingTable.objects.get(standard="GB 19153", equipment_type="air_compressor")
    kinds = [row["when"]["compressor_kind"] for row in table.data["rows"]]
    assert kinds.count(VARIABLE_SPEED) == 210 and kinds.count(FIXED_SPEED) > 30
    assert table.is_current and table.confidence.startswith("secondary")


def test_a_variable_speed_compressor_below_its_limit_saves_to_its_own_grade_2(
    agency_user, enterprise, campaign
):
    """45 kW, 0.8 MPa, air-cooled, 表2: 6.9 / 7.5 / 8.3. At 8.5, 5000 h, load 0.75:
    45 × 0.75 × 5000 × (1 − 7.5/8.5) = 19 852.9412 kWh = 2.4399 tce (表1's grade 2 is 7.1)."""
    from decimal import Decimal

    from reports.diagnosis.services import editing

    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    row = editing.equipment_add(
        task_id=task.pk,
        actor=agency_user,
        data={
            "name": "变频空压机",
            "equipment_type": "air_compressor",
            "rating": Decimal(45),
            "annual_hours": Decimal(5000),
            "metrics": {"specific_power": "8.5"},
            "params": {
                "compressor_kind": VARIABLE_SPEED,
                "discharge_pressure_mpa": "0.8",
                "cooling": "风冷",
            },
        },
    )
    assert row.below_limit and row.limit_value == Decimal("8.3")
    assert (row.saving_kwh, row.saving_tce) == (Decimal("19852.9412"), Decimal("2.4399"))
