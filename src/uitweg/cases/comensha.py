"""Mapping a case onto the CoMensha national registration fields. Pure; no database."""

from __future__ import annotations

from datetime import date

from .purerror import mark as _

MINOR = "minor"
ADULT = "adult"
UNKNOWN = "unknown"

REGISTRATION = "registration"
REGISTRATION_SHELTER = "registration_shelter"
REGISTRATION_INFORMATION = "registration_information"


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def is_minor(date_of_birth: date | None, first_signal: date) -> bool | None:
    """Minor on the date of the first signal; None when the date of birth is unknown."""
    if date_of_birth is None:
        return None
    return age_on(date_of_birth, first_signal) < 18


def age_group(minor_on_first_signal: bool | None) -> str:
    if minor_on_first_signal is None:
        return UNKNOWN
    return MINOR if minor_on_first_signal else ADULT


def file_type(*, shelter_kind: str, information_advice: bool) -> str:
    """registration; registration + shelter; registration + information/advice."""
    if shelter_kind:
        return REGISTRATION_SHELTER
    if information_advice:
        return REGISTRATION_INFORMATION
    return REGISTRATION


#: labels for display (marked for translation; translate with ``{% translate %}``)
FILE_TYPE_LABELS = {
    REGISTRATION: _("Registration"),
    REGISTRATION_SHELTER: _("Registration + shelter"),
    REGISTRATION_INFORMATION: _("Registration + information and advice"),
}

CSV_FIELDS = ["case_number", "forms_of_exploitation", "nationality", "age_group", "gender",
              "reporting_organisation", "reporting_organisation_kind", "region", "file_type",
              "first_signal_date"]
