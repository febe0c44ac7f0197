"""``{{ value|day }}``, ``{{ value|moment }}``, ``{{ value|relative }}``, ``{{ value|clock }}``:
the product's one date style (:mod:`uitweg.core.dates`) inside a ``<time>`` that never wraps.
``{{ value|day:"weekday" }}`` and ``{{ value|moment:"weekday" }}`` put the day's name first
(the week programme)."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from uitweg.core import dates

register = template.Library()


def _time(value, text: str):
    if isinstance(value, datetime):
        stamp = (timezone.localtime(value) if timezone.is_aware(value) else value)
        machine = stamp.isoformat(timespec="minutes")
        title = dates.format_moment(value)
    else:
        machine, title = value.isoformat(), dates.format_day(value)
    extra = format_html(' title="{}"', title) if title != text else ""
    return format_html('<time class="uitweg-date" datetime="{}"{}>{}</time>', machine, extra,
                       text)


@register.filter
def day(value, option: str = ""):
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime):  # the day as seen here, not in UTC
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return _time(value, dates.format_day(value, weekday=option == "weekday"))


@register.filter
def moment(value, option: str = ""):
    if not isinstance(value, datetime):
        return day(value, option)
    return _time(value, dates.format_moment(value, weekday=option == "weekday"))


@register.filter
def clock(value):
    """Only the time of day (``14:05``): for a moment whose day is already on the screen."""
    if not isinstance(value, datetime):
        return ""
    return _time(value, dates.format_clock(value))


@register.filter
def relative(value):
    if not isinstance(value, date):
        return ""
    return _time(value, dates.format_relative(value))
