"""Settings of the Week against Human Trafficking (no Django imports: merged into the settings)."""

from uitweg.conf import env

WEEK_PUBLIC_RATE_LIMIT = env(
    "WEEK_PUBLIC_RATE_LIMIT", 10, cast=int, group="Week",
    help="Public registrations and cancellations accepted per client (keyed daily hash) within "
         "WEEK_RATE_WINDOW.")
WEEK_RATE_WINDOW = env(
    "WEEK_RATE_WINDOW", 600, cast=int, group="Week",
    help="Seconds of the Week's public rate-limit window (counters live in the cache only).")
WEEK_RETENTION_DAYS = env(
    "WEEK_RETENTION_DAYS", 30, cast=int, group="Week",
    help="Days after an event's end before its registrants' names and e-mail addresses are "
         "erased (`manage.py purge_week_registrations`); the counts stay.")
WEEK_MATERIAL_MAX_BYTES = env(
    "WEEK_MATERIAL_MAX_BYTES", 20 * 1024 * 1024, cast=int, group="Week",
    help="Largest toolkit file (poster, image, PDF) a publisher may upload, in bytes.")
WEEK_MAILBOX_DIR = env(
    "WEEK_MAILBOX_DIR", "", group="Week",
    help="Demo mode only: the folder of the local demo mailbox that staff open under "
         "/staff/week/mailbox/ (empty: `var/mail` of the checkout when `make run` is used).")
WEEK_PUBLIC_BASE_URL = env(
    "WEEK_PUBLIC_BASE_URL", "http://127.0.0.1:8000", group="Week",
    help="Public address of the site, for the links in reminder e-mails sent by "
         "`manage.py send_week_reminders` (e-mails sent from a page use the page's address).")
