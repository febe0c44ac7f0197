from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from uitweg.accounts import throttle
from uitweg.crypto import aead

_TOTP_CONTEXT = "mfa.authenticator.secret"


def too_many_attempts(seconds: int) -> ValidationError:
    return ValidationError(ngettext(
        "Too many failed attempts from this device. Try again in %(seconds)d second.",
        "Too many failed attempts from this device. Try again in %(seconds)d seconds.",
        seconds) % {"seconds": seconds}, code="too_many_login_attempts")


def _login(credentials: dict) -> str:
    return str(credentials.get("username") or credentials.get("email") or "")


class AccountAdapter(DefaultAccountAdapter):
    """No self-signup: staff accounts exist only by invitation. Failed logins are throttled per
    (account, client) by :mod:`uitweg.accounts.throttle`, not by allauth's per-account limit."""

    def pre_authenticate(self, request, **credentials) -> None:
        wait = throttle.wait_seconds(request, step=throttle.PASSWORD, login=_login(credentials))
        if wait:
            raise too_many_attempts(wait)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            throttle.succeeded(request, step=throttle.PASSWORD, login=_login(credentials))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        throttle.failed(request, step=throttle.PASSWORD, login=_login(credentials))

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """Rate limits key on the daily-rotating keyed hash, never on the address itself."""
        return getattr(request, "client_hash", "") or "unknown"


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery seeds are stored encrypted with the field keys."""

    def encrypt(self, text: str) -> str:
        return aead.encrypt(text, context=_TOTP_CONTEXT)

    def decrypt(self, encrypted_text: str) -> str:
        return aead.decrypt(encrypted_text, context=_TOTP_CONTEXT)
