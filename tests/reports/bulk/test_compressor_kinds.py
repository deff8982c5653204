"""Bulk entry of compressors of both GB 19153-2019 kinds: the template's 压缩机类型（驱动方式）
column lists the kinds by their Chinese label, a row takes the label, and the kind picks the
table (4 kW, 0.8 MPa, air-cooled, 10.0 kW/(m³/min): 表2 → grade 2, 表1 → grade 3; see
tests/reports/test_calculations_compressor_kinds.py)."""

import pytest

from reports.bulk.service import bulk_import
from reports.bulk.sheets import sheet_specs
from reports.bulk.template import bulk_template
from reports.diagnosis.equipment_fields import FIXED_SPEED, VARIABLE_SPEED
from reports.models import Equipment
from tests.reports.reporting import published_task

from .helpers import append, load, save

EQUIPMENT, CODE = "重点用能设备", "统一社会信用代码"
VARIABLE_LABEL = "一般用变转速喷油回转（变频，表2）"


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _headers(campaign) -> dict[str, str]:
    headers = {c.key: c.header for c in sheet_specs(campaign.year)["equipment"].columns}
    return {**headers, "_compressor": _compressor_label(campaign)}  # the type by its label


def _compressor_label(campaign) -> str:
    column = next(
        c for c in sheet_specs(campaign.year)["equipment"].columns if c.key == "equipment_type"
    )
    return next(label for label, value in column.choices.items() if value == "air_compressor")


def _row(task, headers, name, kind):
    values = {
        CODE: task.enterprise.credit_code,
        headers["name"]: name,
        headers["equipment_type"]: headers["_compressor"],
        headers["rating"]: 4,
        headers["discharge_pressure_mpa"]: 0.8,
        headers["cooling"]: "风冷",
        headers["specific_power"]: 10.0,
    }
    if kind:
        values[headers["compressor_kind"]] = kind
    return values


def test_the_template_lists_the_kinds(task, agency_user, campaign):
    column = next(
        c for c in sheet_specs(campaign.year)["equipment"].columns if c.key == "compressor_kind"
    )
    assert column.header == "压缩机类型（驱动方式）"
    assert column.choices == {
        "一般用喷油回转（工频，表1）": FIXED_SPEED,
        VARIABLE_LABEL: VARIABLE_SPEED,
    }


def test_rows_of_both_kinds_import_and_grade_on_their_table(task, agency_user, campaign):
    headers = _headers(campaign)
    wb = load(bulk_template(agency_user, campaign))
    ws = wb[EQUIPMENT]
    append(ws, _row(task, headers, "变频空压机", VARIABLE_LABEL))
    append(ws, _row(task, headers, "空压机（未填类型）", None))
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert outcome.ok, outcome.errors
    stored = {
        row.name: (row.params["compressor_kind"], row.grade)
        for row in Equipment.objects.filter(report__task=task)
    }
    assert stored == {"变频空压机": (VARIABLE_SPEED, 2), "空压机（未填类型）": (FIXED_SPEED, 3)}
    # The template written back shows the kind by its label.
    again = load(bulk_template(agency_user, campaign))[EQUIPMENT]
    kinds = [c.value for c in again[1]].index(headers["compressor_kind"])
    labels = {r[kinds] for r in again.iter_rows(min_row=2, values_only=True) if r[kinds]}
    assert VARIABLE_LABEL in labels


def test_an_unknown_kind_is_named_and_nothing_is_stored(task, agency_user, campaign):
    headers = _headers(campaign)
    wb = load(bulk_template(agency_user, campaign))
    append(wb[EQUIPMENT], _row(task, headers, "无油空压机", "无油螺杆"))
    outcome = bulk_import(campaign=campaign, file=save(wb), actor=agency_user)
    assert not outcome.ok
    assert any("压缩机类型" in str(error) for error in outcome.errors), outcome.errors
    assert not Equipment.objects.filter(report__task=task).exists()
