"""Settings of the cases app (become Django settings; listed in docs/configuration.md)."""

from uitweg.conf import env

CASES_RETENTION_YEARS = env(
    "CASES_RETENTION_YEARS", 5, cast=int, group="Cases",
    help="Years after closure before a closed case is anonymised (held while a criminal case "
         "is pending).")
CASES_BREAK_GLASS_MINUTES = env(
    "CASES_BREAK_GLASS_MINUTES", 60, cast=int, group="Cases",
    help="Minutes a break-glass access to a case stays open after re-authentication.")
CASES_PAGE_SIZE = env("CASES_PAGE_SIZE", 25, cast=int, group="Cases",
                      help="Cases per page in the case list.")
CASES_REAUTH_ATTEMPTS = env(
    "CASES_REAUTH_ATTEMPTS", 5, cast=int, group="Cases",
    help="Wrong passwords or authenticator codes a staff member may enter at break-glass per "
         "window before the step waits (counted per account by the one rate limiter).")
CASES_REAUTH_WINDOW = env(
    "CASES_REAUTH_WINDOW", 900, cast=int, group="Cases",
    help="Length in seconds of the window for CASES_REAUTH_ATTEMPTS.")
