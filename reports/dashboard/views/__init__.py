"""Pages of the dashboard: the page and its charts, the national exports, the scorecards."""
