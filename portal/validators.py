"""Validators shared by every app (the credit code identifies both agencies and enterprises)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalize_code(value: object) -> str:
    """Full-width to half-width, no white space of any kind, upper case."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return "".join(text.split()).replace("\u00a0", "").upper()


def credit_check_character(first17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: object) -> str:
    """GB 32100-2015: 18 characters from the 31-character set, the last one a check character.

    Returns the normalised code; raises ValidationError naming the position that is wrong.
    """
    code = normalize_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d.") % {"n": len(code)},
            code="length",
        )
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CHARSET:
            raise ValidationError(
                _("Character %(pos)d (“%(char)s”) is not allowed in a credit code "
                  "(I, O, S, V and Z are never used).") % {"pos": position, "char": char},
                code="character",
            )
    expected = credit_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("Check character (position 18) should be “%(expected)s”, not “%(got)s”: "
              "the code has a typing error.") % {"expected": expected, "got": code[17]},
            code="check",
        )
    return code
