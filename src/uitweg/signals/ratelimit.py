"""Per-client rate limit for public forms, on the daily-rotating keyed client hash, in the cache."""

from __future__ import annotations

from django.core.cache import cache


def hit(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one request; True while the client is within ``limit`` per ``window`` seconds."""
    client = getattr(request, "client_hash", "") or "unknown"
    key = f"signals:rl:{scope}:{client}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
