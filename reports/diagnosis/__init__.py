"""Diagnosis reports: the agency's report, its energy, equipment and measure rows, acceptance,
the enterprise's feedback, and the campaign overview.

services/   writes (editing, moves, feedback; compute and totals for the computed columns)
selectors/  reads (report, completeness, reference tables, overview)
views/      pages (report list and editor, acceptance); forms, urls
api/        /api/v1/reports/, rows, measures, the overview and the reference tables
"""
