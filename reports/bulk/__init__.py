"""Bulk entry of report data (issue 17): an agency fills the energy lines, equipment, measures
and products of its open reports from one workbook, checked row by row through the report
editor's own forms and services, and stored all or nothing (docs/bulk-entry.md)."""
