"""Failed-login throttling that a stranger cannot turn into a lockout (ADR 0008).

Failures are counted per (account, client) — the client being ``request.client_hash``, the keyed
daily hash, never an address. After ``LOGIN_FAILURES_LIMIT`` failures from one client for one
account, each further attempt from that client waits 1 s, 2 s, 4 s … up to
``LOGIN_THROTTLE_MAX_DELAY``; the answer says how long ("try again in N seconds"), nobody sleeps.
Another client — the real user at their own desk — is not affected.

Per account, all clients together, failures are also counted per hour. Reaching
``LOGIN_ALERT_PER_HOUR`` is an attack on that account: it raises an alert (``uitweg.security`` at
ERROR, and an entry on the organisation's account-changes page), never a lockout of everyone.

Counting goes through the one rate limiter, :mod:`uitweg.core.ratelimit`. The same rules apply to
the password step and to the second factor; unknown usernames are treated exactly like known
ones, so the answers reveal nothing about which accounts exist.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

from uitweg.core import ratelimit

PASSWORD = "login"  # noqa: S105 - the name of the step, not a password
SECOND_FACTOR = "mfa"
#: Failures per (account, client) are counted per day; the client hash rotates daily too.
CLIENT_WINDOW = 24 * 3600
ACCOUNT_WINDOW = 3600

security_log = logging.getLogger("uitweg.security")


def delay_for(failures: int, *, free: int, cap: int) -> int:
    """Seconds to wait before the next attempt after ``failures`` failures (pure)."""
    if failures < free:
        return 0
    return min(2 ** min(failures - free, 30), cap)


def account_key(login: str) -> str:
    """The same key for 'Anna', ' anna ' and 'ANNA'; whether the account exists plays no part."""
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


def _pair(step: str, login: str, client: str) -> tuple[str, str]:
    return f"accounts:{step}-failures", f"{account_key(login)}:{client}"


def _wait_key(step: str, login: str, client: str) -> str:
    return f"{ratelimit.PREFIX}:accounts:{step}-wait:{account_key(login)}:{client}"


def wait_seconds(request, *, step: str, login: str, now: float | None = None) -> int:
    """0 when this client may try this account now, else the seconds left to wait."""
    now = time.time() if now is None else now
    until = cache.get(_wait_key(step, login, ratelimit.client_key(request)))
    return max(0, math.ceil(until - now)) if until else 0


def failed(request, *, step: str, login: str, now: float | None = None) -> int:
    """Count one failure; returns the seconds the client must now wait for this account."""
    now = time.time() if now is None else now
    client = ratelimit.client_key(request)
    scope, key = _pair(step, login, client)
    count = ratelimit.hit(scope, key, limit=settings.LOGIN_FAILURES_LIMIT, window=CLIENT_WINDOW,
                          now=now).count
    delay = delay_for(count, free=settings.LOGIN_FAILURES_LIMIT,
                      cap=settings.LOGIN_THROTTLE_MAX_DELAY)
    if delay:
        cache.set(_wait_key(step, login, client), now + delay, timeout=delay + 1)
    _count_for_account(login, now=now)
    return delay


def succeeded(request, *, step: str, login: str, now: float | None = None) -> None:
    """The right password (or code) from this client: its failures for this account are over."""
    client = ratelimit.client_key(request)
    scope, key = _pair(step, login, client)
    ratelimit.reset(scope, key, window=CLIENT_WINDOW, now=now)
    cache.delete(_wait_key(step, login, client))


def _count_for_account(login: str, *, now: float) -> None:
    limit = settings.LOGIN_ALERT_PER_HOUR
    decision = ratelimit.hit("accounts:login-failures-account", account_key(login), limit=limit,
                             window=ACCOUNT_WINDOW, now=now)
    if decision.count == limit:  # exactly once per hour and account
        _alert(login, decision.count)


def _alert(login: str, count: int) -> None:
    from uitweg.accounts.models import AccountEventKind, User
    from uitweg.accounts.services import record_account_event

    security_log.error("Login alert: %d failed logins within the hour for username %r, from "
                       "several clients; the account is not locked", count, login.strip()[:150])
    user = User.objects.filter(username__iexact=login.strip()).first()
    if user is not None:
        record_account_event(user=user, kind=AccountEventKind.LOGIN_ALERT)
