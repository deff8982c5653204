"""The limit standards of migration 0016, read from the definition files of
github:adgo07/ECQuota-Insight (data/definitions/gb-*.json).

Every value below was typed by hand from those files, not read from the shipped CSV: a row
changed in the file fails here. Each standard is checked at and between its table points; the
year in force is the transcription's effective date, so the edition is chosen by the campaign's
year."""

from decimal import Decimal

import pytest

from reports.benchmarking.datafiles import remaining_limit_standard_tables
from reports.benchmarking.selectors import entries_for_year
from reports.calculations.benchmarking import benchmark_level
from reports.models import BenchmarkEntry, BenchmarkTable
from tests.factories import CampaignFactory
from tests.reports.benchmarking.test_limit_standards import add_row, entry_of
from tests.reports.reporting import published_task

REPO = "github:adgo07/ECQuota-Insight@"
C882 = "882a07e02e107340177d54ea6180ae45fd57bcda"
C62E = "62e6f2bd343bb7e32db602e124f1df3bf3dbe180"
CE44 = "e441c93267817392c5aaa5c097bfe08ae4d04cbd"

# (standard, edition, year in force, table, product, indicator, unit, grade 1, 2, 3, commit of
# the definition file read) — one row of every standard loaded, hand-typed.
SAMPLES = [
    ("GB 21346", "2022", 2024, "表1", "电解铝", "铝液交流电耗", "kWh/t", 12950, 13000, 13350, C882),
    (
        "GB 29436",
        "2023",
        2024,
        "表1",
        "烟煤制甲醇",
        "单位产品综合能耗",
        "kgce/t",
        1380,
        1400,
        1800,
        C62E,
    ),
    (
        "GB 29438",
        "2012",
        2013,
        "4.1～4.3",
        "聚甲醛",
        "单位产品能耗",
        "kgce/t",
        2000,
        2100,
        2800,
        C62E,
    ),
    (
        "GB 33654",
        "2017",
        2018,
        "表1",
        "建筑石膏",
        "单位产品可比综合能耗",
        "kgce/t",
        "30.0",
        "39.0",
        "43.0",
        C62E,
    ),
    (
        "GB 38263",
        "2019",
        2020,
        "表1",
        "加气混凝土",
        "单位产品综合能耗",
        "kgce/m³",
        "21.0",
        "25.2",
        "37.3",
        C62E,
    ),
    (
        "GB 30526",
        "2019",
        2020,
        "表1、表2",
        "泡沫玻璃（自制熔容玻璃）",
        "单位产品能耗",
        "kgce/t",
        520,
        635,
        730,
        C62E,
    ),
    (
        "GB 21370",
        "2017",
        2018,
        "表1、表2",
        "石墨化工序（超高功率石墨电极）",
        "单位产品电耗",
        "kWh/t",
        4685,
        4930,
        5480,
        C882,
    ),
    (
        "GB 29141",
        "2012",
        2013,
        "表1、表2、表3",
        "工业硫酸（铜、镍冶炼烟气）",
        "单位产品综合能耗",
        "kgce/t",
        -30,
        3,
        16,
        C62E,
    ),
    (
        "GB 29141",
        "2024",
        2025,
        "表1",
        "硫铁矿制酸（浓硫酸）",
        "单位产品综合能耗",
        "kgce/t",
        -110,
        -100,
        -90,
        CE44,
    ),
    (
        "GB 21341",
        "2022",
        2024,
        "表1",
        "高碳铬铁",
        "单位产品综合能耗",
        "kgce/t",
        800,
        850,
        900,
        C882,
    ),
    (
        "GB 21256",
        "2025",
        2026,
        "表1",
        "烧结工序（不配用稀土矿、钒钛磁铁矿、红土镍矿）",
        "工序单位产品能耗",
        "kgce/t",
        43,
        46,
        52,
        C882,
    ),
    (
        "GB 16780",
        "2021",
        2022,
        "表2",
        "水泥熟料（厂区海拔≤1500 m）",
        "熟料单位产品综合电耗",
        "kWh/t",
        48,
        57,
        61,
        C882,
    ),
    (
        "GB 25323",
        "2023",
        2024,
        "表7",
        "镍冶炼（镍精矿-电解镍）",
        "单位产品综合能耗",
        "kgce/t",
        3450,
        3650,
        4680,
        C882,
    ),
]
# Rows per standard in the shipped file (counted by hand in the definition files, less the rows
# left out).
ROWS = {
    ("GB 21346", "2022"): 8,
    ("GB 29436", "2023"): 8,
    ("GB 29438", "2012"): 1,
    ("GB 33654", "2017"): 1,
    ("GB 38263", "2019"): 7,
    ("GB 30526", "2019"): 7,
    ("GB 21370", "2017"): 19,
    ("GB 29141", "2012"): 12,
    ("GB 29141", "2024"): 14,
    ("GB 21341", "2022"): 9,
    ("GB 21256", "2025"): 2,
    ("GB 16780", "2021"): 4,
    ("GB 25323", "2023"): 59,
}


def test_every_standard_of_the_file_has_a_hand_typed_sample():
    tables = remaining_limit_standard_tables()
    assert {(t["code"], t["edition"]) for t in tables} == {(s[0], s[1]) for s in SAMPLES}
    assert {(t["code"], t["edition"]): len(t["entries"]) for t in tables} == ROWS


@pytest.mark.django_db
@pytest.mark.parametrize("sample", SAMPLES, ids=[f"{s[0]}-{s[1]}" for s in SAMPLES])
def test_sample_row_loaded_and_graded_at_and_between_its_points(sample):
    code, edition, in_force, table_ref, product, indicator, unit, *grades, commit = sample
    g1, g2, g3 = (Decimal(str(g)) for g in grades)
    entry = entry_of(code, edition, product, indicator)
    assert (entry.leading_value, entry.advanced_value, entry.limit_value) == (g1, g2, g3)
    assert entry.unit == unit
    assert entry.table_ref == table_ref
    assert entry.table.kind == "limit_standard"
    assert entry.table.effective_year == in_force
    path = f"data/definitions/gb-{code[3:]}-{edition}.json"
    assert entry.source == f"{REPO}{commit} {path}"
    assert entry.confidence.startswith("secondary")

    def level(x):
        return benchmark_level(x, leading=g1, advanced=g2, limit=g3)

    assert level(g1) == "leading"  # a value on a point meets it
    assert level((g1 + g2) / 2) == "advanced"
    assert level(g2) == "advanced"
    assert level((g2 + g3) / 2) == "meets_limit"
    assert level(g3) == "meets_limit"
    assert level(g3 + Decimal("0.01")) == "exceeds_limit"


@pytest.mark.django_db
def test_the_other_rows_typed_by_hand():
    """More values, typed by hand; a grade the standard leaves out stays empty."""
    expected = {
        ("GB 21346", "拜耳法氧化铝", "综合能耗"): (340, 390, 460),
        ("GB 21346", "其他工艺氧化铝", "工艺能耗"): (500, 550, 650),
        ("GB 21346", "电解铝", "铝锭综合单耗"): (1670, 1680, 1720),
        ("GB 29436", "煤制乙二醇", "单位产品综合能耗"): (2450, 2850, 3100),
        ("GB 29436", "甲醇制二甲醚", "单位产品综合能耗"): (1120, 1140, 1200),
        ("GB 21370", "超高功率石墨电极", "单位产品综合能耗"): (3230, 3425, 3780),
        ("GB 21370", "焙烧工序（产品直径＞1000 mm）", "单位产品能耗"): (900, 1120, 1260),
        ("GB 29141", "工业硫酸（硫磺）", "吨酸电耗"): (60, 70, 85),
        ("GB 29141", "硫黄制酸（浓硫酸，有低温热回收）", "单位产品综合能耗"): (-160, -150, -120),
        ("GB 29141", "硫黄制酸（浓硫酸，无低温热回收）", "单位产品综合能耗"): (-160, -150, -110),
        ("GB 29141", "工业冰醋酸", "单位产品综合能耗"): (70, 80, 120),
        ("GB 21341", "硅铁", "单位产品综合能耗"): (1700, 1770, 1850),
        ("GB 21341", "高炉锰铁", "单位产品综合能耗"): (800, 950, 1050),
        ("GB 16780", "水泥熟料（厂区海拔≤1500 m）", "熟料单位产品综合能耗"): (100, 107, 117),
        ("GB 16780", "水泥制备工段", "水泥制备工段电耗"): (26, 29, 34),
        ("GB 25323", "铜冶炼（铜精矿-阴极铜）", "单位产品综合能耗"): (210, 230, 340),
        ("GB 25323", "湿法炼锌电锌锭（含渣处理）（精矿-电锌锭）", "单位产品综合能耗"): (
            1010,
            1040,
            1260,
        ),
        ("GB 25323", "铅冶炼（铅精矿-铅锭）", "单位产品综合能耗"): (300, 330, 420),
        ("GB 25323", "废电池预处理工序（废电池-铅屑、铅膏）", "单位产品综合能耗"): (
            3,
            Decimal("3.5"),
            4,
        ),
        ("GB 25323", "锡冶炼（锡精矿-锡锭、焊锡）", "单位产品综合能耗"): (1500, 1800, 2200),
        ("GB 21256", "球团工序（不配用稀土矿、钒钛磁铁矿、红土镍矿）", "工序单位产品能耗"): (
            15,
            22,
            33,
        ),
        ("GB 29141", "铅锌联合冶炼ISP低浓度SO₂烟气提浓工序", "单位SO₂提浓能耗"): (None, None, 960),
    }
    for (code, product, indicator), values in expected.items():
        entry = BenchmarkEntry.objects.get(table__code=code, product=product, indicator=indicator)
        assert (entry.leading_value, entry.advanced_value, entry.limit_value) == values


@pytest.mark.django_db
def test_rows_the_portal_cannot_apply_are_not_loaded():
    # 乙烯制乙二醇: output converted to equivalent ethylene oxide (附录E).
    assert not BenchmarkEntry.objects.filter(
        table__code="GB 29436", product="乙烯制乙二醇"
    ).exists()
    # GB 21341: the smelting electricity and coke limits are corrected by the ore grade.
    ferroalloys = BenchmarkEntry.objects.filter(table__code="GB 21341")
    assert set(ferroalloys.values_list("indicator", flat=True)) == {"单位产品综合能耗"}
    # GB 21256: only 烧结 and 球团 without the special ores; 高炉 (ore shares, feed grade) is not.
    steel = BenchmarkEntry.objects.filter(table__code="GB 21256")
    assert steel.count() == 2 and not steel.filter(product__startswith="高炉").exists()
    # GB 16780: cement itself is corrected by its clinker share (±1.10/1.15/1.20 per point).
    assert not BenchmarkEntry.objects.filter(
        table__code="GB 16780", product__startswith="水泥产品"
    ).exists()
    assert not BenchmarkEntry.objects.filter(table__code="GB 16780", product="水泥").exists()
    # Standards that were not read: no table.
    assert not BenchmarkTable.objects.filter(code__in=["GB 21342", "GB 29435"]).exists()


@pytest.mark.django_db
def test_edition_by_campaign_year():
    by_year = {
        year: {(e.table.code, e.product): e.later_edition for e in entries_for_year(year)}
        for year in (2021, 2024)
    }
    aluminium = ("GB 21346", "电解铝")
    pom = ("GB 29438", "聚甲醛")
    # GB 21346-2022 is in force from 2024: a 2021 campaign is told it has only a later edition.
    assert by_year[2021][aluminium] is True and by_year[2024][aluminium] is False
    assert by_year[2021][pom] is False
    # GB 29141: the 2012 edition until 2024, the 2024 edition (in force 2025-06-01) from 2025.
    editions = {
        year: {e.table.edition for e in entries_for_year(year) if e.table.code == "GB 29141"}
        for year in (2021, 2024, 2025, 2026)
    }
    assert editions == {2021: {"2012"}, 2024: {"2012"}, 2025: {"2024"}, 2026: {"2024"}}


@pytest.mark.django_db
def test_a_report_row_in_kwh(agency_user, enterprise):
    """Hand-checked: 电解铝 10 000 t of liquid aluminium for 133 000 000 kWh AC is 13 300 kWh/t,
    between the advanced 13 000 and the limit 13 350: 0 to the limit, (13 300 − 12 950) ×
    10 000 t = 3 500 000 kWh × 0.1229 kgce/kWh = 430.15 tce to the leading value."""
    campaign = CampaignFactory(year=2024)
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    entry = entry_of("GB 21346", "2022", "电解铝", "铝液交流电耗")
    row = add_row(task, agency_user, entry, 10000, "t", 133_000_000, "kWh")
    assert row.unit_consumption == Decimal(13300)
    assert row.level == "meets_limit"
    assert row.saving_to_limit_tce == 0
    assert row.saving_to_leading_tce == Decimal("430.15")
    assert row.standard_cited == "GB 21346-2022 表1"
    assert row.later_edition is False


@pytest.mark.django_db
def test_a_report_row_per_cubic_metre(agency_user, enterprise, campaign):
    """Hand-checked: 加气混凝土 200 000 m³ for 8 000 tce is 40 kgce/m³, over the limit 37.3:
    (40 − 37.3) × 200 000 = 540 tce to the limit, (40 − 21.0) × 200 000 = 3 800 tce to the
    leading value. The 2019 edition is in force from 2020, the only one at hand for 2021."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    entry = entry_of("GB 38263", "2019", "加气混凝土", "单位产品综合能耗")
    row = add_row(task, agency_user, entry, 200_000, "m³", 8000, "tce")
    assert row.unit_consumption == Decimal(40)
    assert row.level == "exceeds_limit"
    assert row.saving_to_limit_tce == Decimal(540)
    assert row.saving_to_leading_tce == Decimal(3800)
    assert row.later_edition is False


@pytest.mark.django_db
def test_a_report_row_exporting_energy(agency_user, enterprise):
    """Hand-checked: 硫铁矿制酸 100 000 t of concentrated acid with a net export of 9 500 tce is
    −95 kgce/t, between the advanced −100 and the limit −90: 0 to the limit, (−95 − (−110)) ×
    100 000 t = 1 500 tce to the leading value. A 2025 campaign uses the 2024 edition."""
    campaign = CampaignFactory(year=2025)
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    entry = entry_of("GB 29141", "2024", "硫铁矿制酸（浓硫酸）", "单位产品综合能耗")
    row = add_row(task, agency_user, entry, 100_000, "t", -9500, "tce")
    assert row.unit_consumption == Decimal(-95)
    assert row.level == "meets_limit"
    assert row.saving_to_limit_tce == 0
    assert row.saving_to_leading_tce == Decimal(1500)
    assert row.standard_cited == "GB 29141-2024 表1"
    assert row.later_edition is False


@pytest.mark.django_db
def test_the_largest_compressors_of_table_1_are_loaded():
    """GB 19153-2019 表1, 500–630 kW (github:adgo07/EquipEffi compressor.json R000901–R001008):
    630 kW, 0.8 MPa, air-cooled 5.8 / 6.3 / 7.0 kW/(m³/min)."""
    from reports.models import GradingTable

    table = GradingTable.objects.get(equipment_type="air_compressor", is_current=True)
    rows = [
        r
        for r in table.data["rows"]
        if r["when"]["rated_kw"]["ge"] == "630.0"
        and r["when"]["discharge_pressure_mpa"]["ge"] == "0.8"
        and r["when"]["cooling"] == "风冷"
    ]
    assert len(rows) == 1
    thresholds = {grade: Decimal(v) for grade, v in rows[0]["thresholds"].items()}
    assert thresholds == {"1": Decimal("5.8"), "2": Decimal("6.3"), "3": Decimal("7.0")}
    assert "1.5 to 630 kW" in table.note
    assert "EquipEffi" in table.source
