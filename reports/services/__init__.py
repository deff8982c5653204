"""Writes of the reports app, one module per sub-domain.

editing     the agency's draft: general fields, the file, energy/equipment/measure rows
moves       submit, return and accept (the task's moves), the excellent-case mark
feedback    the enterprise's confirmation and rating (or the organizer's phone record)
follow_up   跟踪服务: lifecycle moves, actual investment, realized savings, evidence
compute     the computed columns, from reports.calculations
totals      the report's totals, recomputed after every change
"""
