"""Linear interpolation between the points of a standard's table.

A table is a sequence of (x, value) points sorted by x. Between two neighbouring points the
value is interpolated linearly; at a point it is that point's value; outside the first and
last point there is no value (None): the standards do not extrapolate their tables.
"""

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import pairwise

Point = tuple[Decimal, Decimal]


def interpolate(
    points: Sequence[Point],
    x: Decimal,
    *,
    transform: Callable[[Decimal], Decimal] | None = None,
) -> Decimal | None:
    """Value at ``x``; ``transform`` (e.g. log10) is applied to the x axis before interpolating."""
    if not points or x < points[0][0] or x > points[-1][0]:
        return None
    for (x0, y0), (x1, y1) in pairwise(points):
        if x0 <= x <= x1:
            return _between(x, x0, y0, x1, y1, transform)
    # One point, or x equals the last point.
    return points[-1][1] if x == points[-1][0] else None


def _between(
    x: Decimal,
    x0: Decimal,
    y0: Decimal,
    x1: Decimal,
    y1: Decimal,
    transform: Callable[[Decimal], Decimal] | None,
) -> Decimal:
    if x == x0:
        return y0
    if x == x1:
        return y1
    if transform is not None:
        x, x0, x1 = transform(x), transform(x0), transform(x1)
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def log10(value: Decimal) -> Decimal:
    return value.log10()
