"""The attachment form layouts as data (reports/documents/render/layouts.py, reports/data/forms/)."""

import pytest

from reports.documents.render.layouts import (
    LayoutError,
    layout_from_dict,
    layouts_for,
    load_default_layouts,
    normalize_header,
)

# The header row of the ministry's 附件3 (public copy of the 2021 form).
INTENT_HEADERS = [
    "序号",
    "企业名称",
    "所在地市",
    "所在区县",
    "所属行业",
    "组织机构代码",
    "上年度综合能源消费量（吨标准煤）",
    "节能诊断类型",
    "提供服务的机构",
    "是否中小企业",
    "备注",
]
AGENCY_HEADERS = [
    "序号",
    "机构名称",
    "统一社会信用代码",
    "机构性质",
    "所在地",
    "擅长行业/诊断领域",
    "专职技术人员数",
    "近年节能诊断/能源审计业绩",
    "拟服务企业数量",
    "联系人",
    "职务",
    "电话",
    "邮箱",
    "备注",
]


def test_default_layouts_cover_forms_one_to_three():
    """2021 ships layouts for 附件1, 附件2 and 附件3 with their labels and year titles."""
    layouts = load_default_layouts(2021)
    assert sorted(layouts) == [1, 2, 3]
    assert [layouts[n].label for n in (1, 2, 3)] == ["附件1", "附件2", "附件3"]
    assert layouts[1].title_for(2021) == "2021年度节能诊断服务工作计划表"
    assert layouts[2].title_for(2021) == "2021年度节能诊断服务机构推荐名单"
    assert layouts[3].title_for(2021) == "2021年度节能诊断服务意向企业名单"


def test_intent_layout_has_the_ministry_headers_in_order():
    """附件3's columns are the public form's, in its order."""
    assert [c.header for c in load_default_layouts(2021)[3].columns] == INTENT_HEADERS


def test_agency_layout_has_the_ministry_headers_in_order():
    """附件2's columns are those of the ministry's recommendation list."""
    assert [c.header for c in load_default_layouts(2021)[2].columns] == AGENCY_HEADERS


def test_plan_layout_groups_the_five_types_under_one_header():
    """附件1 has the counts by the five diagnosis types under one group header."""
    plan = load_default_layouts(2021)[1]
    grouped = [c.header for c in plan.columns if c.group]
    assert grouped == ["重点行业", "中小企业", "重点用能设备", "区域集中式", "跟踪服务"]
    assert len({c.group for c in plan.columns if c.group}) == 1


def test_intent_layout_has_the_four_notes():
    """The notes under 附件3 state the agency rule, the five types, the park and the SME rule."""
    notes = load_default_layouts(2021)[3].notes
    assert len(notes) == 4
    assert notes[0].startswith("注：1. 每家企业只能对应一家服务机构")
    assert "工信部联企业〔2011〕300号" in notes[3]


def test_layout_survives_a_round_trip_through_a_dict():
    """A campaign stores the dict; parsing it back gives the same layout."""
    for layout in load_default_layouts(2021).values():
        assert layout_from_dict(layout.to_dict()) == layout


def test_year_without_its_own_file_uses_the_nearest_layout_with_its_own_year():
    """2019 (imported history) falls back to the bundled layout, titled 2019."""
    layouts = load_default_layouts(2019)
    assert layouts[3].title_for(2019) == "2019年度节能诊断服务意向企业名单"


def test_campaign_layout_overrides_the_default():
    """A form stored on the campaign replaces the bundled one; the others stay."""
    changed = load_default_layouts(2021)[3].to_dict()
    changed["title"] = "{year}年度节能诊断服务企业名单（修订）"
    layouts = layouts_for({"forms": {"3": changed}}, 2022)
    assert layouts[3].title_for(2022) == "2022年度节能诊断服务企业名单（修订）"
    assert layouts[2].title_for(2022) == "2022年度节能诊断服务机构推荐名单"


def test_header_lookup_accepts_full_width_and_spaces_and_aliases():
    """Headers match after NFKC and without spaces; aliases name the same column."""
    layout = load_default_layouts(2021)[3]
    assert layout.column_for_header(" 上年度综合能源消费量(吨标准煤) ").key == "energy_tce"
    assert layout.column_for_header("统一社会信用代码").key == "credit_code"
    assert layout.column_for_header("企 业 名 称").key == "name"
    assert layout.column_for_header("不存在的列") is None
    assert normalize_header("（　）") == "()"


def test_national_variant_adds_organizer_column_after_sequence():
    """The national list has a 填报单位 column right after 序号."""
    layout = load_default_layouts(2021)[3].with_organizer_column()
    assert layout.keys[:3] == ("seq", "organizer", "name")
    assert layout.column("organizer").header == "填报单位"


def test_national_variant_of_plan_keeps_its_own_organizer_column():
    """附件1 already starts with 填报单位, so it gets no second one."""
    plan = load_default_layouts(2021)[1]
    assert plan.with_organizer_column() is plan


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "节能诊断服务意向企业名单"}, "{year}"),
        ({"columns": [{"key": "a", "header": "甲"}, {"key": "a", "header": "乙"}]}, "duplicate"),
        ({"columns": [{"key": "a"}]}, "'key' and 'header'"),
        ({"columns": [{"key": "a", "header": "甲", "colour": "red"}]}, "unknown"),
        ({"columns": [{"key": "a", "header": "甲", "align": "middle"}]}, "align"),
    ],
)
def test_invalid_layouts_are_refused_with_a_reason(change, message):
    """A broken layout dict raises LayoutError saying what is wrong."""
    data = {
        "form": 3,
        "label": "附件3",
        "title": "{year}年度名单",
        "columns": [{"key": "seq", "header": "序号"}],
    }
    data.update(change)
    with pytest.raises(LayoutError, match=message):
        layout_from_dict(data)


def test_group_columns_must_be_adjacent():
    """A group header can only span neighbouring columns."""
    data = {
        "form": 1,
        "label": "附件1",
        "title": "{year}年度计划",
        "columns": [
            {"key": "a", "header": "甲", "group": "其中"},
            {"key": "b", "header": "乙"},
            {"key": "c", "header": "丙", "group": "其中"},
        ],
    }
    with pytest.raises(LayoutError, match="adjacent"):
        layout_from_dict(data)
