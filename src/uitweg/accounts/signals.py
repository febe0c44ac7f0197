"""Security events: failed logins are logged (no IP address); logout clears site data."""

import logging

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
