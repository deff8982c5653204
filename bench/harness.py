"""The measuring kit: each bench module returns Measurements; the runner prints the table.

A Measurement compares `ours` with a `floor` — the bare library doing the same essential work,
timed in the same run on the same machine — so the goal is a ratio that does not depend on how
fast the machine is. Time is the median of `repeat` runs; memory is the tracemalloc peak of one
run (Python allocations: openpyxl, zipfile and our code are all Python).
"""

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Measurement:
    name: str
    ours: Callable[[], Any]
    floor: Callable[[], Any]
    goal: float
    repeat: int = 5
    memory_goal_mib: float | None = None
    memory_mode: str = "delta"  # "delta": ours ≤ floor + goal; "absolute": ours ≤ goal
    note: str = ""


@dataclass
class Result:
    name: str
    ours_s: float
    floor_s: float
    goal: float
    ours_mib: float | None = None
    floor_mib: float | None = None
    memory_goal: str = ""
    memory_ok: bool = True
    other_ok: bool = True  # a second goal of the measurement (e.g. p95 under load), in its note
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.ours_s / self.floor_s if self.floor_s else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio <= self.goal and self.memory_ok and self.other_ok


def _time(fn: Callable[[], Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _peak_mib(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def run(measurement: Measurement) -> Result:
    # A measurement with its own `measure()` (a load test reading a load tool's percentiles)
    # times itself; it still reports ours and floor in seconds against a goal ratio.
    if hasattr(measurement, "measure"):
        return measurement.measure()
    # Interleave warm-up so neither side profits from a warmer cache.
    measurement.floor()
    measurement.ours()
    floor_s = _time(measurement.floor, measurement.repeat)
    ours_s = _time(measurement.ours, measurement.repeat)
    result = Result(measurement.name, ours_s, floor_s, measurement.goal)
    result.extra["note"] = measurement.note
    if measurement.memory_goal_mib is not None:
        result.ours_mib = _peak_mib(measurement.ours)
        result.floor_mib = _peak_mib(measurement.floor)
        if measurement.memory_mode == "absolute":
            result.memory_ok = result.ours_mib <= measurement.memory_goal_mib
            result.memory_goal = f"≤ {measurement.memory_goal_mib:.0f} MiB"
        else:
            result.memory_ok = result.ours_mib <= result.floor_mib + measurement.memory_goal_mib
            result.memory_goal = f"≤ floor + {measurement.memory_goal_mib:.0f} MiB"
    return result


def table(results: list[Result]) -> str:
    lines = [
        "| measurement | ours | floor | ratio | goal | peak memory (ours / floor) | pass | notes |",
        "|---|---:|---:|---:|---:|---|:---:|---|",
    ]
    for r in results:
        memory = ""
        if r.ours_mib is not None:
            memory = f"{r.ours_mib:.1f} / {r.floor_mib:.1f} MiB ({r.memory_goal})"
        lines.append(
            f"| {r.name} | {r.ours_s * 1000:.1f} ms | {r.floor_s * 1000:.1f} ms | "
            f"{r.ratio:.2f} | ≤ {r.goal:.2f} | {memory} | {'✅' if r.passed else '❌'} | "
            f"{r.extra.get('note', '')} |"
        )
    return "\n".join(lines)
