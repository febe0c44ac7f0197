"""The one place that enrols a TOTP authenticator outside allauth's own pages, and computes codes.

Used by the demo data, ``manage.py demo_code``, the benchmarks and the tests. It stores the
secret the way allauth's TOTP authenticator reads it (``Authenticator.data["secret"]``, encrypted
by our MFA adapter through ``allauth.mfa.utils.encrypt``) and computes codes with pyotp, so no
runtime code imports allauth's ``internal`` modules (which may change in any release).
"""

from __future__ import annotations

import pyotp
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
from django.conf import settings


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=getattr(settings, "MFA_TOTP_DIGITS", 6),
                      interval=getattr(settings, "MFA_TOTP_PERIOD", 30))


def new_secret() -> str:
    return pyotp.random_base32(32)


def enrol(user, secret: str | None = None) -> str:
    """Give ``user`` a TOTP authenticator (replacing any earlier one); return the secret."""
    secret = secret or new_secret()
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP,
                                 data={"secret": encrypt(secret)})
    return secret


def secret_of(user) -> str | None:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(authenticator.data["secret"]) if authenticator else None


def code_for_secret(secret: str, *, at: float | None = None) -> str:
    return _totp(secret).at(at) if at is not None else _totp(secret).now()


def current_code(user) -> str | None:
    """The code the user's authenticator app shows now (``None`` without TOTP)."""
    secret = secret_of(user)
    return code_for_secret(secret) if secret else None
