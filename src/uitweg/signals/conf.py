"""Settings of the signals app (no Django imports: merged into the Django settings)."""

from uitweg.conf import env

SIGNALS_PUBLIC_RATE_LIMIT = env(
    "SIGNALS_PUBLIC_RATE_LIMIT", 5, cast=int, group="Signals",
    help="Public reports accepted per client (keyed daily hash) within the rate window.")
SIGNALS_STATUS_RATE_LIMIT = env(
    "SIGNALS_STATUS_RATE_LIMIT", 20, cast=int, group="Signals",
    help="Public status look-ups per client within the rate window (slows code guessing).")
SIGNALS_RATE_WINDOW = env(
    "SIGNALS_RATE_WINDOW", 600, cast=int, group="Signals",
    help="Seconds of the public rate-limit window (counters live in the cache only).")
SIGNALS_DEADLINES = env(
    "SIGNALS_DEADLINES", "urgent=4h,high=1wd,normal=5wd,low=10wd", group="Signals",
    help="Handling deadline per priority: `h` = hours (around the clock), `wd` = working days.")
SIGNALS_DEFAULT_REGION = env(
    "SIGNALS_DEFAULT_REGION", "Haaglanden", group="Signals",
    help="Region assumed for public reports when routing.")
SIGNALS_API_THROTTLE = env(
    "SIGNALS_API_THROTTLE", 120, cast=int, group="Signals",
    help="Partner API calls per API key per minute.")
SIGNALS_RETENTION_YEARS = env(
    "SIGNALS_RETENTION_YEARS", 2, cast=int, group="Signals",
    help="Years after closure before a closed signal is anonymised (`manage.py "
         "anonymise_signals`); the reporter's contact details are erased when it closes.")
