"""Logging a staff member in for tests, through the real MFA stage or by force."""

from __future__ import annotations

from uitweg.accounts import totp
from uitweg.accounts.middleware import LAST_SEEN, LOGIN_AT


def current_code(user) -> str:
    return totp.code_for_secret(user.totp_secret)


def force_login_with_mfa(client, user):
    """A logged-in session that has passed MFA (the user has an authenticator)."""
    client.force_login(user)
    session = client.session
    import time

    session[LOGIN_AT] = time.time()
    session[LAST_SEEN] = time.time()
    session.save()
    return client
