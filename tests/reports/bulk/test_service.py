"""Bulk entry (issue 17): the template round-trips, bad rows are named and store nothing, the
same file twice changes nothing, and only the agency's own open reports can be written.

Hand-checked numbers (as in tests/reports/diagnosis/test_services_editing.py): 1000 t raw coal
is 714.3 tce; 1000 万kWh of electricity is 1229 tce; the 132 kW 4-pole motor at 93.0 % is below
the limit (95.6 %) and saves 5.5372 tce a year at grade 2.
"""

from decimal import Decimal

import pytest

from enterprises.choices import TaskState
from portal.choices import CampaignState
from portal.errors import DomainError
from reports.bulk.service import bulk_import
from reports.bulk.template import bulk_template
from reports.diagnosis.services import editing
from reports.models import DiagnosisReport, EnergyUse, Equipment, Measure
from tests.factories import EnterpriseFactory
from tests.reports.reporting import MOTOR_BELOW_LIMIT, fill_report, published_task

from .helpers import append, load, rows_of, save

ENERGY, EQUIPMENT, MEASURES, PRODUCTS = "能源消费", "重点用能设备", "节能措施", "主要产品"
CODE = "统一社会信用代码"


@pytest.fixture
def filled(agency_user, enterprise, campaign):
    """A task whose report was typed in by hand: coal, electricity, a motor, two measures."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    fill_report(task, agency_user)
    measure = Measure.objects.filter(report__task=task).first()
    equipment = Equipment.objects.get(report__task=task)
    editing.report_row_update(
        kind="measure",
        row_id=measure.pk,
        actor=agency_user,
        data={"equipment": equipment.pk},
    )
    return task


@pytest.fixture
def empty(agency_user, campaign):
    other = EnterpriseFactory(name="秦皇岛测试玻璃有限公司")
    return published_task(agency_user.agency, enterprise=other, campaign=campaign)


def _computed(task) -> dict:
    """What the report holds, without ids: the rows as entered and as computed."""
    report = DiagnosisReport.objects.get(task=task)
    skip = {"id", "report", "report_id", "created_at", "updated_at", "equipment", "equipment_id"}

    def plain(row):
        values = {
            f.attname: getattr(row, f.attname)
            for f in type(row)._meta.concrete_fields
            if f.attname not in skip
        }
        if isinstance(row, Measure):
            values["equipment"] = row.equipment.name if row.equipment_id else ""
        return values

    return {
        "energy": [plain(r) for r in report.energy_uses.order_by("id")],
        "equipment": [plain(r) for r in report.equipment.order_by("id")],
        "measure": [plain(r) for r in report.measures.order_by("id")],
        "totals": [
            getattr(report, name)
            for name in (
                "energy_tce",
                "energy_tce_primary",
                "equipment_count",
                "below_limit_count",
                "upgrade_kwh",
                "upgrade_tce",
                "measure_count",
                "investment_wan",
                "savings_tce",
            )
        ],
    }


def test_template_lists_the_stored_rows_and_the_open_tasks(filled, empty, agency_user, campaign):
    wb = load(bulk_template(agency_user, campaign))
    assert wb.sheetnames[:4] == [ENERGY, EQUIPMENT, MEASURES, PRODUCTS]
    assert wb["选项"].sheet_state == "hidden"
    energy = rows_of(wb[ENERGY])
    assert [(r[CODE], r["能源品种"]) for r in energy] == [
        (filled.enterprise.credit_code, "原煤"),
        (filled.enterprise.credit_code, "电力"),
    ]
    assert [r["计量单位"] for r in energy] == ["t", "万kWh"]
    tasks = rows_of(wb["任务清单"])
    assert {r["统一社会信用代码"] for r in tasks} == {
        filled.enterprise.credit_code,
        empty.enterprise.credit_code,
    }
    measures = rows_of(wb[MEASURES])
    assert measures[0]["关联设备（设备名称）"] == MOTOR_BELOW_LIMIT["name"]
    # The choice columns carry drop-downs (lists on the hidden sheet).
    assert wb[EQUIPMENT].data_validations.dataValidation


def test_round_trip_gives_the_rows_typed_by_hand(filled, empty, agency_user, campaign):
    """The filled report's rows, copied in the template to another task, import as the same
    rows with the same computed figures (tce, grading, payback, CO₂, totals)."""
    wb = load(bulk_template(agency_user, campaign))
    for title in (ENERGY, EQUIPMENT, MEASURES):
        ws = wb[title]
        for values in rows_of(ws):
            append(ws, {**values, CODE: empty.enterprise.credit_code})
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert outcome.ok, outcome.errors
    assert outcome.unchanged == 3  # the filled task's rows are already the file's
    assert outcome.replaced == 3 and outcome.reports == 1
    assert _computed(empty) == _computed(filled)
    assert EnergyUse.objects.get(report__task=empty, carrier_code="raw_coal").tce == Decimal(
        "714.3000"
    )
    motor = Equipment.objects.get(report__task=empty)
    assert (motor.rating_status, motor.saving_tce) == ("below_limit", Decimal("5.5372"))


def test_the_same_file_twice_changes_nothing(filled, empty, agency_user, campaign):
    """The stored rows come back unchanged from their own template (a measure of the taxonomy
    included), and a file imported twice writes nothing the second time."""
    from reports.models import MeasureCategory

    leaf = MeasureCategory.objects.filter(level="measure", is_active=True).first()
    measure = Measure.objects.filter(report__task=filled).last()
    editing.report_row_update(
        kind="measure", row_id=measure.pk, actor=agency_user, data={"taxonomy": leaf.pk}
    )
    wb = load(bulk_template(agency_user, campaign))
    assert any(r["措施（分类目录）"] for r in rows_of(wb[MEASURES]))
    append(
        wb[ENERGY],
        {CODE: empty.enterprise.credit_code, "能源品种": "原煤", "实物量": 1000, "计量单位": "t"},
    )
    first = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert first.ok, first.errors
    assert (first.unchanged, first.replaced) == (3, 1)  # the filled report's three tables
    ids = list(EnergyUse.objects.order_by("id").values_list("id", flat=True))
    again = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert again.ok and again.replaced == 0 and again.written == 0
    assert list(EnergyUse.objects.order_by("id").values_list("id", flat=True)) == ids


def test_bad_rows_are_named_and_nothing_is_stored(filled, empty, agency_user, campaign):
    before = _computed(filled)
    wb = load(bulk_template(agency_user, campaign))
    good = append(
        wb[ENERGY],
        {CODE: empty.enterprise.credit_code, "能源品种": "原煤", "实物量": 5, "计量单位": "t"},
    )
    bad_qty = append(
        wb[ENERGY], {CODE: empty.enterprise.credit_code, "能源品种": "原煤", "实物量": "很多"}
    )
    bad_type = append(wb[EQUIPMENT], {CODE: empty.enterprise.credit_code, "设备类型": "电冰箱"})
    wb[ENERGY].cell(row=2, column=4, value=-3)  # the filled report's coal line
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert not outcome.ok
    where = {(e.sheet, e.row, e.column) for e in outcome.errors}
    assert (ENERGY, bad_qty, "实物量") in where
    assert (ENERGY, 2, "实物量") in where
    assert (EQUIPMENT, bad_type, "设备类型") in where
    assert all(e.row != good for e in outcome.errors)
    assert not EnergyUse.objects.filter(report__task=empty).exists()
    assert not DiagnosisReport.objects.filter(task=empty).exists()
    assert _computed(filled) == before


def test_another_agencys_task_is_a_row_error(filled, agency_user, other_agency_user, campaign):
    """The other agency cannot write into this agency's report: its row is refused as no task
    of its own, and nothing changes."""
    before = _computed(filled)
    wb = load(bulk_template(agency_user, campaign))
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=other_agency_user)
    assert not outcome.ok
    assert {e.column for e in outcome.errors} == {CODE}
    assert "没有此统一社会信用代码" in outcome.errors[0].reason
    assert _computed(filled) == before


def test_a_submitted_report_and_a_closed_year_are_row_errors(filled, agency_user, campaign):
    wb = load(bulk_template(agency_user, campaign))
    type(filled).objects.filter(pk=filled.pk).update(state=TaskState.REPORTED)
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert not outcome.ok and {e.column for e in outcome.errors} == {CODE}
    type(filled).objects.filter(pk=filled.pk).update(state=TaskState.PUBLISHED)
    type(campaign).objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)
    campaign.refresh_from_db()
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert not outcome.ok and {e.column for e in outcome.errors} == {CODE}
    assert "关闭" in outcome.errors[0].reason


def test_a_file_without_the_sheets_is_refused(agency_user, campaign):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["名称", "实物量"])
    with pytest.raises(DomainError):
        bulk_import(campaign=campaign, file=save(wb), actor=agency_user)


def test_replaced_equipment_keeps_the_measures_link_by_name(filled, agency_user, campaign):
    """Only the equipment sheet changes (the motor runs fewer hours): the linked measure, not in
    the file, points at the new row of the same name; the grading is computed anew."""
    wb = load(bulk_template(agency_user, campaign))
    for title in (ENERGY, MEASURES, PRODUCTS):
        del wb[title]
    wb[EQUIPMENT].cell(row=2, column=9, value=3000)  # 年运行小时数
    assert wb[EQUIPMENT].cell(row=1, column=9).value == "年运行小时数"
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert outcome.ok, outcome.errors
    assert outcome.replaced == 1
    motor = Equipment.objects.get(report__task=filled)
    assert motor.annual_hours == 3000
    assert motor.saving_tce == Decimal("2.7686")  # half of 5.5372
    linked = Measure.objects.get(report__task=filled, equipment__isnull=False)
    assert linked.equipment == motor


def test_equipment_parameters_and_products_round_trip(empty, agency_user, campaign):
    """A transformer with its type's parameters and a product against a benchmark, typed in
    the template, are stored as the editor's forms and services store them."""
    from reports.benchmarking.forms import entry_label
    from reports.benchmarking.selectors import entries_for_year
    from reports.benchmarking.services import product_values
    from reports.diagnosis.forms import EquipmentForm
    from reports.diagnosis.services.access import editable_report
    from reports.diagnosis.services.editing import row_values
    from reports.models import ProductRow

    code = empty.enterprise.credit_code
    entry = next(e for e in entries_for_year(campaign.year) if e.unit.endswith("/t"))
    wb = load(bulk_template(agency_user, campaign))
    append(
        wb[EQUIPMENT],
        {
            CODE: code,
            "设备类型": "变压器",
            "设备名称": "1#主变",
            "额定功率": 1000,
            "年运行小时数": 8000,
            "变压器类别": "10 kV 油浸式",
            "铁心材料": "电工钢带",
            "空载损耗（kW）": 0.9,
            "负载损耗（kW）": 10.3,
        },
    )
    append(
        wb[PRODUCTS],
        {CODE: code, "对标标准": entry_label(entry), "产量": 1000, "分摊能耗": 500},
    )
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert outcome.ok, outcome.errors
    stored = Equipment.objects.get(report__task=empty)
    form = EquipmentForm(
        {
            "equipment_type": "transformer",
            "name": "1#主变",
            "rating": "1000",
            "count": "1",
            "annual_hours": "8000",
            "transformer_kind": "油浸式",
            "core_material": "电工钢带",
            "no_load_loss": "0.9",
            "load_loss": "10.3",
        }
    )
    assert form.is_valid(), form.errors
    report = editable_report(empty.pk, agency_user)
    by_hand = row_values("equipment", report, form.cleaned_data)
    assert {k: getattr(stored, k) for k in by_hand} == by_hand
    assert stored.params["transformer_kind"] == "油浸式"
    product = ProductRow.objects.get(report__task=empty)
    expected = product_values(
        report, {"entry": entry.pk, "output": Decimal(1000), "energy": Decimal(500)}
    )
    assert product.entry == entry
    assert product.level == expected["level"]
    assert product.unit_consumption == expected["unit_consumption"]


def test_a_sheet_whose_header_was_broken_is_refused(filled, agency_user, campaign):
    """The 能源消费 sheet is there but its 能源品种 header was overwritten: the whole file is
    refused naming the sheet, rather than the sheet being taken as left out."""
    wb = load(bulk_template(agency_user, campaign))
    wb[ENERGY].cell(row=1, column=3, value="品种")
    with pytest.raises(DomainError, match="能源消费"):
        bulk_import(campaign=campaign, file=save(wb), actor=agency_user)


def test_a_formula_without_a_stored_value_is_a_row_error(empty, agency_user, campaign):
    wb = load(bulk_template(agency_user, campaign))
    row = append(
        wb[ENERGY], {CODE: empty.enterprise.credit_code, "能源品种": "原煤", "实物量": "=1+1"}
    )
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert [(e.row, e.column) for e in outcome.errors] == [(row, "实物量")]
    assert "formula" in outcome.errors[0].reason or "公式" in outcome.errors[0].reason
