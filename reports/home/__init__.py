"""The home page of each role: the next things to do and their deadlines."""
