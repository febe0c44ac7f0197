"""One date style across the product: "29 nov. 2026, 14:05" (Dutch), "29 Nov 2026, 14:05"
(English), relative ("today", "tomorrow", "yesterday") where that reads faster.

Pure functions (no database, no request); the template filters in
``uitweg.core.templatetags.uitweg_dates`` wrap them in ``<time>`` that never wraps.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NBSP = "\u00a0"
MONTHS = {
    "nl": ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.",
           "nov.", "dec."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def _months(language: str | None) -> list[str]:
    return MONTHS.get((language or "nl")[:2], MONTHS["en"] if language else MONTHS["nl"])


def format_day(day: date, *, language: str | None = None) -> str:
    """``29 nov. 2026`` / ``29 Nov 2026``, with non-breaking spaces."""
    language = language or get_language() or "nl"
    return NBSP.join([str(day.day), _months(language)[day.month - 1], str(day.year)])


def format_moment(moment: datetime, *, language: str | None = None) -> str:
    """``29 nov. 2026, 14:05`` in the current time zone."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{format_day(moment.date(), language=language)},{NBSP}{moment:%H:%M}"


def relative_day(day: date, today: date) -> str:
    """"today", "tomorrow", "yesterday", else ""."""
    delta = (day - today).days
    return {0: _("today"), 1: _("tomorrow"), -1: _("yesterday")}.get(delta, "")


def format_relative(value: date | datetime, *, today: date | None = None,
                    language: str | None = None) -> str:
    """Relative where it reads faster (today, tomorrow, yesterday), else the absolute style."""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        word = relative_day(local.date(), today or timezone.localdate())
        return f"{word},{NBSP}{local:%H:%M}" if word else format_moment(value, language=language)
    word = relative_day(value, today or timezone.localdate())
    return word or format_day(value, language=language)
