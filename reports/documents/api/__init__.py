"""API of the documents: /api/v1/documents/ (request, poll, download, retry)."""
