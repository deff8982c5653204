"""The limit standards of migration 0015 (github:adgo07/ECQuota-Insight transcriptions).

Every value below was typed from the transcription by hand, not read from the shipped file: a
row changed in the file fails here. Each standard is checked at and between its table points;
the edition is chosen by the campaign's year."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from reports.benchmarking import services
from reports.benchmarking.selectors import entries_for_year
from reports.calculations.benchmarking import benchmark_level, unit_consumption
from reports.models import BenchmarkEntry, BenchmarkTable
from tests.reports.reporting import published_task

SOURCE = "github:adgo07/ECQuota-Insight@"

# (standard, edition, table, product, indicator, unit, grade 1, grade 2, grade 3) — one row of
# every standard loaded, hand-typed.
SAMPLES = [
    ("GB 21252", "2023", "表5", "卫生陶瓷，吸水率≤0.3%", "单位产品能耗", "kgce/t", 350, 500, 630),
    ("GB 21257", "2024", "表1", "液碱（质量分数≥30.0%）", "单位产品能耗", "kgce/t", 308, 315, 350),
    ("GB 21343", "2023", "表1", "电石", "单位产品电炉电耗", "kWh/t", 3000, 3080, 3200),
    ("GB 21344", "2023", "表3", "碳酸氢铵", "单位产品电耗", "kWh/t", 18, 20, 30),
    ("GB 29140", "2024", "表1", "氨碱法重质纯碱", "单位产品综合能耗", "kgce/t", 350, 365, 420),
    ("GB 29449", "2024", "表1", "全钢子午线轮胎", "单位产品综合能耗", "kgce/t", 215, 235, 340),
    (
        "GB 29995",
        "2024",
        "表1",
        "活性焦（原料用能不纳入）",
        "单位产品能耗",
        "kgce/t",
        650,
        680,
        750,
    ),
    ("GB 30180", "2024", "表2", "煤制天然气", "单位产品能耗", "kgce/m³", "1.1", "1.2", "1.4"),
    ("GB 32047", "2025", "表1", "啤酒", "单位产品综合能耗", "kgce/kL", 26, 35, 60),
    ("GB 45549", "2025", "表1", "鳞片石墨", "单位产品综合能耗", "kgce/t", 125, 155, 215),
    ("GB 46029", "2025", "表1", "银法甲醛", "单位产品综合能耗", "kgce/t", 680, 700, 740),
    (
        "GB 31335",
        "2024",
        "表1",
        "铁矿选矿（焙烧选别，竖炉）",
        "单位产品可比综合能耗",
        "kgce/t",
        42,
        44,
        "45.6",
    ),
    (
        "GB 31825",
        "2024",
        "表1",
        "漂白化学木浆（商品浆）",
        "单位产品能耗",
        "kgce/Adt",
        300,
        340,
        380,
    ),
    ("GB 21347", "2023", "表1", "镁", "单位产品综合能耗", "kgce/t", 3500, 4000, 5000),
    ("GB 29446", "2019", "表1", "炼焦煤选煤企业", "选煤电力单耗", "kW·h/t", 5, 7, "8.5"),
    ("GB 29448", "2022", "表1", "海绵钛全流程生产", "单位产品综合能耗", "kgce/t", 4400, 4820, 5080),
    (
        "GB 30183",
        "2013",
        "表1～表3",
        "岩棉、矿渣棉及其制品",
        "单位产品可比熔融焦耗",
        "kgce/t",
        210,
        240,
        260,
    ),
    (
        "GB 30184",
        "2013",
        "表1～表3",
        "沥青基防水卷材（无胎）",
        "单位产品综合能耗",
        "kgce/km²",
        90,
        100,
        130,
    ),
    ("GB 36888", "2018", "表1", "预拌混凝土", "单位产品运输能耗", "kgce/m³", "1.85", "2.65", "2.9"),
    ("GB 36891", "2018", "表2", "电熔莫来石", "单位产品电耗", "kW·h/t", 1320, 1400, 1600),
    ("GB 36892", "2018", "表1", "白刚玉", "单位产品电耗", "kW·h/t", 1200, 1500, 1680),
    (
        "GB 25324",
        "2022",
        "表3",
        "铝电解用石墨化阴极炭块石墨化加工工序",
        "单位产品综合能源消耗",
        "kgce/t",
        460,
        480,
        660,
    ),
    ("GB 36889", "2025", "表4", "粘胶纤维/粘胶长丝", "单位产品能耗", "kgce/t", 2700, 2900, 3000),
    (
        "GB 21350",
        "2023",
        "表10",
        "连铸连轧法/再生铜电工用铜线坯",
        "单位产品综合能耗",
        "kgce/t",
        100,
        130,
        180,
    ),
    (
        "GB 21351",
        "2023",
        "表11",
        "挤压无缝管材/挤压+退火（II类）",
        "单位产品能耗",
        "kgce/t",
        310,
        370,
        430,
    ),
    (
        "GB 21340",
        "2019",
        "表3",
        "钢化玻璃/曲面低辐射镀膜钢化玻璃/19 mm厚度",
        "单位产品能耗",
        "kW·h/m²",
        "16.82",
        "21.01",
        "23.04",
    ),
    (
        "GB 45247",
        "2025",
        "表1",
        "燃气-蒸汽联合循环发电机组（F级/300MW）",
        "供热煤耗率",
        "kgce/GJ",
        38,
        "38.5",
        39,
    ),
    ("GB 29447", "2026", "表2", "区熔锗锭", "单位产品综合能耗", "kgce/kg", "7.8", "9.5", "18.9"),
    (
        "GB 47835",
        "2026",
        "表1",
        "硅单晶（方棒）",
        "单位产品综合能耗",
        "kgce/kg",
        "1.90",
        "2.16",
        "2.58",
    ),
]
# In force from 2027-01-01 (the transcription gives the date); the others from their edition year.
IN_FORCE = {"GB 29447": 2027, "GB 47835": 2027}


def entry_of(code, edition, product, indicator) -> BenchmarkEntry:
    return BenchmarkEntry.objects.select_related("table").get(
        table__code=code, table__edition=edition, product=product, indicator=indicator
    )


def test_every_standard_of_the_file_has_a_hand_typed_sample():
    from reports.benchmarking.datafiles import limit_standard_tables

    loaded = {(t["code"], t["edition"]) for t in limit_standard_tables()}
    assert loaded == {(s[0], s[1]) for s in SAMPLES}
    assert sum(len(t["entries"]) for t in limit_standard_tables()) == 342


def add_row(task, actor, entry, output, output_unit: str, energy, energy_unit: str):
    """A product row of `task` against `entry`, as the report editor adds it."""
    return services.product_row_add(
        task_id=task.pk,
        actor=actor,
        data={"entry": entry.pk, "product": "", "output": output, "output_unit": output_unit,
              "energy": energy, "energy_unit": energy_unit},
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("sample", SAMPLES, ids=[f"{s[0]}-{s[1]}" for s in SAMPLES])
def test_sample_row_loaded_and_graded_at_and_between_its_points(sample):
    code, edition, table_ref, product, indicator, unit, *grades = sample
    g1, g2, g3 = (Decimal(str(g)) for g in grades)
    entry = entry_of(code, edition, product, indicator)
    assert (entry.leading_value, entry.advanced_value, entry.limit_value) == (g1, g2, g3)
    assert entry.unit == unit
    assert entry.table_ref == table_ref
    assert entry.table.kind == "limit_standard"
    assert entry.table.effective_year == IN_FORCE.get(code, int(edition))
    assert entry.source.startswith(SOURCE) and entry.confidence.startswith("secondary")
    values = {"leading": g1, "advanced": g2, "limit": g3}

    def level(x):
        return benchmark_level(x, **values)

    assert level(g1) == "leading"  # a value on a point meets it
    assert level((g1 + g2) / 2) == "advanced"
    assert level(g2) == "advanced"
    assert level((g2 + g3) / 2) == "meets_limit"
    assert level(g3) == "meets_limit"
    assert level(g3 + Decimal("0.01")) == "exceeds_limit"


@pytest.mark.django_db
def test_rows_with_correction_factors_are_not_loaded():
    # GB 21340 flat glass (a×b×c×d), GB 31825 machine-made paper (additive), GB 21252 tiles
    # (thickness factor), GB 21351 forgings (per forging heat), GB 45247 power rate: left out.
    left_out = [
        ("GB 21340", "平板玻璃（500 t/d＜生产线设计生产能力≤800 t/d）"),
        ("GB 31825", "新闻纸"),
        ("GB 21252", "陶瓷板"),
        ("GB 21351", "自由锻件/锻造"),
        ("GB 47835", "硅单晶片"),
        ("GB 45247", "燃气-蒸汽联合循环发电机组（F级/300MW）供电煤耗率"),
    ]
    for code, product in left_out:
        assert not BenchmarkEntry.objects.filter(table__code=code, product=product).exists()
    # Whole standards left out: corrections (29445, 21258) or higher-is-better (47834). GB 16780's
    # cement stays out (clinker share); its clinker and grinding rows came with migration 0016.
    assert not BenchmarkTable.objects.filter(code__in=["GB 29445", "GB 21258", "GB 47834"]).exists()
    assert not BenchmarkEntry.objects.filter(
        table__code="GB 16780", product__startswith="水泥产品"
    ).exists()


@pytest.mark.django_db
def test_a_grade_missing_in_the_standard_stays_missing():
    bias = entry_of("GB 29449", "2024", "斜交轮胎", "单位产品综合能耗")
    assert (bias.leading_value, bias.advanced_value, bias.limit_value) == (None, None, 515)
    assert benchmark_level(515, limit=bias.limit_value) == "meets_limit"
    assert benchmark_level(516, limit=bias.limit_value) == "exceeds_limit"


def test_kw_h_as_the_standards_write_it_is_kwh():
    # 选煤: 6 000 000 kWh for 1 000 000 t is 6 kW·h/t.
    assert unit_consumption(
        energy=6_000_000, energy_unit_text="kWh", output=100, output_unit="万t", indicator="kW·h/t"
    ) == Decimal(6)


@pytest.mark.django_db
def test_edition_by_campaign_year():
    by_year = {
        year: {(e.table.code, e.product): e.later_edition for e in entries_for_year(year)}
        for year in (2021, 2024, 2025, 2026, 2027)
    }
    viscose = ("GB 36889", "粘胶纤维/粘胶长丝")
    glass = ("GB 21340", "钢化玻璃/曲面低辐射镀膜钢化玻璃/19 mm厚度")
    # Only the 2025 edition is at hand: used for 2021 and 2024, and said.
    assert by_year[2021][viscose] is True and by_year[2024][viscose] is True
    assert by_year[2025][viscose] is False
    # The 2019 edition is in force from 2019.
    assert by_year[2021][glass] is False
    # GB 29447-2026 applies from 2027: a 2026 campaign is told it has only a later edition.
    germanium = ("GB 29447", "区熔锗锭")
    assert by_year[2026][germanium] is True and by_year[2027][germanium] is False


@pytest.mark.django_db
def test_a_report_row_against_a_new_table(agency_user, enterprise, campaign):
    """Hand-checked: 1 000 t of 30 % caustic soda for 330 tce is 330 kgce/t, between the
    advanced 315 and the limit 350: 0 tce to the limit, (330 − 308) × 1 000 t = 22 tce to the
    leading value. The 2021 campaign uses the 2024 edition, the only one at hand, and says so."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    entry = entry_of("GB 21257", "2024", "液碱（质量分数≥30.0%）", "单位产品能耗")
    row = add_row(task, agency_user, entry, 1000, "t", 330, "tce")
    assert row.unit_consumption == Decimal(330)
    assert row.level == "meets_limit"
    assert row.saving_to_limit_tce == 0
    assert row.saving_to_leading_tce == Decimal(22)
    assert row.standard_cited == "GB 21257-2024 表1"
    assert row.later_edition is True


@pytest.mark.django_db
def test_a_report_row_in_kwh(agency_user, enterprise, campaign):
    """Hand-checked: 白刚玉 2 000 t for 3 400 000 kWh is 1 700 kW·h/t, over the limit 1 680:
    (1 700 − 1 680) × 2 000 = 40 000 kWh = 4.916 tce to the limit (0.1229 kgce/kWh)."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    entry = entry_of("GB 36892", "2018", "白刚玉", "单位产品电耗")
    row = add_row(task, agency_user, entry, 2000, "t", 3_400_000, "kWh")
    assert row.unit_consumption == Decimal(1700)
    assert row.level == "exceeds_limit"
    assert row.saving_to_limit_tce == Decimal("4.916")
    assert row.later_edition is False


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    before = BenchmarkEntry.objects.count()
    call_command("load_benchmarks", stdout=__import__("io").StringIO())
    # 359 of migrations 0011 and 0015, 151 of 0016 (tests/reports/benchmarking/
    # test_remaining_limit_standards.py); 29 + 13 tables from the transcription.
    assert BenchmarkEntry.objects.count() == before == 510
    assert BenchmarkTable.objects.filter(source__startswith=SOURCE).count() == 42


@pytest.mark.django_db
def test_every_choice_of_the_product_form_is_told_apart():
    """Two indicators of one product in one table (岩棉, 预拌混凝土) read differently."""
    from reports.benchmarking.forms import ProductRowForm

    for year in (2021, 2026):
        labels = [
            label
            for _value, label in ProductRowForm(entries=entries_for_year(year))
            .fields["entry"]
            .choices
        ]
        assert len(labels) == len(set(labels))
        assert any("岩棉、矿渣棉及其制品 · 单位产品可比熔融焦耗 · kgce/t" in x for x in labels)
