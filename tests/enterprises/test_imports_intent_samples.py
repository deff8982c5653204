"""The sample 附件3 files give exactly the bad rows and good-row counts of their expect.json."""

import json

import pytest

from enterprises.imports import parse_intent_list
from tests.fixtures.sheets import SAMPLES

SAMPLE_NAMES = ["hebei-2021-clean", "shandong-2021"]


def _expect(name: str) -> dict:
    return json.loads((SAMPLES / name / "expect.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_bad_rows_and_columns_are_exactly_the_expected_ones(name):
    """Each bad row is reported once, by its 序号, in the expected column."""
    result = parse_intent_list(SAMPLES / name / "intent.xlsx")
    assert {str(e.row): e.column for e in result.errors} == _expect(name)["bad_rows"]
    assert len(result.errors) == len(_expect(name)["bad_rows"])


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_good_rows_are_counted_and_named_in_order(name):
    """Every other row comes back clean, in the sheet's order."""
    result = parse_intent_list(SAMPLES / name / "intent.xlsx")
    expect = _expect(name)
    assert len(result.rows) == expect["good_rows"]
    assert [r.enterprise_name for r in result.rows[:5]] == expect["names"]


def test_sample_organizer_line_is_returned():
    """The 填报单位 line above the table is handed back for the service to check."""
    assert (
        parse_intent_list(SAMPLES / "shandong-2021" / "intent.xlsx").organizer_text
        == "山东省工业和信息化厅"
    )


def test_sample_rows_are_normalised():
    """Sector words become division codes, types keys, SME answers flag and class."""
    rows = parse_intent_list(SAMPLES / "hebei-2021-clean" / "intent.xlsx").rows
    first, fifth = rows[0], rows[4]
    assert (first.industry_code, first.diagnosis_type, first.is_sme) == (
        "C31",
        "key_industry",
        False,
    )
    assert (fifth.industry_code, fifth.diagnosis_type, fifth.sme_class) == ("C25", "sme", "small")
    assert str(first.energy_tce) == "609710.6"


def test_sample_regional_rows_keep_their_park():
    """区域集中式 rows carry the park named in 备注."""
    rows = parse_intent_list(SAMPLES / "shandong-2021" / "intent.xlsx").rows
    regional = [r for r in rows if r.diagnosis_type == "regional"]
    assert regional
    assert all(r.remarks.endswith("开发区") for r in regional)
