"""Legal clocks (pure; no database), with frozen time for "14 and 3 days ahead"."""

from datetime import date

import pytest
from freezegun import freeze_time

from uitweg.cases import clocks
from uitweg.cases.clocks import ClockError


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),   # month end clamps
    (date(2028, 1, 31), 1, date(2028, 2, 29)),   # leap year
    (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year end
    (date(2024, 2, 29), 12, date(2025, 2, 28)),  # from a leap day
    (date(2026, 5, 15), -2, date(2026, 3, 15)),
])
def test_add_months(day, months, expected):
    assert clocks.add_months(day, months) == expected


@pytest.mark.parametrize(("start", "end"), [
    (date(2026, 3, 1), date(2026, 5, 31)),
    (date(2026, 11, 30), date(2027, 2, 27)),     # 30 Nov + 3 months = 28 Feb; last day 27 Feb
    (date(2027, 11, 30), date(2028, 2, 28)),     # leap year: 29 Feb is the day after
    (date(2026, 1, 1), date(2026, 3, 31)),
])
def test_reflection_period_ends_three_months_later(start, end):
    assert clocks.reflection_end(start) == end


def test_reflection_period_may_be_shorter_never_longer_or_negative():
    start = date(2026, 1, 10)
    assert clocks.reflection_end(start, date(2026, 2, 1)) == date(2026, 2, 1)
    with pytest.raises(ClockError, match="before it starts"):
        clocks.reflection_end(start, date(2026, 1, 9))
    with pytest.raises(ClockError, match="at most 3 months"):
        clocks.reflection_end(start, date(2026, 4, 10))


def test_residence_permit_dates():
    assert clocks.permit_expiry(date(2024, 2, 29)) == date(2025, 2, 27)
    assert clocks.permit_expiry(date(2026, 6, 1)) == date(2027, 5, 31)
    assert clocks.non_temporary_from(date(2026, 6, 1)) == date(2029, 6, 1)
    clocks.check_permit_dates(crime_reported_on=date(2026, 1, 1), applied_on=date(2026, 1, 1),
                              decision_on=date(2026, 2, 1), valid_from=date(2026, 2, 1))
    with pytest.raises(ClockError):
        clocks.check_permit_dates(crime_reported_on=date(2026, 2, 1),
                                  applied_on=date(2026, 1, 1), decision_on=None,
                                  valid_from=None)
    with pytest.raises(ClockError):
        clocks.check_permit_dates(crime_reported_on=None, applied_on=date(2026, 3, 1),
                                  decision_on=date(2026, 2, 1), valid_from=None)
    with pytest.raises(ClockError):
        clocks.check_permit_dates(crime_reported_on=None, applied_on=None, decision_on=None,
                                  valid_from=date(2026, 2, 1))


def test_cosm_shelter_placement():
    found = clocks.deadlines(shelter_kind="cosm", shelter_start=date(2026, 1, 31))
    assert [(d.kind, d.due) for d in found] == [("shelter_end", date(2026, 4, 29))]
    assert clocks.deadlines(shelter_kind="wmo", shelter_start=date(2026, 1, 31)) == []


@freeze_time("2026-02-14")
def test_deadlines_14_and_3_days_ahead():
    today = date(2026, 2, 14)
    found = clocks.deadlines(
        reflection_start=date(2025, 11, 28),          # ends 27 Feb: 13 days ahead
        permit_valid_from=date(2025, 2, 17),           # expires 16 Feb: 2 days ahead
        shelter_kind="cosm", shelter_start=date(2025, 12, 1))  # ends 28 Feb: 14 days ahead
    by_kind = {d.kind: d for d in found}
    assert by_kind["reflection_end"].due == date(2026, 2, 27)
    assert by_kind["reflection_end"].urgency(today) == "soon"
    assert by_kind["permit_expiry"].due == date(2026, 2, 16)
    assert by_kind["permit_expiry"].urgency(today) == "urgent"
    assert by_kind["shelter_end"].due == date(2026, 2, 28)
    assert by_kind["shelter_end"].days_left(today) == 14
    soon = clocks.upcoming(found, today)
    assert {d.kind for d in soon} == {"reflection_end", "permit_expiry", "shelter_end"}
    assert [d.kind for d in clocks.upcoming(found, today, horizon=3)] == ["permit_expiry"]
    assert found == sorted(found, key=lambda d: d.due)


@freeze_time("2028-02-28")
def test_leap_day_deadline_is_one_day_ahead():
    today = date(2028, 2, 28)
    found = clocks.deadlines(reflection_start=date(2027, 12, 1))  # ends on 29 February
    assert found[0].days_left(today) == 1
    assert found[0].urgency(today) == "urgent"
    assert found[0].urgency(date(2028, 3, 1)) == "overdue"
