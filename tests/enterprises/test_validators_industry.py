"""所属行业 as spreadsheets write it, resolved to a GB/T 4754-2017 division."""

import pytest
from django.core.exceptions import ValidationError

from enterprises.validators import Industry, resolve_industry

STEEL = Industry("C31", "黑色金属冶炼和压延加工业", "钢铁")


@pytest.mark.parametrize("value", ["C31", "c31", "Ｃ３１", " C 31 ", "31"])
def test_division_code_variants(value):
    """Division codes in any case and width, with or without the section letter."""
    assert resolve_industry(value) == STEEL


@pytest.mark.parametrize("value", ["3110", 3110, 3110.0, "３１１０", "311", "C3110"])
def test_class_and_group_codes_resolve_to_their_division(value):
    """A 4-digit class (or 3-digit group) code resolves by its first two digits."""
    assert resolve_industry(value) == STEEL


def test_division_name_resolves():
    """The 2017 name of the division resolves to it."""
    assert resolve_industry("黑色金属冶炼和压延加工业") == STEEL


def test_older_edition_name_resolves():
    """Names from earlier editions that spreadsheets still carry resolve too."""
    assert resolve_industry("化学原料及化学制品制造业").code == "C26"


@pytest.mark.parametrize(
    ("word", "code"),
    [("钢铁", "C31"), ("有色", "C32"), ("石化", "C25"), ("化工", "C26"), ("建材", "C30")],
)
def test_sector_words_resolve_to_the_key_divisions(word, code):
    """The programme's five key-sector words each name one division."""
    assert resolve_industry(word).code == code


def test_sector_word_with_hangye_suffix_resolves():
    """ "钢铁行业" is the same as "钢铁"."""
    assert resolve_industry("钢铁行业") == STEEL


def test_non_key_division_has_no_key_sector():
    """Divisions outside the five key industries carry no sector word."""
    assert resolve_industry("C36") == Industry("C36", "汽车制造业", None)


def test_unknown_text_is_refused_with_the_accepted_forms():
    """Free text that is no code, name or sector word gets an error listing what is accepted."""
    with pytest.raises(ValidationError) as info:
        resolve_industry("炼钢")
    assert info.value.code == "unknown"
    assert "C31" in info.value.messages[0]
    assert "钢铁" in info.value.messages[0]


@pytest.mark.parametrize("value", ["A01", "E47", "99", "5110"])
def test_divisions_outside_the_programme_are_refused(value):
    """Agriculture, construction and services are outside the programme's B06–D46."""
    with pytest.raises(ValidationError) as info:
        resolve_industry(value)
    assert info.value.code == "out_of_scope"


def test_wrong_section_letter_is_refused():
    """B31 is refused: division 31 is in section C."""
    with pytest.raises(ValidationError) as info:
        resolve_industry("B31")
    assert info.value.code == "section"
    assert "C" in info.value.messages[0]


@pytest.mark.parametrize(
    "value",
    [
        "C31 黑色金属冶炼和压延加工业",  # what the portal's own drop-down shows
        "C31\u3000黑色金属冶炼和压延加工业",
        "C31黑色金属冶炼和压延加工业",
        "C31-黑色金属冶炼和压延加工业",
        "C31：黑色金属冶炼和压延加工业",
        "（C31）黑色金属冶炼和压延加工业",
        "黑色金属冶炼和压延加工业（C31）",
        "黑色金属冶炼和压延加工业 C31",
        "31 黑色金属冶炼和压延加工业",
        "ｃ３１　黑色金属冶炼及压延加工业",  # full width, the 2011 name
        "C31 钢铁",
        "C3110 炼铁",  # a class code with its class name
        "3110炼铁",
    ],
)
def test_code_with_name_resolves(value):
    """A code written with its name, in the forms real files use, resolves to the division."""
    assert resolve_industry(value) == STEEL


def test_names_with_punctuation_resolve_without_it():
    """A division name whose 、 was dropped or typed differently still resolves."""
    assert resolve_industry("C15 酒、饮料和精制茶制造业").code == "C15"
    assert resolve_industry("酒饮料和精制茶制造业").code == "C15"
    assert resolve_industry("酒，饮料和精制茶制造业").code == "C15"


@pytest.mark.parametrize(
    "value", ["C31 有色金属冶炼和压延加工业", "C31 汽车制造业", "C3110 汽车制造业", "C31 汽车"]
)
def test_code_and_name_that_disagree_are_refused(value):
    """When the name is another division's (or no part of the code's), the cell is refused."""
    with pytest.raises(ValidationError) as info:
        resolve_industry(value)
    assert info.value.code == "code_name_mismatch"
    assert "C31 黑色金属冶炼和压延加工业" in info.value.messages[0]
