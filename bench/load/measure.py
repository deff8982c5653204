"""Measurements that time themselves: interleaved runs, and the p50 under load.

The harness times all of a floor's runs and then all of ours; on a shared machine whose load
drifts, one side can get the quiet minute. These alternate ours and floor run by run (the
order swapping each round) and take the medians.
"""

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.harness import Measurement, Result

from .wrk import Load, wrk

WARM_UP_S = 3
# A round lasts long enough for this many answers (a p50 of a few is noise), within bounds.
MIN_ANSWERS, MAX_ROUND_S = 100, 12


@dataclass
class LoadMeasurement(Measurement):
    """`ours` and `floor` take a duration and return a Load (wrk's percentiles).

    After a warm-up of each, `repeat` rounds run both, the order alternating so that neither
    side always follows the other; the result is the median of the rounds' p50s, with the
    median p95 and the request rates in the note. A round lasts `seconds`, or longer for a
    slow URL: long enough for MIN_ANSWERS answers at the warm-up's rate.
    """

    seconds: float = 5
    p95_goal: float | None = None  # also a goal for the ratio of the p95s

    def _round_seconds(self, *warm_ups: Load) -> int:
        slowest = min(load.rate for load in warm_ups)
        return round(min(MAX_ROUND_S, max(self.seconds, MIN_ANSWERS / max(slowest, 0.1))))

    def measure(self) -> Result:
        seconds = self._round_seconds(self.ours(WARM_UP_S), self.floor(WARM_UP_S))
        ours: list[Load] = []
        floor: list[Load] = []
        for round_ in range(self.repeat):
            pair = [(ours, self.ours), (floor, self.floor)]
            for samples, run in pair if round_ % 2 == 0 else pair[::-1]:
                samples.append(run(seconds))
        result = Result(self.name, _median(ours, "p50_s"), _median(floor, "p50_s"), self.goal)
        p95 = ""
        if self.p95_goal is not None:
            ratio = _median(ours, "p95_s") / _median(floor, "p95_s")
            result.other_ok = ratio <= self.p95_goal
            p95 = f" (ratio {ratio:.2f}, goal ≤ {self.p95_goal:.0f})"
        result.extra["note"] = (
            f"p95 {_median(ours, 'p95_s') * 1000:.1f} / {_median(floor, 'p95_s') * 1000:.1f} ms"
            f"{p95}, "
            f"{_median(ours, 'rate'):.0f} / {_median(floor, 'rate'):.0f} req/s "
            f"(16 connections, {self.repeat} × {seconds} s each)"
            f"{'; ' + self.note if self.note else ''}"
        )
        return result


@dataclass
class InterleavedMeasurement(Measurement):
    """The harness's measurement (median time of `repeat` runs), ours and floor alternating."""

    def measure(self) -> Result:
        self.floor()
        self.ours()
        times: dict[str, list[float]] = {"ours": [], "floor": []}
        for round_ in range(self.repeat):
            pair = [("ours", self.ours), ("floor", self.floor)]
            for side, run in pair if round_ % 2 == 0 else pair[::-1]:
                gc.collect()
                start = time.perf_counter()
                run()
                times[side].append(time.perf_counter() - start)
        ours, floor = (statistics.median(times[side]) for side in ("ours", "floor"))
        result = Result(self.name, ours, floor, self.goal)
        result.extra["note"] = self.note
        return result


def _median(loads: list[Load], attribute: str) -> float:
    return statistics.median(getattr(load, attribute) for load in loads)


def under_load(url: str, cookie: str) -> Callable[[float], Load]:
    """A callable that loads `url` for a given number of seconds."""

    def run(seconds: float) -> Load:
        return wrk(url, cookie=cookie, seconds=seconds)

    return run
