"""Reads of the diagnosis reports: the report and its rows, gaps, reference tables, overview."""
