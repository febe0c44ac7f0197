"""One date style across the product: "29 nov. 2026, 14:05" (Dutch), "29 Nov 2026, 14:05"
(English), "29 lis 2026, 14:05" (Polish) and so on for every public language; relative
("today", "tomorrow", "yesterday") where that reads faster.

Month and weekday names come from Django's own catalogue (``django.utils.dates``), in the
language asked for; this module only decides the order and how an abbreviation is written.
Pure functions (no database, no request); the template filters in
``uitweg.core.templatetags.uitweg_dates`` wrap them in a ``<time class="uitweg-date">`` that
never wraps. Templates use those filters, never a raw ``|date:"…"`` (a test scans for it).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS
from django.utils.translation import get_language
from django.utils.translation import gettext as _

NBSP = "\u00a0"
# How a language writes the abbreviated month Django gives it. Dutch (Taalunie) ends a real
# abbreviation with a dot ("nov.", "mrt.") but writes "mei" in full; English capitalises
# ("Nov"); every other language takes Django's abbreviation as it is ("lis", "noi", "ноем").
MONTH_STYLE = {"nl": "dot", "en": "title"}


def _base(language: str | None) -> str:
    return (language or get_language() or "nl").split("-")[0].lower()


def _month(month: int, language: str) -> str:
    with translation.override(language):
        short, full = str(MONTHS_3[month]), str(MONTHS[month])
    style = MONTH_STYLE.get(_base(language))
    if style == "dot":
        return short if short == full.lower() else f"{short}."
    if style == "title":
        return short.title()
    return short


def format_day(day: date, *, language: str | None = None, weekday: bool = False) -> str:
    """``29 nov. 2026`` / ``29 Nov 2026`` / ``29 lis 2026``, with non-breaking spaces;
    ``zondag 29 nov. 2026`` with ``weekday=True``."""
    language = language or get_language() or "nl"
    parts = [str(day.day), _month(day.month, language), str(day.year)]
    if weekday:
        with translation.override(language):
            parts.insert(0, str(WEEKDAYS[day.weekday()]))
    return NBSP.join(parts)


def format_clock(moment: datetime) -> str:
    """``14:05`` in the current time zone (24 hours in every language)."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%H:%M}"


def format_moment(moment: datetime, *, language: str | None = None,
                  weekday: bool = False) -> str:
    """``29 nov. 2026, 14:05`` in the current time zone."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    day = format_day(moment.date(), language=language, weekday=weekday)
    return f"{day},{NBSP}{format_clock(moment)}"


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
        return f"{word},{NBSP}{format_clock(local)}" if word else format_moment(
            value, language=language)
    word = relative_day(value, today or timezone.localdate())
    return word or format_day(value, language=language)
