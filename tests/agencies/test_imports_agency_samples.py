"""The sample 附件2 files read cleanly: one row per recommended agency."""

import json

import pytest

from agencies.imports import parse_agency_list
from tests.fixtures.sheets import SAMPLES


@pytest.mark.parametrize("name", ["hebei-2021-clean", "shandong-2021"])
def test_sample_agency_lists_are_clean(name):
    """Every agency in the samples passes, as many as expect.json says."""
    expect = json.loads((SAMPLES / name / "expect.json").read_text(encoding="utf-8"))
    result = parse_agency_list(SAMPLES / name / "agencies.xlsx")
    assert result.errors == []
    assert len(result.rows) == expect["agencies"]


def test_sample_agency_row_is_normalised():
    """Counts become integers, the organizer line is returned, codes are kept normalised."""
    result = parse_agency_list(SAMPLES / "hebei-2021-clean" / "agencies.xlsx")
    row = result.rows[0]
    assert (row.seq, row.sheet_row, row.name) == (1, 5, "河北东方正泰节能技术服务有限公司")
    assert (row.technical_staff, row.planned_enterprises) == (43, 20)
    assert row.credit_code == "91130100GMB4C0BF92"
    assert result.organizer_text == "河北省工业和信息化厅"
