"""``{{ value|day }}``, ``{{ value|moment }}``, ``{{ value|relative }}``: the product's one date
style (:mod:`uitweg.core.dates`) inside a ``<time>`` that never wraps."""

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
def day(value):
    if not isinstance(value, date):
        return ""
    value = value.date() if isinstance(value, datetime) else value
    return _time(value, dates.format_day(value))


@register.filter
def moment(value):
    if not isinstance(value, datetime):
        return day(value)
    return _time(value, dates.format_moment(value))


@register.filter
def relative(value):
    if not isinstance(value, date):
        return ""
    return _time(value, dates.format_relative(value))
