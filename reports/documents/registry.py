"""Registers the document builders with the job machinery (called from ReportsConfig.ready()).

The builders do not register themselves: ready() imports their BUILDERS tables and hands them
to `register_builders`, so this module imports no builder and no builder imports it.
Who may ask for which scope is checked before the job exists (reports/documents/services.py).
"""

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from portal.choices import DocumentKind
from portal.jobs import Builder, Progress, register_builder
from portal.models import DocumentJob

# Integration tests slow a worker's renders down to kill it mid-way; unset everywhere else.
TEST_DELAY_ENV = "PORTAL_TEST_RENDER_DELAY"

Build = Callable[[DocumentJob, Path, Progress], str]


def _test_delay(progress: Progress) -> None:
    delay = float(os.environ.get(TEST_DELAY_ENV) or 0)
    steps = 20
    for step in range(steps if delay > 0 else 0):
        progress(step, steps * 4)  # up to a quarter: the render itself reports the rest
        time.sleep(delay / steps)


def _with_test_delay(build: Build) -> Build:
    def wrapped(job: DocumentJob, path: Path, progress: Progress) -> str:
        _test_delay(progress)
        return build(job, path, progress)

    return wrapped


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
            builder = builders[kind]
            register_builder(
                kind, Builder(build=_with_test_delay(builder.build), version=builder.version)
            )
