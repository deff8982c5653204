"""Performance goals as measurements against a floor measured in the same run (`make bench`)."""
