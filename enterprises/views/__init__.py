"""Pages of the enterprises app: the intent list, task letters, the published national list."""
