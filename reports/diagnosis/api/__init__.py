"""API of the diagnosis reports, their rows, the overview and the reference tables."""
