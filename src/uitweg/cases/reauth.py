"""Confirming who is at the keyboard at the break-glass step itself (ADR 0016).

allauth's ``reauthentication_required`` accepts any authentication in the last
``REAUTHENTICATION_TIMEOUT`` seconds, the login included; for emergency access to someone else's
case file that is not enough (an unlocked screen just after login). Break-glass therefore asks
for the password or a current authenticator code on its own form, every time.

Wrong entries count through the one rate limiter (per account, ``CASES_REAUTH_ATTEMPTS`` per
``CASES_REAUTH_WINDOW`` seconds), so this form is no way around the login throttle.
"""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from uitweg.accounts import totp
from uitweg.core import ratelimit

SCOPE = "cases:break-glass-reauth"
TOTP_STEPS = (-1, 0, 1)  # the previous, current and next 30-second code (clock drift)


@dataclass(frozen=True)
class Check:
    ok: bool
    code: str = ""  # "wrong_credential" or "throttled"
    message: str = ""

    def __bool__(self) -> bool:
        return self.ok


def _limits() -> dict:
    return {"limit": settings.CASES_REAUTH_ATTEMPTS, "window": settings.CASES_REAUTH_WINDOW}


def _matches_totp(user, entered: str) -> bool:
    code = entered.replace(" ", "")
    if not code.isdigit():
        return False
    secret = totp.secret_of(user)
    if not secret:
        return False
    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    now = time.time()
    return any(hmac.compare_digest(code, totp.code_for_secret(secret, at=now + step * period))
               for step in TOTP_STEPS)


def confirm_identity(user, entered: str) -> Check:
    """The user's password, or a current code of their authenticator app."""
    key = str(user.pk)
    waiting = ratelimit.peek(SCOPE, key, **_limits())
    if not waiting:
        minutes = max(1, (waiting.retry_after + 59) // 60)
        return Check(False, "throttled", ngettext(
            "Too many attempts to confirm your identity; try again in %(n)d minute.",
            "Too many attempts to confirm your identity; try again in %(n)d minutes.",
            minutes) % {"n": minutes})
    entered = entered or ""
    if entered and (user.check_password(entered) or _matches_totp(user, entered)):
        return Check(True)
    ratelimit.hit(SCOPE, key, **_limits())
    return Check(False, "wrong_credential",
                 _("This is not your password or a current code of your authenticator app."))
