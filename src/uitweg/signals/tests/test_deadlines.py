"""Deadlines per priority in hours or working days (pure), and overdue signals (freezegun)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time

from uitweg.signals import deadlines
from uitweg.signals.deadlines import Deadline

UTC = UTC


def test_parse_spec():
    assert deadlines.parse("urgent=4h, normal=5wd") == {
        "urgent": Deadline(4, "h"), "normal": Deadline(5, "wd")}
    with pytest.raises(ValueError):
        deadlines.parse("urgent=soon")


def test_hours_count_around_the_clock():
    friday_evening = datetime(2026, 11, 27, 22, 0, tzinfo=UTC)
    assert deadlines.due_at(friday_evening, Deadline(4, "h")) == datetime(
        2026, 11, 28, 2, 0, tzinfo=UTC)


def test_working_days_skip_the_weekend():
    friday = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert deadlines.due_at(friday, Deadline(1, "wd")) == datetime(2026, 11, 30, 10, 0,
                                                                     tzinfo=UTC)
    assert deadlines.due_at(friday, Deadline(5, "wd")) == datetime(2026, 12, 4, 10, 0,
                                                                    tzinfo=UTC)


def test_saturday_report_counts_from_monday():
    saturday = datetime(2026, 11, 28, 13, 0, tzinfo=UTC)
    assert deadlines.due_at(saturday, Deadline(1, "wd")).date() == date(2026, 11, 30)


def test_holidays_are_skipped():
    wednesday = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)
    due = deadlines.due_at(wednesday, Deadline(2, "wd"),
                           holidays=[date(2026, 12, 25), date(2026, 12, 26)])
    assert due.date() == date(2026, 12, 28)


@pytest.mark.django_db
def test_signal_becomes_overdue_and_is_highlighted(client):
    from uitweg.signals.models import Signal
    from uitweg.signals.tests.factories import intake_officer, make_signal
    from uitweg.testing.clients import force_login_with_mfa

    with freeze_time("2026-11-23 09:00:00"):  # Monday
        signal = make_signal(indicators=["deception"])  # low: 10 working days
        assert signal.priority == "low"
        assert signal.deadline_at == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
        assert not Signal.objects.overdue().exists()
    officer = intake_officer(org=signal.responsible_organisation)
    with freeze_time("2026-12-07 09:00:01"):
        assert list(Signal.objects.overdue()) == [signal]
        force_login_with_mfa(client, officer)
        page = client.get("/staff/signals/").content.decode()
        assert "signals-row--overdue" in page
    assert signal.deadline_at - signal.received_at == timedelta(days=14)


def test_working_days_are_days_in_the_hague_not_in_utc():
    """23:30 UTC on Friday is 00:30 on Saturday in The Hague: the signal came in on a Saturday
    and one working day later is Monday 00:30 there (counting in UTC gave Tuesday 00:30)."""
    friday_night_utc = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    due = deadlines.due_at(friday_night_utc, Deadline(1, "wd"))
    assert due == datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # Monday 00:30 in The Hague


def test_the_same_time_of_day_across_the_change_to_winter_time():
    """Friday 23 October 2026 10:00 in The Hague (08:00 UTC); clocks go back on Sunday 25th:
    one working day later is Monday 10:00 in The Hague, which is 09:00 UTC."""
    friday = datetime(2026, 10, 23, 8, 0, tzinfo=UTC)
    assert deadlines.due_at(friday, Deadline(1, "wd")) == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)
