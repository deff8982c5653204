"""Pages of the diagnosis reports: the list and editor (report), acceptance and feedback."""
