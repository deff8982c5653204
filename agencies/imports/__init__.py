"""Spreadsheet imports of the agency-side forms (附件2 服务机构推荐名单)."""

from .agency_list import AGENCY_COLUMNS, OPTIONAL_COLUMNS, AgencyRow, parse_agency_list

__all__ = ["AGENCY_COLUMNS", "OPTIONAL_COLUMNS", "AgencyRow", "parse_agency_list"]
