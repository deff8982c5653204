"""The data checks as pure functions, with figures checked by hand."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.utils import translation

from reports.checks.evaluate import ListRow, ReportFacts, Settings, check_list_row, check_report


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _row(**kw) -> ListRow:
    values = {
        "task_id": 7,
        "seq": 3,
        "name": "甲钢铁",
        "diagnosis_type": "key_industry",
        "energy_tce": D("2000"),
        "credit_code": "91130100MA0000000X",
        "key_sector": "steel",
        "industry": "C31 黑色金属冶炼和压延加工业",
        "organizer_region": "13",
    }
    return ListRow(**{**values, **kw})


def _measure(pk=1, category="technical", payback="2", tce="100", kwh="0", co2=None):
    tce_d = D(tce)
    return SimpleNamespace(
        pk=pk,
        title=f"措施{pk}",
        category=category,
        payback_years=D(payback) if payback is not None else None,
        savings_tce=tce_d,
        savings_kwh=D(kwh),
        co2_t=D(co2) if co2 is not None else tce_d * D("2.66"),
    )


def _equipment(pk=1, **kw):
    values = {
        "pk": pk,
        "name": "1#电机",
        "equipment_type": "motor",
        "rating": D("132"),
        "rating_unit": "kW",
        "count": 2,
        "annual_hours": D("6000"),
        "load_factor": None,
        "rating_status": "below_limit",
    }
    return SimpleNamespace(**{**values, **kw})


def _facts(**kw) -> ReportFacts:
    values = {
        "row": _row(),
        "energy_tce": D("1943"),
        "electricity_kwh": D("10000000"),
        "co2_per_tce": D("2.66"),
        "equipment": [_equipment()],
        "measures": [_measure()],
    }
    return ReportFacts(**{**values, **kw})


def _codes(findings):
    return [(f.code, f.severity, f.target) for f in findings]


def test_a_plausible_report_is_not_flagged():
    assert check_report(_facts(), Settings()) == []


def test_payback_outside_the_range_of_its_kind():
    """0.05 years for a technical measure (the demo's) is below 0.3; 20 years is above 15; a
    management measure of 4 years is within its 0–5."""
    facts = _facts(
        measures=[
            _measure(1, payback="0.05"),
            _measure(2, payback="20"),
            _measure(3, category="management", payback="4"),
            _measure(4, category="management", payback="6"),
        ]
    )
    found = check_report(facts, Settings())
    assert _codes(found) == [
        ("payback_technical", "warning", "measure:1"),
        ("payback_technical", "warning", "measure:2"),
        ("payback_management", "warning", "measure:4"),
    ]
    assert "0.05 years" in found[0].message and "0.3–15" in found[0].message
    assert found[0].where == "Measure “措施1”" and found[0].field == "payback_years"


def test_savings_larger_than_the_consumption_are_an_error():
    """1,500 + 500 tce saved of 1,943 consumed; 12,000,000 kWh saved of 10,000,000 used."""
    facts = _facts(
        measures=[_measure(1, tce="1500", kwh="12000000"), _measure(2, tce="500")],
    )
    found = check_report(facts, Settings())
    assert _codes(found) == [
        ("savings_exceed", "error", "report"),
        ("savings_exceed", "error", "report"),
    ]
    assert "2000 tce" in found[0].message and "1943 tce" in found[0].message
    assert {f.field for f in found} == {"savings_tce", "savings_kwh"}


def test_a_large_share_saved_is_a_warning():
    """700 of 1,943 tce is 36.0 % (> 30 %)."""
    found = check_report(_facts(measures=[_measure(tce="700")]), Settings())
    assert _codes(found) == [("savings_share", "warning", "report")]
    assert "save 36%" in found[0].message


def test_report_energy_far_from_the_intent_list():
    """1,943 tce reported, 12,000 listed: 84 % off."""
    found = check_report(_facts(row=_row(energy_tce=D("12000"))), Settings())
    assert _codes(found) == [("energy_vs_list", "warning", "report")]
    assert "84%" in found[0].message and "12000 tce" in found[0].message
    # 2,400 listed: 19 % off, within 30 %
    assert check_report(_facts(row=_row(energy_tce=D("2400"))), Settings()) == []


def test_equipment_against_the_electricity():
    """1,000 kW × 2 × 6,000 h = 12,000,000 kWh > 120 % of 9,000,000 kWh."""
    facts = _facts(electricity_kwh=D("9000000"), equipment=[_equipment(rating=D("1000"))])
    found = check_report(facts, Settings())
    assert _codes(found) == [("equipment_balance", "warning", "report")]
    assert "12000000 kWh" in found[0].message
    # a load factor of 0.8 brings it to 9,600,000 kWh, within 120 %
    loaded = _facts(
        electricity_kwh=D("9000000"),
        equipment=[_equipment(rating=D("1000"), load_factor=D("0.8"))],
    )
    assert check_report(loaded, Settings()) == []


def test_no_equipment_for_a_large_electricity_use():
    found = check_report(_facts(equipment=[]), Settings())
    assert _codes(found) == [("equipment_missing", "warning", "report")]
    assert check_report(_facts(equipment=[], electricity_kwh=D("4999999")), Settings()) == []


def test_equipment_without_a_grading_table_is_flagged_but_a_kiln_is_not():
    facts = _facts(
        equipment=[
            _equipment(
                1, rating=D("2000"), count=1, annual_hours=D("2000"), rating_status="no_table"
            ),
            _equipment(2, equipment_type="kiln", rating_status="no_table"),
        ]
    )
    found = check_report(facts, Settings())
    assert _codes(found) == [("equipment_no_table", "warning", "equipment:1")]
    assert "2000 kW" in found[0].message


def test_co2_off_the_campaign_factor():
    """100 tce × 2.66 = 266 t; 300 t is 12.8 % off (> 2 %)."""
    found = check_report(_facts(measures=[_measure(co2="300")]), Settings())
    assert _codes(found) == [("co2_factor", "warning", "measure:1")]
    assert "= 266 t" in found[0].message


def test_list_rows():
    """An SME diagnosis of 5,000 tce, a key-industry row outside the five sectors, a credit code
    of Shandong (37) on Hebei's (13) list."""
    assert check_list_row(_row(), Settings()) == []
    sme = check_list_row(_row(diagnosis_type="sme", energy_tce=D("5000")), Settings())
    assert _codes(sme) == [("sme_energy", "warning", "task:7")]
    assert sme[0].where == "No. 3 甲钢铁"
    assert check_list_row(_row(diagnosis_type="sme", energy_tce=D("4999")), Settings()) == []
    sector = check_list_row(_row(key_sector="", industry="C13 农副食品加工业"), Settings())
    assert _codes(sector) == [("key_sector", "warning", "task:7")]
    assert "C13" in sector[0].message
    region = check_list_row(_row(credit_code="91370100MA0000000X"), Settings())
    assert _codes(region) == [("credit_region", "warning", "task:7")]
    # an association's list has no region to compare
    assert (
        check_list_row(_row(credit_code="91370100MA0000000X", organizer_region=""), Settings())
        == []
    )


def test_the_ministry_changes_a_check_per_campaign():
    """A CheckRule row: payback of a technical measure is an error above 10 years; off silences."""
    facts = _facts(measures=[_measure(payback="12")])
    assert _codes(check_report(facts, Settings())) == []
    rule = SimpleNamespace(code="payback_technical", severity="error", low=None, high=D("10"))
    found = check_report(facts, Settings([rule]))
    assert _codes(found) == [("payback_technical", "error", "measure:1")]
    assert "0.3–10" in found[0].message  # the default lower bound stays
    off = SimpleNamespace(code="payback_technical", severity="off", low=None, high=D("10"))
    assert check_report(facts, Settings([off])) == []
