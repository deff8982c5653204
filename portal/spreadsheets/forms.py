"""The loop every form parser shares: find the columns, clean each numbered row, collect errors."""

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, TypeVar

from .reader import SheetRow, Source, read_table
from .results import Layout, ParseResult, RowError, column_labels, only_numbered
from .safety import DEFAULT_LIMITS, Limits

RowT = TypeVar("RowT")
SeenCodes = dict[Hashable, tuple[Any, int]]
CleanRow = Callable[[SheetRow, dict[str, str], SeenCodes], tuple[RowT | None, list[RowError]]]


def parse_form(
    fileobj: Source,
    *,
    default_columns: Mapping[str, Sequence[str]],
    optional: set[str] | frozenset[str],
    clean_row: CleanRow,
    column_spec: Mapping[str, Sequence[str]] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ParseResult[RowT]:
    """Read a form sheet; raises SpreadsheetError when the file is refused as a whole.

    `clean_row(sheet_row, labels, seen_codes)` returns the clean row (or None) and its errors;
    `seen_codes` lets it report a credit code that an earlier row of the same file already has.
    """
    columns = dict(column_spec or default_columns)
    missing = set(default_columns) - set(optional) - set(columns)
    if missing:
        raise ValueError(f"column_spec lacks the fields {sorted(missing)}")
    table = read_table(fileobj, columns, required=set(columns) - set(optional), limits=limits)
    labels = column_labels(columns, table.headers)
    result: ParseResult[RowT] = ParseResult(
        organizer_text=table.organizer_text,
        layout=Layout.of(table.sheet_name, columns, table.headers, table.positions),
    )
    seen_codes: SeenCodes = {}
    for sheet_row in table.rows:
        if only_numbered(sheet_row.values):
            continue
        row, errors = clean_row(sheet_row, labels, seen_codes)
        if row is not None:
            result.rows.append(row)
        result.errors.extend(errors)
    return result
