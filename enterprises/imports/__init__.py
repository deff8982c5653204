"""Spreadsheet imports of the enterprise-side forms (附件3 意向企业名单)."""

from .intent_list import (
    INTENT_COLUMNS,
    OPTIONAL_COLUMNS,
    IntentRow,
    parse_intent_list,
    template_choices,
)

__all__ = [
    "INTENT_COLUMNS",
    "OPTIONAL_COLUMNS",
    "IntentRow",
    "parse_intent_list",
    "template_choices",
]
