"""The answers the notice allows: 节能诊断类型 and 是否中小企业."""

import pytest
from django.core.exceptions import ValidationError

from enterprises.validators import SmeStatus, parse_diagnosis_type, parse_sme


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("重点行业", "key_industry"),
        ("中小企业", "sme"),
        ("重点用能设备", "key_equipment"),
        ("区域集中式", "regional"),
        ("跟踪服务", "follow_up"),
    ],
)
def test_the_five_types_map_to_stable_keys(text, key):
    """Each of the notice's five type names has one English key."""
    assert parse_diagnosis_type(text) == key


@pytest.mark.parametrize(
    "text", [" 区域 集中式 ", "区域集中式节能诊断", "区域集中式\u3000节能诊断"]
)
def test_type_tolerates_spaces_and_the_jieneng_zhenduan_suffix(text):
    """Stray spaces and the "节能诊断" suffix do not matter."""
    assert parse_diagnosis_type(text) == "regional"


def test_other_programmes_are_refused_naming_the_allowed_types():
    """清洁生产审核 is another programme; the error lists the five allowed types."""
    with pytest.raises(ValidationError) as info:
        parse_diagnosis_type("清洁生产审核")
    message = info.value.messages[0]
    assert "清洁生产审核" in message
    assert all(
        name in message
        for name in ["重点行业", "中小企业", "重点用能设备", "区域集中式", "跟踪服务"]
    )


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("否", SmeStatus(False, None)),
        ("是（小型）", SmeStatus(True, "small")),
        ("是(中型)", SmeStatus(True, "medium")),
        ("是-微型", SmeStatus(True, "micro")),
        ("中型", SmeStatus(True, "medium")),
        ("小", SmeStatus(True, "small")),
        (" 是 （ 微型企业 ） ", SmeStatus(True, "micro")),
        ("大型", SmeStatus(False, None)),
    ],
)
def test_sme_answers_parse_to_flag_and_class(text, status):
    """The usual ways of writing 是否中小企业 give (is_sme, sme_class)."""
    assert parse_sme(text) == status


def test_yes_without_a_class_is_refused():
    """The notice asks for 中型, 小型 or 微型: a bare 是 is not enough."""
    with pytest.raises(ValidationError) as info:
        parse_sme("是")
    assert info.value.code == "class_required"


@pytest.mark.parametrize("text", ["否（小型）", "是（大型）"])
def test_contradictory_answers_are_refused(text):
    """否 with an SME class, or 是 with 大型, contradicts itself."""
    with pytest.raises(ValidationError) as info:
        parse_sme(text)
    assert info.value.code == "contradiction"


@pytest.mark.parametrize("text", ["不详", "yes", "是（中小）"])
def test_other_sme_answers_are_refused(text):
    """Anything else is refused with the answers the form expects."""
    with pytest.raises(ValidationError) as info:
        parse_sme(text)
    assert info.value.code == "invalid"
    assert "否" in info.value.messages[0]
