"""Logging a staff member in for tests, through the real MFA stage or by force."""

from __future__ import annotations

import time

from django.conf import settings

from uitweg.accounts import totp
from uitweg.accounts.middleware import LAST_SEEN, LOGIN_AT


def fresh_code(secret: str, *, margin: float = 2.0) -> str:
    """The code an authenticator with ``secret`` shows, taken while at least ``margin`` seconds
    of its 30-second step are left.

    A code read in the last moments of its step can reach the server a step later, as a slow
    browser's login did on CI. The login accepts a neighbouring step's code
    (``MFA_TOTP_TOLERANCE``), but a test should not lean on that margin: it is what
    ``accounts/tests/test_login.py`` tests. A person would wait for the next code; so does this.
    It waits once and never loops, so a frozen clock (freezegun) cannot hang it.
    """
    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    left = period - time.time() % period
    if left < margin:
        time.sleep(left + 0.05)
    return totp.code_for_secret(secret)


def current_code(user, *, margin: float = 2.0) -> str:
    return fresh_code(user.totp_secret, margin=margin)


def force_login_with_mfa(client, user):
    """A logged-in session that has passed MFA (the user has an authenticator)."""
    client.force_login(user)
    session = client.session
    session[LOGIN_AT] = time.time()
    session[LAST_SEEN] = time.time()
    session.save()
    return client
