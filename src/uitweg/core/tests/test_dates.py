"""One date style (issue 10.7): pure formatting, no database."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from uitweg.core import dates

NBSP = "\u00a0"


def test_dutch_and_english_style():
    assert dates.format_day(date(2026, 11, 29), language="nl") == f"29{NBSP}nov.{NBSP}2026"
    assert dates.format_day(date(2026, 5, 3), language="nl") == f"3{NBSP}mei{NBSP}2026"
    assert dates.format_day(date(2026, 11, 29), language="en") == f"29{NBSP}Nov{NBSP}2026"
    moment = datetime(2026, 11, 29, 14, 5)
    assert dates.format_moment(moment, language="nl") == f"29{NBSP}nov.{NBSP}2026,{NBSP}14:05"


def test_aware_moments_are_shown_in_local_time():
    utc = datetime(2026, 11, 29, 13, 5, tzinfo=ZoneInfo("UTC"))
    assert dates.format_moment(utc, language="nl").endswith("14:05")  # Europe/Amsterdam


def test_relative_only_for_yesterday_today_tomorrow():
    today = date(2026, 11, 29)
    with translation.override("en"):
        assert dates.format_relative(today, today=today) == "today"
        assert dates.format_relative(today + timedelta(days=1), today=today) == "tomorrow"
        assert dates.format_relative(today - timedelta(days=1), today=today) == "yesterday"
        assert dates.format_relative(today + timedelta(days=2), today=today,
                                     language="en") == f"1{NBSP}Dec{NBSP}2026"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_a_date_never_contains_a_breaking_space(day):
    for language in ("nl", "en"):
        text = dates.format_day(day, language=language)
        assert " " not in text and str(day.year) in text


def test_the_filter_renders_a_time_element_that_does_not_wrap():
    with translation.override("nl"):
        html = Template("{% load uitweg_dates %}{{ d|day }}").render(
            Context({"d": date(2026, 11, 29)}))
    assert html == f'<time class="uitweg-date" datetime="2026-11-29">29{NBSP}nov.{NBSP}2026</time>'
