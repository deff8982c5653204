"""URL patterns of the reports app, one module per area, joined in reports/urls.py."""
