"""Writes of the diagnosis reports, one module per sub-domain.

editing     the agency's draft: general fields, the file, energy/equipment/measure rows
moves       submit, return and accept (the task's moves), the excellent-case mark
feedback    the enterprise's confirmation and rating (or the organizer's phone record)
access      the locks and role checks the other modules share
compute     the computed columns, from reports.calculations
totals      the report's totals, recomputed after every change
"""
