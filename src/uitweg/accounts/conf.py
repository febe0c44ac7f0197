"""Settings of staff accounts (merged into the Django settings; no Django imports here)."""

from uitweg.conf import env

LOGIN_THROTTLE_MAX_DELAY = env(
    "LOGIN_THROTTLE_MAX_DELAY", 15 * 60, cast=int, group="Authentication",
    help="Longest wait in seconds between failed login attempts for one account from one client "
    "(the wait doubles from 1 s after LOGIN_FAILURES_LIMIT failures).")
LOGIN_ALERT_PER_HOUR = env(
    "LOGIN_ALERT_PER_HOUR", 100, cast=int, group="Authentication",
    help="Failed logins for one account per hour, from all clients together, that raise an alert "
    "(`uitweg.security` log at ERROR and the organisation's account changes page). Not a lockout: "
    "the real user, from their own client, can still log in.")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend", group="E-mail",
    help="How e-mail (staff invitations) is sent; in production "
    "`django.core.mail.backends.smtp.EmailBackend` with EMAIL_HOST.")
EMAIL_HOST = env("EMAIL_HOST", "localhost", group="E-mail", help="SMTP server for outgoing e-mail.")
EMAIL_PORT = env("EMAIL_PORT", 25, cast=int, group="E-mail", help="Port of the SMTP server.")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "", group="E-mail",
                      help="User name at the SMTP server (empty: none).")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "", secret=True, group="E-mail",
                          help="Password at the SMTP server.")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", False, cast=bool, group="E-mail",
                    help="STARTTLS to the SMTP server.")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "uitweg@localhost", group="E-mail",
                         help="Sender of e-mail from the platform.")
# allauth's second-factor form, with the same (account, client) throttle as the password step.
MFA_FORMS = {"authenticate": "uitweg.accounts.forms_mfa.ThrottledAuthenticateForm"}
