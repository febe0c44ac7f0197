"""Issue 10 item 9: date plausibility rules, without the database."""

from datetime import date, datetime, timedelta

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from uitweg.core.plausibility import (
    WINDOWS,
    DateKind,
    Severity,
    blocking_findings,
    check_date,
    check_meeting,
    check_period,
    check_reflection_period,
)

TODAY = date(2026, 11, 29)


def codes(findings):
    return [f.code for f in findings]


def test_an_action_due_in_1990_is_refused():
    findings = check_date(DateKind.DEADLINE, date(1990, 3, 1), today=TODAY, field="due_date")
    assert codes(findings) == ["deadline.too_long_ago"]
    assert findings[0].severity is Severity.REFUSE
    assert findings[0].field == "due_date"
    assert blocking_findings(findings, confirmed=True) == findings


def test_a_slightly_overdue_action_is_fine_and_a_month_late_one_is_confirmed():
    assert check_date(DateKind.DEADLINE, TODAY - timedelta(days=3), today=TODAY) == []
    asked = check_date(DateKind.DEADLINE, TODAY - timedelta(days=60), today=TODAY)
    assert codes(asked) == ["deadline.long_ago"]
    assert blocking_findings(asked, confirmed=False) == asked
    assert blocking_findings(asked, confirmed=True) == []


def test_a_reflection_period_starting_years_ahead_is_refused():
    findings = check_reflection_period(date(2029, 1, 1), date(2029, 3, 31), today=TODAY)
    assert codes(findings) == ["period_start.too_far_ahead"]
    assert blocking_findings(findings, confirmed=True)


def test_a_reflection_period_next_week_is_fine_and_in_two_months_is_asked():
    start = TODAY + timedelta(days=7)
    assert check_reflection_period(start, start + timedelta(days=89), today=TODAY) == []
    later = TODAY + timedelta(days=60)
    assert codes(check_reflection_period(later, None, today=TODAY)) == ["period_start.far_ahead"]


def test_a_reflection_period_longer_than_three_months_or_ending_before_it_starts():
    start = TODAY - timedelta(days=10)
    assert codes(check_reflection_period(start, start + timedelta(days=200), today=TODAY)) == [
        "reflection.longer_than_three_months"]
    assert codes(check_reflection_period(start, start - timedelta(days=1), today=TODAY)) == [
        "period.end_before_start"]


def test_events_and_births_cannot_be_in_the_future():
    assert codes(check_date(DateKind.EVENT, TODAY + timedelta(days=1), today=TODAY)) == [
        "event.in_future"]
    assert check_date(DateKind.EVENT, TODAY, today=TODAY) == []
    assert codes(check_date(DateKind.BIRTH, date(2030, 1, 1), today=TODAY)) == ["birth.in_future"]
    assert codes(check_date(DateKind.BIRTH, date(1890, 1, 1), today=TODAY)) == [
        "date.before_earliest"]
    assert codes(check_date(DateKind.BIRTH, date(1901, 1, 1), today=TODAY)) == [
        "birth.too_long_ago"]


def test_a_meeting_in_the_past_with_decisions_for_the_future():
    past = datetime(2026, 11, 1, 14, 0)
    # Entering a new meeting in the past: asked, it may be the record of one that took place.
    assert codes(check_meeting(past, today=TODAY)) == ["meeting.in_past"]
    # Decisions on a meeting that has not taken place yet: refused.
    future = datetime(2026, 12, 10, 10, 0)
    assert codes(check_meeting(future, today=TODAY, has_decisions=True)) == [
        "meeting.decisions_before_it_took_place"]
    # A decision dated before its meeting: refused.
    assert codes(check_meeting(past, today=TODAY, has_decisions=True,
                               decision_dates=(date(2026, 10, 1),))) == [
        "meeting.decision_before_meeting"]
    assert check_meeting(past, today=TODAY, has_decisions=True,
                         decision_dates=(date(2026, 11, 2),)) == []
    assert codes(check_meeting(datetime(2031, 1, 1, 9), today=TODAY)) == ["meeting.too_far_ahead"]


def test_end_before_start():
    assert codes(check_period(date(2026, 5, 2), date(2026, 5, 1))) == ["period.end_before_start"]
    assert check_period(date(2026, 5, 1), date(2026, 5, 1)) == []
    assert check_period(None, date(2026, 5, 1)) == []


def test_messages_are_translated_on_demand_and_name_the_date():
    finding = check_date(DateKind.DEADLINE, date(1990, 3, 1), today=TODAY)[0]
    with translation.override("en"):
        text = finding.message()
    assert "1990" in text
    assert "%(" not in text


@given(kind=st.sampled_from(list(DateKind)), offset=st.integers(-60 * 365, 60 * 365))
def test_every_date_gets_at_most_one_finding_and_today_is_always_plausible(kind, offset):
    day = TODAY + timedelta(days=offset)
    findings = check_date(kind, day, today=TODAY)
    assert len(findings) <= 1
    assert check_date(kind, TODAY, today=TODAY) == []
    window = WINDOWS[kind]
    if findings and findings[0].severity is Severity.REFUSE and findings[0].code != (
            "date.before_earliest"):
        limit = window.refuse_future if offset > 0 else window.refuse_past
        assert limit is not None and abs(offset) > limit


def test_a_meeting_is_dated_by_its_day_in_the_hague_not_in_utc():
    """A meeting at 00:30 on 30 November in The Hague is 23:30 UTC on the 29th (CI met this
    at 23:26 UTC: a meeting "now" was taken for one that had already passed)."""
    from datetime import UTC

    half_past_midnight = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert check_meeting(half_past_midnight, today=date(2026, 11, 30)) == []
    assert codes(check_meeting(half_past_midnight, today=date(2026, 12, 1))) == ["meeting.in_past"]
