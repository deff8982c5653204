"""Reads of the dashboard and the agency scorecards."""
