"""The one rate limiter: fixed windows counted in the cache (Redis in production).

Every limit in the platform — public forms, the chat's flood and replay budgets, login
throttling — counts through :func:`hit` (or looks without counting through :func:`peek`), so they
behave the same and hold across reconnects and across ASGI workers sharing one cache.

Keys are built by the caller from what is being limited (a conversation, a token, an account,
``request.client_hash`` — never an IP address). A window is ``window`` seconds of wall-clock time
aligned to the epoch, so ``retry_after`` is exact and needs no extra state.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache

PREFIX = "uitweg:rl"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the current window ends (0 when allowed)

    def __bool__(self) -> bool:
        return self.allowed


def _window(scope: str, key: str, window: int, now: float) -> tuple[str, int]:
    bucket = int(now // window)
    remaining = int((bucket + 1) * window - now) + 1
    return f"{PREFIX}:{scope}:{key}:{window}:{bucket}", remaining


def hit(scope: str, key: str, *, limit: int, window: int, cost: int = 1,
        now: float | None = None) -> Decision:
    """Count ``cost`` against ``limit`` per ``window`` seconds; allowed while within the limit."""
    now = time.time() if now is None else now
    cache_key, remaining = _window(scope, key, window, now)
    if cache.add(cache_key, cost, timeout=remaining + 1):
        count = cost
    else:
        try:
            count = cache.incr(cache_key, cost)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, cost, timeout=remaining + 1)
            count = cost
    allowed = count <= limit
    return Decision(allowed, count, limit, 0 if allowed else remaining)


def peek(scope: str, key: str, *, limit: int, window: int,
         now: float | None = None) -> Decision:
    """The decision :func:`hit` would give for one more unit, without counting it."""
    now = time.time() if now is None else now
    cache_key, remaining = _window(scope, key, window, now)
    count = int(cache.get(cache_key, 0))
    allowed = count < limit
    return Decision(allowed, count, limit, 0 if allowed else remaining)


def client_key(request) -> str:
    """The key for 'this client' on any page: the daily-rotating keyed hash, never the address."""
    return getattr(request, "client_hash", "") or "unknown"


def reset(scope: str, key: str, *, window: int, now: float | None = None) -> None:
    """Forget the current window's count (e.g. failed logins after a successful one)."""
    now = time.time() if now is None else now
    cache.delete(_window(scope, key, window, now)[0])
