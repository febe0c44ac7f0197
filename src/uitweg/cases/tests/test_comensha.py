"""CoMensha mapping: age group on the date of the first signal, file type (pure)."""

from datetime import date

import pytest

from uitweg.cases import comensha


@pytest.mark.parametrize(("dob", "signal", "minor"), [
    (date(2008, 3, 15), date(2026, 3, 14), True),    # the day before the 18th birthday
    (date(2008, 3, 15), date(2026, 3, 15), False),   # on the birthday
    (date(2008, 2, 29), date(2026, 2, 28), True),    # leap-day birthday, non-leap year
    (date(2008, 2, 29), date(2026, 3, 1), False),
    (None, date(2026, 1, 1), None),
])
def test_minor_on_first_signal(dob, signal, minor):
    assert comensha.is_minor(dob, signal) is minor


def test_age_group():
    assert comensha.age_group(True) == "minor"
    assert comensha.age_group(False) == "adult"
    assert comensha.age_group(None) == "unknown"


@pytest.mark.parametrize(("shelter", "info", "expected"), [
    ("", False, "registration"),
    ("cosm", False, "registration_shelter"),
    ("cosm", True, "registration_shelter"),
    ("", True, "registration_information"),
])
def test_file_type(shelter, info, expected):
    assert comensha.file_type(shelter_kind=shelter, information_advice=info) == expected
