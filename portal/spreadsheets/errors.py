"""The file-level error: the whole file was refused (not a row of it)."""

from django.core.exceptions import ValidationError


class SpreadsheetError(ValidationError):
    """The file cannot be read as the expected form; `str()` is the message for the user.

    A ValidationError, so forms and DRF serializers show it like any other invalid input.
    """

    def __str__(self) -> str:
        return " ".join(self.messages)
