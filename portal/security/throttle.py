"""A fixed-window request counter in the cache (Redis in production, per process otherwise)."""

from django.core.cache import cache


def throttle_hit(key: str, *, limit: int, window: int = 3600) -> bool:
    """Count one request under `key`; False once there were more than `limit` in the window."""
    name = f"throttle:{key}"
    if cache.add(name, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add() and incr()
        cache.set(name, 1, timeout=window)
        count = 1
    return count <= limit
