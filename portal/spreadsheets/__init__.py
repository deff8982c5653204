"""Safe, fast reading of uploaded xlsx forms, and the pieces form parsers share.

table = read_table(upload, {"name": ["企业名称"], "credit_code": ["统一社会信用代码"]})
for row in table.rows:
    row.number, row.values["name"]
"""

from .cells import clean_text, is_blank, normalize_text, parse_count, parse_decimal
from .errors import SpreadsheetError
from .headers import ColumnSpec, normalize_header
from .reader import SheetRow, Source, Table, read_table
from .results import (
    Layout,
    ParseResult,
    RowCheck,
    RowError,
    column_labels,
    only_numbered,
    parse_seq,
)
from .safety import DEFAULT_LIMITS, Limits, check_xlsx

__all__ = [
    "DEFAULT_LIMITS",
    "ColumnSpec",
    "Layout",
    "Limits",
    "ParseResult",
    "RowCheck",
    "RowError",
    "SheetRow",
    "Source",
    "SpreadsheetError",
    "Table",
    "check_xlsx",
    "clean_text",
    "column_labels",
    "is_blank",
    "normalize_header",
    "normalize_text",
    "only_numbered",
    "parse_count",
    "parse_decimal",
    "parse_seq",
    "read_table",
]
