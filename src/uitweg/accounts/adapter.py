from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from uitweg.crypto import aead

_TOTP_CONTEXT = "mfa.authenticator.secret"


class AccountAdapter(DefaultAccountAdapter):
    """No self-signup: staff accounts exist only by invitation."""

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
