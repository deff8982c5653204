"""The agency's draft: rows are computed with the standards' tables, totals follow every change.

Hand-checked numbers:
  1000 t raw coal × 0.7143 kgce/kg = 714.3 tce; 1000 万kWh × 0.1229 = 1229 tce (等价值 0.305:
  3050 tce, shown beside, not added); 500 t coal at a measured 25 000 kJ/kg = 500 000 × 25 000
  / 29 307 / 1000 = 426.5193 tce.
  132 kW 4-pole motor at 93.0 % (limit 95.6 %, grade 2 96.4 %), 2 units, 6000 h, load 0.75:
  132 × 0.75 × 6000 × 2 × (100/93 − 100/96.4) = 45 054.2096 kWh = 5.5372 tce.
  GB 19762 Annex A pump (Q 800 m³/h, H 12 m, 1470 r/min, double suction): limit 78.9 %,
  evaluation 83.9 %; at 76 %, 45 kW, 7200 h: 45 × 0.75 × 7200 × (100/76 − 100/83.9) = 30 106.3296
  kWh = 3.7001 tce.
"""

from decimal import Decimal

import pytest
from django.http import Http404

from portal.errors import DomainError, InvalidMove
from reports.diagnosis.services import editing
from reports.models import DiagnosisReport, EnergyUse
from tests.reports.reporting import MOTOR_BELOW_LIMIT, pdf_upload, published_task, submitted_task


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _energy(task, user, **data):
    return editing.energy_use_add(task_id=task.pk, actor=user, data=data)


def test_coal_in_tonnes_converts_with_the_default_factor(task, agency_user):
    """1000 t raw coal is 714.3 tce, with the factor's standard and edition recorded."""
    row = _energy(task, agency_user, carrier_code="raw_coal", quantity=Decimal(1000), unit="t")
    assert row.tce == Decimal("714.3000")
    assert (row.factor_kgce, row.factor_source) == (Decimal("0.71430000"), "default")
    assert (row.factor_standard, row.factor_edition) == ("GB/T 2589", "2020")


def test_measured_heating_value_replaces_the_default(task, agency_user):
    """A measured 25 000 kJ/kg makes 500 t of coal 426.5193 tce, marked as measured."""
    row = _energy(
        task,
        agency_user,
        carrier_code="raw_coal",
        quantity=Decimal(500),
        unit="t",
        measured_lhv=Decimal(25000),
    )
    assert row.tce == Decimal("426.5193")
    assert row.factor_source == "measured"
    assert row.measured_lhv == Decimal(25000)


def test_electricity_totals_use_calorific_equivalent_with_primary_beside(task, agency_user):
    """Totals add electricity at 0.1229; the campaign's 等价值 is kept beside, never added."""
    _energy(task, agency_user, carrier_code="raw_coal", quantity=Decimal(1000), unit="t")
    row = _energy(
        task, agency_user, carrier_code="electricity", quantity=Decimal(1000), unit="万kWh"
    )
    report = DiagnosisReport.objects.get(task=task)
    assert (row.tce, row.primary_tce) == (Decimal("1229.0000"), Decimal("3050.0000"))
    assert report.energy_tce == Decimal("1943.3000")
    assert report.energy_tce_primary == Decimal("3764.3000")


def test_heating_value_for_electricity_is_refused(task, agency_user):
    """Electricity has no heating value to measure: the error names the field."""
    with pytest.raises(DomainError) as error:
        _energy(
            task,
            agency_user,
            carrier_code="electricity",
            quantity=Decimal(1),
            measured_lhv=Decimal(3600),
        )
    assert error.value.field == "measured_lhv"
    assert not EnergyUse.objects.filter(report__task=task).exists()


def test_motor_below_the_limit_is_flagged_with_its_upgrade_saving(task, agency_user):
    """GB 18613-2020: 93.0 % at 132 kW 4-pole misses 95.6 %; upgrading saves 45 054 kWh."""
    row = editing.equipment_add(task_id=task.pk, actor=agency_user, data=MOTOR_BELOW_LIMIT)
    assert (row.rating_status, row.below_limit) == ("below_limit", True)
    assert (row.limit_value, row.target_value) == (Decimal("95.6"), Decimal("96.4"))
    assert (row.grading_standard, row.grading_edition) == ("GB 18613", "2020")
    assert (row.saving_kwh, row.saving_tce) == (Decimal("45054.2096"), Decimal("5.5372"))
    report = DiagnosisReport.objects.get(task=task)
    assert (report.below_limit_count, report.upgrade_tce) == (1, Decimal("5.5372"))


def test_motor_at_grade_2_is_graded_without_saving(task, agency_user):
    """96.5 % at 132 kW 4-pole meets grade 2 (96.4 %): graded, no upgrade estimate."""
    row = editing.equipment_add(
        task_id=task.pk,
        actor=agency_user,
        data={**MOTOR_BELOW_LIMIT, "efficiency_pct": Decimal("96.5")},
    )
    assert (row.rating_status, row.grade, row.grade_at_least) == ("graded", 2, True)
    assert row.saving_kwh is None


def test_annex_a_pump_is_rated_against_its_limit_and_evaluation_values(task, agency_user):
    """GB 19762-2007 Annex A: limit 78.9 %, evaluation 83.9 %; 76 % is below the limit."""
    row = editing.equipment_add(
        task_id=task.pk,
        actor=agency_user,
        data={
            "equipment_type": "pump",
            "name": "循环水泵",
            "rating": Decimal(45),
            "count": 1,
            "annual_hours": Decimal(7200),
            "efficiency_pct": Decimal(76),
            "flow_m3h": Decimal(800),
            "head_m": Decimal(12),
            "speed_rpm": Decimal(1470),
            "double_suction": True,
        },
    )
    assert (row.limit_value, row.target_value) == (Decimal("78.9"), Decimal("83.9"))
    assert row.rating_status == "below_limit"
    assert (row.saving_kwh, row.saving_tce) == (Decimal("30106.3296"), Decimal("3.7001"))


def test_equipment_without_a_table_says_so(task, agency_user):
    """An air compressor shows "no grading table" while no GB 19153 data is loaded."""
    from reports.models import GradingTable

    GradingTable.objects.filter(standard="GB 19153").delete()
    row = editing.equipment_add(
        task_id=task.pk,
        actor=agency_user,
        data={"equipment_type": "air_compressor", "name": "空压机", "rating": Decimal(110)},
    )
    assert (row.rating_status, row.below_limit) == ("no_table", False)
    assert (row.grading_standard, row.grading_edition) == ("GB 19153", "2019")


def test_measure_payback_and_co2_use_the_campaign_factor(task, agency_user):
    """120 万元 / 40 万元 a year = 3 years; 50 tce × 2.66 tCO₂/tce = 133 t."""
    measure = editing.measure_add(
        task_id=task.pk,
        actor=agency_user,
        data={
            "category": "technical",
            "title": "变频改造",
            "investment_wan": Decimal(120),
            "savings_tce": Decimal(50),
            "savings_kwh": Decimal(0),
            "savings_wan": Decimal(40),
        },
    )
    assert (measure.payback_years, measure.co2_t) == (Decimal("3.00"), Decimal("133.0000"))


def test_measure_without_tce_counts_its_electricity(task, agency_user):
    """100 000 kWh saved and no tce given: 12.29 tce (当量值), 32.6914 tCO₂."""
    measure = editing.measure_add(
        task_id=task.pk,
        actor=agency_user,
        data={"category": "technical", "title": "照明改造", "savings_kwh": Decimal(100000)},
    )
    assert (measure.savings_tce, measure.co2_t) == (Decimal("12.2900"), Decimal("32.6914"))
    assert measure.payback_years is None


def test_measure_tce_below_its_electricity_is_refused(task, agency_user):
    """The tce total includes the electricity: 1 tce cannot hold 100 000 kWh."""
    with pytest.raises(DomainError) as error:
        editing.measure_add(
            task_id=task.pk,
            actor=agency_user,
            data={
                "category": "technical",
                "title": "x",
                "savings_tce": Decimal(1),
                "savings_kwh": Decimal(100000),
            },
        )
    assert error.value.field == "savings_tce"


def test_measure_from_the_taxonomy_takes_its_name_and_category(task, agency_user):
    """Choosing MGT.02.01 fills the title and the management category."""
    from reports.models import MeasureCategory

    node = MeasureCategory.objects.get(code="MGT.02.01")
    measure = editing.measure_add(
        task_id=task.pk, actor=agency_user, data={"taxonomy": node.pk, "savings_tce": Decimal(3)}
    )
    assert (measure.title, measure.category) == (node.name, "management")


def test_removing_a_row_updates_the_totals(task, agency_user):
    """Totals follow a removed row."""
    keep = _energy(task, agency_user, carrier_code="raw_coal", quantity=Decimal(1000), unit="t")
    gone = _energy(task, agency_user, carrier_code="diesel", quantity=Decimal(1), unit="t")
    report = editing.report_row_remove(kind="energy", row_id=gone.pk, actor=agency_user)
    assert report.energy_tce == keep.tce


def test_submitted_report_cannot_be_changed(agency_user, enterprise, campaign):
    """After submitting, a new row is refused (409) until the organizer returns it."""
    task = submitted_task(agency_user, enterprise=enterprise, campaign=campaign)
    with pytest.raises(InvalidMove):
        _energy(task, agency_user, carrier_code="raw_coal", quantity=Decimal(1))


def test_another_agency_gets_404(task, other_agency_user):
    """Another agency cannot write to the task: it does not exist for them."""
    with pytest.raises(Http404):
        editing.report_upload_file(task_id=task.pk, actor=other_agency_user, upload=pdf_upload())


def test_refused_upload_stores_nothing(task, agency_user, settings, tmp_path):
    """A renamed executable leaves no report row and no file."""
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError):
        editing.report_upload_file(
            task_id=task.pk, actor=agency_user, upload=pdf_upload(content=b"MZ" + b"\0" * 100)
        )
    assert not DiagnosisReport.objects.filter(task=task).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_upload_stores_under_a_generated_name(task, agency_user):
    """The stored name is generated; the uploader's name is only kept as file_name."""
    report = editing.report_upload_file(
        task_id=task.pk, actor=agency_user, upload=pdf_upload("../../etc/报告.pdf")
    )
    assert report.file.name.startswith(f"reports/{task.campaign.year}/")
    assert "报告" not in report.file.name and report.file.name.endswith(".pdf")
    assert report.file_name == "报告.pdf"


def test_a_table_added_later_grades_that_equipment(task, agency_user):
    """Once a GB 19153 table is loaded, an air compressor over its limit is flagged."""
    from reports.models import GradingTable

    GradingTable.objects.filter(standard="GB 19153").delete()  # replaced by this test's own
    GradingTable.objects.create(
        standard="GB 19153",
        edition="2019",
        equipment_type="air_compressor",
        metric="specific_power",
        unit="kW/(m3/min)",
        direction="lower",
        format="thresholds",
        data={
            "grades": [1, 2, 3],
            "rows": [
                {
                    "when": {"rated_kw": {"gt": "90", "le": "110"}},
                    "thresholds": {"1": "5.9", "2": "6.7", "3": "7.5"},
                }
            ],
        },
    )
    row = editing.equipment_add(
        task_id=task.pk,
        actor=agency_user,
        data={
            "equipment_type": "air_compressor",
            "name": "空压机",
            "rating": Decimal(110),
            "metrics": {"specific_power": "8.0"},
            "params": {"cooling": "风冷", "discharge_pressure_mpa": "0.8"},
        },
    )
    assert (row.rating_status, row.limit_value) == ("below_limit", Decimal("7.5"))
