"""Which URLs are public. Everything else needs a logged-in staff member with MFA (default deny).

A view is public when decorated with :func:`public` or when its URL name is in
``PUBLIC_URL_NAMES`` (allauth's own login steps). Tests enumerate the URL configuration and prove
every other URL refuses anonymous users and users without MFA.
"""

from __future__ import annotations

PUBLIC_URL_NAMES = frozenset({
    "account_login",
    "account_logout",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",
    "set_language",
    "javascript-catalog",
})

#: Reachable when logged in but before MFA is enrolled: only the enrolment itself.
MFA_SETUP_URL_NAMES = frozenset({
    "mfa_activate_totp",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_logout",
    "account_reauthenticate",
    "accounts:mfa_required",
})


def public(view):
    """Mark a view as reachable without login (public pages, the staff login itself)."""
    view.uitweg_public = True
    return view


def is_public_view(match) -> bool:
    if match is None:
        return True  # 404 handling; nothing to protect
    func = match.func
    view_class = getattr(func, "view_class", None) or getattr(func, "cls", None)
    return bool(
        getattr(func, "uitweg_public", False)
        or getattr(view_class, "uitweg_public", False)
        or match.view_name in PUBLIC_URL_NAMES
        or match.url_name in PUBLIC_URL_NAMES
    )
