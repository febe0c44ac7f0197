"""Per-client rate limit for public forms: :mod:`uitweg.core.ratelimit` keyed on the client hash."""

from __future__ import annotations

from uitweg.core import ratelimit


def hit(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one request; True while the client is within ``limit`` per ``window`` seconds."""
    return ratelimit.hit(f"signals:{scope}", ratelimit.client_key(request),
                         limit=limit, window=window).allowed
