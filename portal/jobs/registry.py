"""What renders each DocumentKind.

Apps register a builder per kind from their AppConfig.ready() (reports: the forms, summary,
letters, published list, packages and exports). A builder gets the job and a `progress(done,
total)` callback, writes the file to the path it is given and returns the file name the user
downloads. It must be deterministic for unchanged data: the job's fingerprint includes the
builder's `version(job)` (e.g. the latest update time of the rows it reads).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal.models import DocumentJob

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Builder:
    build: Callable[[DocumentJob, Path, Progress], str]
    version: Callable[[DocumentJob], str] = lambda job: ""


REGISTRY: dict[str, Builder] = {}


def register_builder(kind: str, builder: Builder) -> None:
    REGISTRY[kind] = builder
