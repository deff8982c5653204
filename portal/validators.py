"""Validators shared by every app: the unified social credit code (GB 32100-2015) identifies both
agencies and enterprises, and its positions 3–8 are a division code (GB/T 2260).

Each returns the normalised value or raises ValidationError saying what is wrong; they also work
as model-field and DRF validators.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.spreadsheets.cells import normalize_text

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# The province-level prefixes of GB/T 2260 (the 31 of provinces/data/organizers_provincial.csv),
# and 台湾, 香港, 澳门, which are not organizers but appear in credit codes.
PROVINCE_PREFIXES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
NATIONAL_REGISTRAR = "100000"  # the division of a national-level registering authority


def normalize_code(value: object) -> str:
    """NFKC (full-width to half-width), every kind of white space removed, upper case."""
    return normalize_text(value).upper()


def credit_check_character(first17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: object) -> str:
    """GB 32100-2015: 18 characters from the 31-character set, the last one a check character,
    and the registering authority's division in positions 3–8. Returns the normalised code;
    raises ValidationError naming the position that is wrong.

    The GB 11714 organisation-code check (positions 9–17) is deliberately not applied.
    """
    code = normalize_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d.")
            % {"n": len(code)},
            code="length",
        )
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CHARSET:
            raise ValidationError(
                _(
                    "Character %(pos)d (“%(char)s”) is not allowed in a credit code "
                    "(I, O, S, V and Z are never used)."
                )
                % {"pos": position, "char": char},
                code="character",
            )
    expected = credit_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "Check character (position 18) should be “%(expected)s”, not “%(got)s”: "
                "the code has a typing error."
            )
            % {"expected": expected, "got": code[17]},
            code="check",
        )
    division = code[2:8]
    if division != NATIONAL_REGISTRAR and not is_known_division(division):
        raise ValidationError(
            gettext_lazy(
                "Positions 3–8 (%(division)s) are not a known administrative division code."
            ),
            code="division",
            params={"division": division},
        )
    return code


def validate_division_code(value: object) -> str:
    """A GB/T 2260 division code: 6 digits under a known province-level prefix."""
    code = normalize_code(value)
    if not re.fullmatch(r"\d{6}", code):
        raise ValidationError(
            gettext_lazy("A division code has 6 digits, not “%(value)s”."),
            code="format",
            params={"value": value},
        )
    if not is_known_division(code):
        raise ValidationError(
            gettext_lazy("%(code)s is not under a known province-level division."),
            code="unknown",
            params={"code": code},
        )
    return code


def is_known_division(code: str) -> bool:
    return code.isdigit() and code[:2] in PROVINCE_PREFIXES
