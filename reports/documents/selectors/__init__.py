"""Reads of the documents: the rows each form prints, letter data, package files."""
