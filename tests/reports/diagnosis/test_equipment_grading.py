"""Every key equipment type graded through the editing service and the API, with the edition
of the campaign's year and the reason when a line cannot be graded (numbers: see
tests/reports/test_calculations_equipment.py)."""

from decimal import Decimal

import pytest
from django.utils import translation

from portal.errors import DomainError
from reports.diagnosis.services import editing
from tests.factories import CampaignFactory
from tests.reports.reporting import published_task

API = "/api/v1"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


@pytest.fixture
def task_2026(agency_user, enterprise):
    return published_task(
        agency_user.agency, enterprise=enterprise, campaign=CampaignFactory(year=2026)
    )


def _add(task, user, **data):
    return editing.equipment_add(task_id=task.pk, actor=user, data={"name": "设备", **data})


TRANSFORMER = {
    "equipment_type": "transformer",
    "rating": Decimal(400),
    "params": {
        "transformer_kind": "油浸式",
        "core_material": "电工钢带",
        "connection_group": "Dyn11/Yzn11",
    },
}


def test_transformer_graded_with_the_2024_edition_and_the_year_caveat(task, agency_user):
    """A 2021 campaign: GB 20052-2024 is the edition at hand, and the row says so."""
    row = _add(
        task, agency_user, **TRANSFORMER, metrics={"no_load_loss": "0.35", "load_loss": "3.5"}
    )
    assert (row.rating_status, row.grade, row.rating_unit) == ("graded", 2, "kVA")
    assert (row.grading_standard, row.grading_edition) == ("GB 20052", "2024")
    assert "2021" in row.grading_note and "GB 20052-2024" in row.grading_note


def test_transformer_of_a_size_outside_the_table(task_2026, agency_user):
    row = _add(
        task_2026,
        agency_user,
        **{**TRANSFORMER, "rating": Decimal(450)},
        metrics={"no_load_loss": "0.35", "load_loss": "3.5"},
    )
    assert row.rating_status == "no_grading"
    assert row.grading_note.startswith("No grading table for this size")


DRY_1000 = {
    "equipment_type": "transformer",
    "rating": Decimal(1000),
    "params": {
        "transformer_kind": "干式",
        "core_material": "电工钢带",
        "insulation_class": "F(120℃)",
    },
}


def test_dry_transformer_above_80_kva_edition_by_campaign_year(task, agency_user, enterprise):
    """表2 1000 kVA 电工钢带 F(120℃): 1.02 / 1.205 / 1.415 and 7.315 / 7.315 / 8.13 kW. A 2021
    campaign has only the 2024 edition at hand and says so; a 2025 campaign uses it plainly."""
    metrics = {"no_load_loss": "1.1", "load_loss": "7.0"}
    row = _add(task, agency_user, **DRY_1000, metrics=metrics)
    assert (row.rating_status, row.grade) == ("graded", 2)
    assert (row.grading_standard, row.grading_edition) == ("GB 20052", "2024")
    assert "2021" in row.grading_note and "GB 20052-2024" in row.grading_note
    task_2025 = published_task(
        agency_user.agency, enterprise=enterprise, campaign=CampaignFactory(year=2025)
    )
    row = _add(task_2025, agency_user, **DRY_1000, metrics=metrics)
    assert (row.rating_status, row.grade, row.grading_edition) == ("graded", 2, "2024")
    assert "predates" not in row.grading_note and "2025" not in row.grading_note


def test_fan_below_its_limit_has_an_upgrade_saving(task, agency_user):
    """No. 8 centrifugal fan at 60 % (limit 63 %, grade 2 71 %), 55 kW, 6000 h, load 0.75:
    55 × 0.75 × 6000 × (100/60 − 100/71) = 63 908.4507 kWh."""
    row = _add(
        task,
        agency_user,
        equipment_type="fan",
        rating=Decimal(55),
        annual_hours=Decimal(6000),
        efficiency_pct=Decimal(60),
        params={"fan_kind": "离心", "psi": "1.0", "specific_speed": "25", "machine_number": "8"},
    )
    assert (row.rating_status, row.below_limit) == ("below_limit", True)
    assert (row.limit_value, row.target_value) == (Decimal("63"), Decimal("71"))
    assert row.saving_kwh == Decimal("63908.4507")


def test_compressor_and_boiler_in_mw(task, agency_user):
    compressor = _add(
        task,
        agency_user,
        equipment_type="air_compressor",
        rating=Decimal(45),
        metrics={"specific_power": "7.0"},
        params={"discharge_pressure_mpa": "0.8", "cooling": "风冷"},
    )
    assert (compressor.rating_status, compressor.grade) == ("graded", 2)
    # 14 MW hot water = 20 t/h: the ≤ 20 t/h band (85 / 82 / 80), 80 % meets the limit.
    boiler = _add(
        task,
        agency_user,
        equipment_type="boiler",
        rating=Decimal(14),
        rating_unit="MW",
        efficiency_pct=Decimal(80),
        params={"boiler_kind": "层状燃烧燃煤", "fuel": "烟煤 Ⅱ类"},
    )
    assert (boiler.rating_status, boiler.grade, boiler.limit_value) == ("graded", 3, Decimal(80))


def test_pump_edition_follows_the_campaign_year(task, task_2026, agency_user):
    pump = {
        "equipment_type": "pump",
        "rating": Decimal(11),
        "flow_m3h": Decimal(100),
        "head_m": Decimal(20),
        "speed_rpm": Decimal(2900),
        "efficiency_pct": Decimal(80),
    }
    old = _add(task, agency_user, **pump)
    assert (old.grading_standard, old.grading_edition) == ("GB 19762", "2007")
    new = _add(task_2026, agency_user, **pump)
    assert (new.grading_edition, new.rating_status, new.grade) == ("2025", "graded", 2)
    assert (new.limit_value, new.target_value) == (Decimal("74.6"), Decimal("79.6"))


def test_kiln_is_recorded_with_the_reason(task, agency_user):
    row = _add(
        task, agency_user, equipment_type="kiln", rating=Decimal(2000), efficiency_pct=Decimal(45)
    )
    assert (row.rating_status, row.efficiency_pct) == ("no_table", Decimal(45))
    assert "No national grade table applies to kilns" in row.grading_note


def test_missing_values_are_named(task, agency_user):
    """A measured value without the key parameters it is graded by is refused, by field."""
    with pytest.raises(DomainError) as error:
        _add(
            task,
            agency_user,
            equipment_type="fan",
            rating=Decimal(55),
            efficiency_pct=Decimal(70),
            params={"fan_kind": "离心"},
        )
    assert error.value.field == "specific_speed"
    with pytest.raises(DomainError) as error:
        _add(task, agency_user, equipment_type="boiler", rating=Decimal(4), rating_unit="kW")
    assert error.value.field == "rating_unit"
    with pytest.raises(DomainError) as error:
        _add(task, agency_user, **TRANSFORMER, metrics={"no_load_loss": "-1"})
    assert error.value.field == "no_load_loss"
    inventory = _add(task, agency_user, **TRANSFORMER)
    assert inventory.rating_status == "no_grading"
    assert "no-load loss" in inventory.grading_note


def test_api_takes_the_fields_and_returns_the_grade(api_for, agency_user, task):
    api = api_for(agency_user)
    report = api.post(f"{API}/reports/", {"task": task.pk}, format="json").json()
    body = {
        "report": report["id"],
        "name": "空压机",
        "equipment_type": "air_compressor",
        "rating": "45",
        "metrics": {"specific_power": "8.0"},
        "params": {"discharge_pressure_mpa": "0.8", "cooling": "风冷"},
    }
    response = api.post(f"{API}/equipment/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["rating_status"], data["below_limit"], data["limit_value"]) == (
        "below_limit",
        True,
        "7.900",
    )
    assert data["params"]["cooling"] == "风冷" and data["grading_edition"] == "2019"
    refused = api.post(f"{API}/equipment/", {**body, "params": {"cooling": "水冷"}}, format="json")
    assert refused.status_code == 400
    assert refused.json()["field"] == "cooling"


def test_grading_table_pages(client_for, ministry_user, enterprise_user):
    from django.urls import reverse

    from reports.models import GradingTable

    page = client_for(ministry_user).get(reverse("reports:grading-tables"))
    assert page.status_code == 200
    text = page.content.decode()
    for name in (
        "GB 20052-2024",
        "GB 19761-2020",
        "GB 19153-2019",
        "GB 24500-2020",
        "GB 19762-2025",
        "GB 19762-2007",
        "GB 18613-2020",
        "github:adgo07/EquipEffi",
    ):
        assert name in text
    fan = GradingTable.objects.get(standard="GB 19761")
    detail = client_for(ministry_user).get(reverse("reports:grading-table", args=[fan.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "≥ 0.95 ＜ 1.05" in body and "＞ 7 ≤ 10" in body and "psi" not in body
    missing = client_for(ministry_user).get(reverse("reports:grading-table", args=[99999]))
    assert missing.status_code == 404
    assert client_for(enterprise_user).get(reverse("reports:grading-tables")).status_code == 403


def test_report_page_shows_grade_and_reason(client_for, agency_user, task):
    from django.urls import reverse

    _add(
        task,
        agency_user,
        equipment_type="kiln",
        rating=Decimal(2000),
        efficiency_pct=Decimal(45),
        name="回转窑",
    )
    _add(
        task,
        agency_user,
        **TRANSFORMER,
        metrics={"no_load_loss": "0.35", "load_loss": "3.5"},
        name="1#变压器",
    )
    page = client_for(agency_user).get(reverse("reports:report-detail", args=[task.pk]))
    text = page.content.decode()
    assert "回转窑" in text and text.count("data-grading-note") == 2
    assert "1#变压器" in text and "GB 20052-2024" in text
    assert 'name="no_load_loss"' in text and 'data-for-types="transformer"' in text


def test_editing_a_transformer_row_keeps_its_fields(client_for, agency_user, task):
    """The edit form is filled from the stored params and metrics; saving regrades."""
    from django.urls import reverse

    from reports.models import Equipment

    row = _add(
        task, agency_user, **TRANSFORMER, metrics={"no_load_loss": "0.35", "load_loss": "3.5"}
    )
    url = reverse("reports:row-edit", args=[task.pk, "equipment", row.pk])
    client = client_for(agency_user)
    form = client.get(url).content.decode()
    assert 'name="no_load_loss"' in form and 'value="0.35"' in form
    assert '<option value="Dyn11/Yzn11" selected>' in form
    data = {
        "equipment_type": "transformer",
        "name": "1#变压器",
        "rating": "400",
        "count": "1",
        "transformer_kind": "油浸式",
        "core_material": "电工钢带",
        "connection_group": "Dyn11/Yzn11",
        "no_load_loss": "0.42",
        "load_loss": "3.5",
        "efficiency_pct": "99",
        "poles": "4",
    }
    client.post(url, data)
    row = Equipment.objects.get(pk=row.pk)
    assert (row.rating_status, row.below_limit) == ("below_limit", True)
    assert row.metrics == {"no_load_loss": "0.42", "load_loss": "3.5"}
    assert (row.efficiency_pct, row.poles) == (None, None)  # another type's fields are dropped


def test_upgrade_savings_of_a_transformer_and_a_compressor_below_the_limit(task, agency_user):
    """Transformer 400 kVA, P0 0.45 kW (limit 0.41, grade 2 0.37), Pk 3.5 kW (grade 2 3.615:
    no saving), 8760 h: (0.45 − 0.37) × 8760 = 700.8 kWh = 0.0861 tce.
    Compressor 45 kW at 8.0 kW/(m³/min) (limit 7.9, grade 2 7.1), 5000 h, load 0.75:
    45 × 0.75 × 5000 × (1 − 7.1/8.0) = 18 984.375 kWh = 2.3332 tce."""
    transformer = _add(
        task,
        agency_user,
        **TRANSFORMER,
        annual_hours=Decimal(8760),
        metrics={"no_load_loss": "0.45", "load_loss": "3.5"},
    )
    assert transformer.below_limit
    assert (transformer.saving_kwh, transformer.saving_tce) == (
        Decimal("700.8000"),
        Decimal("0.0861"),
    )
    compressor = _add(
        task,
        agency_user,
        equipment_type="air_compressor",
        rating=Decimal(45),
        annual_hours=Decimal(5000),
        metrics={"specific_power": "8.0"},
        params={"discharge_pressure_mpa": "0.8", "cooling": "风冷"},
    )
    assert (compressor.saving_kwh, compressor.saving_tce) == (
        Decimal("18984.3750"),
        Decimal("2.3332"),
    )


def test_api_lists_each_types_fields_and_the_tables_sources(api_for, agency_user):
    api = api_for(agency_user)
    fields = api.get(f"{API}/equipment-fields/").json()
    boiler = {field["name"]: field for field in fields["boiler"]}
    assert boiler["fuel"]["required"] and "烟煤 Ⅱ类" in boiler["fuel"]["choices"]
    assert {f["name"] for f in fields["transformer"] if f["store"] == "metrics"} == {
        "no_load_loss",
        "load_loss",
    }
    assert fields["kiln"] == []
    tables = api.get(f"{API}/grading-tables/", {"page_size": 100}).json()
    rows = tables["results"] if isinstance(tables, dict) else tables
    fan = next(t for t in rows if t["standard"] == "GB 19761")
    assert (fan["in_force_from"], fan["confidence"][:9]) == (2021, "secondary")
