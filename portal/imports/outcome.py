"""What an import did, and the reader every import service calls first."""

from dataclasses import dataclass, field, replace

from django.conf import settings

from portal.errors import DomainError
from portal.spreadsheets import DEFAULT_LIMITS, Limits, ParseResult, RowError, SpreadsheetError


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

    @property
    def ok(self) -> bool:
        return not self.errors


def import_limits() -> Limits:
    """The reader's limits with the documented upload cap, settings.SPREADSHEET_MAX_BYTES."""
    return replace(DEFAULT_LIMITS, max_bytes=settings.SPREADSHEET_MAX_BYTES)


def read_spreadsheet(parse, file) -> ParseResult:
    """Run a pure parser; a file refused as a whole becomes a DomainError with its reason."""
    try:
        return parse(file, limits=import_limits())
    except SpreadsheetError as exc:
        raise DomainError(str(exc)) from exc
