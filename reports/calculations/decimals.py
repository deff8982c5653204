"""Decimal helpers shared by the calculations: parsing, checks and rounding."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.functional import Promise

from .errors import InvalidNumberError, NegativeValueError, NotPositiveError

Number = Decimal | int | str | float
# A field name as shown in an error: plain text or a lazily translated label.
Label = str | Promise

ONE_DECIMAL = Decimal("0.1")


def as_decimal(value: Number, *, field: Label = "value") -> Decimal:
    """Return ``value`` as a finite Decimal; floats go through ``str`` to keep what was typed."""
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise InvalidNumberError(value=value, field=field) from None
    if not result.is_finite():
        raise InvalidNumberError(value=value, field=field)
    return result


def non_negative(value: Number, *, field: Label) -> Decimal:
    result = as_decimal(value, field=field)
    if result < 0:
        raise NegativeValueError(field=field)
    return result


def positive(value: Number, *, field: Label) -> Decimal:
    result = as_decimal(value, field=field)
    if result <= 0:
        raise NotPositiveError(field=field)
    return result


def round_half_up(value: Decimal, step: Decimal = ONE_DECIMAL) -> Decimal:
    """Round the way the standards' tables are printed (0.5 rounds away from zero)."""
    return value.quantize(step, rounding=ROUND_HALF_UP)
