"""The bench's own server and load tools: gunicorn on a free localhost port, wrk against it,
bare views that replay a page's SQL and template, and the sessions the requests carry."""
