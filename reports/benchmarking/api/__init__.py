"""API of benchmarking: benchmark tables and entries, report product rows."""
