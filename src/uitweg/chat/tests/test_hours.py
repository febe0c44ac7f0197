import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uitweg.chat import hours


def test_parse_and_check_opening_hours():
    slots = hours.parse("mon-fri 14:00-22:00; sat-sun 16:00-24:00")
    assert len(slots) == 7
    monday = dt.datetime(2026, 11, 30, 14, 0)
    assert hours.is_open(slots, monday)
    assert not hours.is_open(slots, monday.replace(hour=13, minute=59))
    assert not hours.is_open(slots, monday.replace(hour=22))
    assert hours.is_open(slots, dt.datetime(2026, 11, 29, 23, 59))  # Sunday to midnight
    assert hours.describe(slots)[0] == (0, "14:00-22:00")


@pytest.mark.parametrize("spec", ["mon 22:00-14:00", "xyz 10:00-12:00", "mon 10-12",
                                  "mon 10:00-25:00"])
def test_malformed_hours_are_refused(spec):
    with pytest.raises(ValueError):
        hours.parse(spec)


@given(st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)))
def test_always_open_is_open_at_every_minute(moment):
    assert hours.is_open(hours.parse("mon-sun 00:00-24:00"), moment)
