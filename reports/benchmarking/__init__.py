"""Product energy benchmarking (能效对标): tables of national values, report product rows,
the ministry's table pages and uploads, and the benchmarking figures of the dashboard and 附件4."""
