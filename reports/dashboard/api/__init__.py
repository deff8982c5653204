"""API of the dashboard, the scorecards and the national exports."""
