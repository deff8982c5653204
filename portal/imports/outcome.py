"""What an import did, and the reader every import service calls first."""

from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils.translation import gettext

from portal.errors import DomainError
from portal.spreadsheets import (
    DEFAULT_LIMITS,
    Layout,
    Limits,
    ParseResult,
    RowError,
    SpreadsheetError,
)


@dataclass
class ImportOutcome:
    """What an import did (or, for a dry run, would do); nothing is written when errors exist."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)  # where the file's table is, to mark errors

    @property
    def ok(self) -> bool:
        return not self.errors


class OtherOrganizerFile(DomainError):
    """The file's 填报单位 names another organizer: the import goes on only when told to
    (the page's confirmation, the command's --other-organizer-ok, the API's other_organizer_ok).
    """

    status_code = 409
    code = "other_organizer"

    def __init__(self, *, file_text: str, named: str, importer: str):
        if file_text == named:
            message = gettext(
                "The file's 填报单位 is %(named)s, not %(importer)s. "
                "Check that this is your own file before importing it."
            )
        else:
            message = gettext(
                "The file's 填报单位 is “%(text)s”, which names %(named)s, not %(importer)s. "
                "Check that this is your own file before importing it."
            )
        message %= {"text": file_text, "named": named, "importer": importer}
        super().__init__(message, field="file")
        self.file_text = file_text
        self.named = named
        self.importer = importer


def import_limits() -> Limits:
    """The reader's limits with the documented upload cap, settings.SPREADSHEET_MAX_BYTES."""
    return replace(DEFAULT_LIMITS, max_bytes=settings.SPREADSHEET_MAX_BYTES)


def read_spreadsheet(parse, file) -> ParseResult:
    """Run a pure parser; a file refused as a whole becomes a DomainError with its reason."""
    try:
        return parse(file, limits=import_limits())
    except SpreadsheetError as exc:
        raise DomainError(str(exc)) from exc
