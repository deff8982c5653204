"""Cleaning cell values: numbers typed as text, stray spaces, full-width characters."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.spreadsheets import clean_text, is_blank, parse_count, parse_decimal, parse_seq


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (1234, Decimal("1234")),
        (609710.6, Decimal("609710.6")),
        ("1234.5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1，234.5", Decimal("1234.5")),
        ("12,345,678", Decimal("12345678")),
        ("１２３４．５", Decimal("1234.5")),
        (" 1 234.5\u3000", Decimal("1234.5")),
        (".5", Decimal("0.5")),
        ("0", Decimal("0")),
        ("-0", Decimal("0")),
    ],
)
def test_numbers_from_cells_and_text(value, number):
    """Numbers, text, full-width digits, thousands separators and spaces all parse."""
    assert parse_decimal(value) == number


def test_float_cells_keep_their_decimal_text():
    """A float cell becomes the decimal it shows, not its binary expansion."""
    assert str(parse_decimal(0.1)) == "0.1"


@pytest.mark.parametrize("value", [-1, -0.5, "-12", "－12", "\u221212"])
def test_negative_numbers_are_refused(value):
    """Negative values, with any minus sign, are refused as negative."""
    with pytest.raises(ValidationError) as info:
        parse_decimal(value)
    assert info.value.code == "negative"


@pytest.mark.parametrize("value", ["abc", "12吨", "1,23", "1.2.3", ",", "", True, float("nan")])
def test_non_numbers_are_refused(value):
    """Text that is not a number (or a misplaced separator) is refused as not a number."""
    with pytest.raises(ValidationError) as info:
        parse_decimal(value)
    assert info.value.code == "not_a_number"


@pytest.mark.parametrize(("value", "count"), [(25, 25), (25.0, 25), ("1,200", 1200), ("３０", 30)])
def test_counts_are_whole_numbers(value, count):
    """Whole numbers parse from numbers and text."""
    assert parse_count(value) == count


def test_fractional_count_is_refused():
    """A staff count of 2.5 is refused as not a whole number."""
    with pytest.raises(ValidationError) as info:
        parse_count("2.5")
    assert info.value.code == "not_integer"


def test_clean_text_trims_and_drops_spaces_between_chinese_characters():
    """Stray spaces inside a Chinese name go; spaces between Latin words stay single."""
    assert clean_text("\u3000唐山 盛泰\u00a0钢铁有限公司 ") == "唐山盛泰钢铁有限公司"
    assert clean_text("  ABC   Energy  Co. ") == "ABC Energy Co."


def test_clean_text_keeps_full_width_brackets_and_shows_whole_floats_as_integers():
    """Names keep their characters as typed; a number cell 13800000000.0 reads as digits."""
    assert clean_text("华为技术（深圳）有限公司") == "华为技术（深圳）有限公司"
    assert clean_text(13800000000.0) == "13800000000"


@pytest.mark.parametrize("value", [None, "", "  ", "\u3000", "\u200b"])
def test_blank_values(value):
    """None and white-space-only text (including U+3000 and zero-width) are blank."""
    assert is_blank(value)


@pytest.mark.parametrize(
    ("value", "seq"), [(5, 5), (5.0, 5), ("５", 5), ("5-1", "5-1"), (None, None)]
)
def test_seq_is_an_integer_when_it_is_one(value, seq):
    """序号 reads as an integer when it is one, else as its text."""
    assert parse_seq(value) == seq
