"""Registers the document builders with the job machinery (called from ReportsConfig.ready()).

The builders do not register themselves: ready() imports their BUILDERS tables and hands them
to `register_builders`, so this module imports no builder and no builder imports it.
Who may ask for which scope is checked before the job exists (reports/documents/services.py).
"""

from collections.abc import Mapping

from portal.choices import DocumentKind
from portal.jobs.registry import Builder, register_builder


def register_builders(*tables: Mapping[str, Builder]) -> None:
    """Register the builder of every kind in `tables` (a kind listed twice is a mistake)."""
    builders: dict[str, Builder] = {}
    for table in tables:
        for kind, builder in table.items():
            if kind in builders:
                raise ValueError(f"Two builders for document kind {kind!r}")
            builders[kind] = builder
    for kind in DocumentKind:
        if kind in builders:
            register_builder(kind, builders[kind])
