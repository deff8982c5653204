"""Pages of the reports app, one module per area (diagnosis, documents, dashboard, home)."""
