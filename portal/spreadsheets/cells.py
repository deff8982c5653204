"""Cleaning the raw values that spreadsheet cells hold.

Real ministry spreadsheets are typed by hand: full-width digits and brackets, stray (also
full-width and non-breaking) spaces, numbers stored as text with thousands separators.
"""

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# \s covers U+3000 and U+00A0; the zero-width characters arrive with text pasted from the web.
_SPACE_RE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_NUMBER_RE = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?")


class FormulaWithoutValue:
    """What the reader gives for a formula cell whose file stores no value for it.

    Excel stores each formula's last result beside it; files written by scripts often do not,
    and such a cell must not read as empty (which would be reported as a missing value).
    """

    __slots__ = ("coordinate",)

    def __init__(self, coordinate: str) -> None:
        self.coordinate = coordinate  # "H7"

    def __repr__(self) -> str:
        return f"FormulaWithoutValue({self.coordinate!r})"

    def __str__(self) -> str:
        return ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FormulaWithoutValue) and other.coordinate == self.coordinate

    def __hash__(self) -> int:
        return hash(self.coordinate)


def normalize_text(value: object) -> str:
    """NFKC (full-width to half-width) with every kind of white space removed.

    For matching (headers, codes, choice words), not for display.
    """
    if value is None:
        return ""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", str(value)))


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not normalize_text(value))


def clean_text(value: object) -> str:
    """The cell as display text: trimmed, inner spaces collapsed, none between Chinese characters.

    Characters are kept as typed (a legal name keeps its full-width brackets).
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number or 序号 stored as a number
    text = _SPACE_RE.sub(" ", str(value)).strip()
    return _CJK_GAP_RE.sub("", text)


def parse_decimal(value: object) -> Decimal:
    """A non-negative number from a number cell or from text.

    Accepts full-width digits, stray spaces and thousands separators (1,234.5 or 1，234.5).
    """
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _not_a_number(value)
        number = Decimal(repr(value))  # repr is the shortest text that round-trips: 609710.6
    else:
        number = _decimal_from_text(value)
    if number < 0:
        raise ValidationError(_("The value must not be negative."), code="negative")
    return number + 0  # turns -0 into 0


def parse_count(value: object) -> int:
    """A non-negative whole number (staff, planned enterprises)."""
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise ValidationError(
            _("“%(value)s” is not a whole number."), code="not_integer", params={"value": value}
        )
    return int(number)


def _decimal_from_text(value: object) -> Decimal:
    text = normalize_text(value).replace("\u2212", "-")  # NFKC keeps the minus sign U+2212
    match = _NUMBER_RE.fullmatch(text)
    if match is None or not (match[2] or match[3]):
        raise _not_a_number(value)
    try:
        return Decimal(match[1] + match[2].replace(",", "") + (match[3] or ""))
    except InvalidOperation as exc:
        raise _not_a_number(value) from exc


def _not_a_number(value: object) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a number."), code="not_a_number", params={"value": value}
    )
