"""典型案例库: the excellent cases marked at acceptance, as searchable and shareable case pages."""
