"""Errors raised by the calculations; messages are translated only when shown."""

from django.utils.translation import gettext


def gettext_noop(message: str) -> str:
    """Mark a msgid for makemessages; Django's own version needs settings at import time."""
    return message


class CalculationError(ValueError):
    """Bad input to a calculation: the caller shows ``str(error)`` to the user."""

    message = gettext_noop("The calculation input is invalid.")

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message, params)

    def __str__(self) -> str:
        # Translated at display time, so raising never needs configured settings.
        return gettext(self.message) % self.params


class UnknownUnitError(CalculationError):
    message = gettext_noop("Unknown unit “%(unit)s”.")


class IncompatibleUnitError(CalculationError):
    message = gettext_noop("A quantity in “%(unit)s” cannot be converted to “%(target)s”.")


class UnknownCarrierError(CalculationError):
    message = gettext_noop("Unknown energy carrier “%(carrier)s”.")


class InvalidNumberError(CalculationError):
    message = gettext_noop("“%(value)s” is not a valid number for %(field)s.")


class NegativeValueError(CalculationError):
    message = gettext_noop("%(field)s must not be negative.")


class NotPositiveError(CalculationError):
    message = gettext_noop("%(field)s must be greater than zero.")


class MeasuredValueNotAllowedError(CalculationError):
    message = gettext_noop("A measured heating value cannot be used for “%(carrier)s”.")


class MissingGridFactorError(CalculationError):
    message = gettext_noop("The campaign's grid emission factor is needed for this CO₂ method.")
