"""Security events: failed logins are logged (no IP address); logout clears site data."""

import logging

from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.dispatch import receiver

security_log = logging.getLogger("uitweg.security")


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    security_log.warning("Failed login for username %r", credentials.get("username", "")[:150])


@receiver(user_logged_out)
def clear_site_data_on_logout(sender, request=None, user=None, **kwargs):
    if request is not None:
        request.clear_site_data = True


@receiver(authenticator_added)
def history_of_second_factor(sender, request=None, user=None, authenticator=None, **kwargs):
    from uitweg.accounts.models import AccountEventKind
    from uitweg.accounts.services import record_account_event

    if user is not None and getattr(authenticator, "type", "") != "recovery_codes":
        record_account_event(user=user, kind=AccountEventKind.MFA_ENROLLED, by=user)
