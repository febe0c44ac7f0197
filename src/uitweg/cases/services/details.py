"""Editing the person, the case details and the legal dates (versioned records)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.core.vocabulary import ExploitationForm, Indicator, VictimStatus, validate_codes

from .. import clocks, comensha, permissions
from ..models import (
    Case,
    EventKind,
    LegalDeadline,
    Person,
)
from .base import (
    CaseError,
    _apply_changes,
    _check_version,
    _lock,
    _refuse_implausible_dates,
)
from .opening import _validate_person, forms_index, write_identifiers

# --- person and case details -------------------------------------------------------------------

@transaction.atomic
def update_person(*, by: User, case: Case, expected_version: int, values: dict,
                  confirmed: bool = False) -> Person:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    person = Person.objects.select_for_update().get(pk=case.person_id)
    _check_version(current=person.version, expected=expected_version, case=case,
                   target="person")
    cleaned = _validate_person(values, case.first_signal_date, confirmed=confirmed)
    changed = _apply_changes(person, cleaned, case=case, by=by, kind=EventKind.PERSON,
                             summary=_("Person details changed: %(fields)s"), target="person")
    if not changed:
        return person
    write_identifiers(person)
    if "date_of_birth" in changed and person.date_of_birth:
        case.minor_on_first_signal = comensha.is_minor(person.date_of_birth,
                                                       case.first_signal_date)
        case.save(update_fields=["minor_on_first_signal", "updated_at"])
    return person


CASE_DETAIL_FIELDS = ("forms", "indicators", "victim_status", "registration_basis",
                      "information_advice", "criminal_case_pending", "reporting_organisation")


@transaction.atomic
def update_case_details(*, by: User, case: Case, expected_version: int, values: dict) -> Case:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    _check_version(current=case.version, expected=expected_version, case=case, target="case")
    try:
        values = dict(values)
        values["forms"] = validate_codes(values.get("forms", case.forms), ExploitationForm)
        values["indicators"] = validate_codes(values.get("indicators", case.indicators),
                                              Indicator)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    if not values["forms"]:
        raise CaseError(_("Choose at least one form of exploitation."))
    if values.get("victim_status", case.victim_status) not in VictimStatus.values:
        raise CaseError(_("Unknown victim status."))
    values = {k: v for k, v in values.items() if k in CASE_DETAIL_FIELDS}
    _apply_changes(case, values, case=case, by=by, kind=EventKind.STATUS,
                   summary=_("Case details changed: %(fields)s"), target="case",
                   before_save=lambda c: setattr(c, "forms_index", forms_index(c.forms)))
    return case


CLOCK_FIELDS = ("reflection_start", "reflection_end", "crime_reported_on", "permit_applied_on",
                "permit_decision_on", "permit_valid_from", "shelter_kind", "shelter_start")


@transaction.atomic
def update_clocks(*, by: User, case: Case, expected_version: int, values: dict,
                  confirmed: bool = False) -> Case:
    """The legal dates. Only dates that change are checked for plausibility (a date saved
    earlier keeps the confirmation it was given); an odd but possible one needs
    ``confirmed``. The deadlines that follow are stored for the case list
    (:func:`write_legal_deadlines`)."""
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    _check_version(current=case.version, expected=expected_version, case=case, target="case")
    values = {k: values.get(k) for k in CLOCK_FIELDS}
    values["shelter_kind"] = values["shelter_kind"] or ""
    _refuse_implausible_dates(*(
        (kind, values[name], name) for kind, name in (
            ("period_start", "reflection_start"), ("event", "crime_reported_on"),
            ("event", "permit_applied_on"), ("period_start", "permit_valid_from"),
            ("period_start", "shelter_start"))
        if values[name] != getattr(case, name)), confirmed=confirmed)
    try:
        if values["reflection_start"]:
            values["reflection_end"] = clocks.reflection_end(values["reflection_start"],
                                                             values["reflection_end"])
        elif values["reflection_end"]:
            raise clocks.ClockError(_("Enter the start of the reflection period."))
        if values["crime_reported_on"] and not values["permit_applied_on"]:
            values["permit_applied_on"] = values["crime_reported_on"]  # report = application
        clocks.check_permit_dates(crime_reported_on=values["crime_reported_on"],
                                  applied_on=values["permit_applied_on"],
                                  decision_on=values["permit_decision_on"],
                                  valid_from=values["permit_valid_from"])
        if values["shelter_start"] and not values["shelter_kind"]:
            raise clocks.ClockError(_("Choose the kind of shelter placement."))
    except clocks.ClockError as exc:
        raise CaseError(exc.user_message()) from None
    if _apply_changes(case, values, case=case, by=by, kind=EventKind.CLOCK,
                      summary=_("Legal dates changed: %(fields)s"), target="case"):
        write_legal_deadlines(case)
    return case


def write_legal_deadlines(case: Case) -> None:
    """(Re)write the stored deadlines of ``case`` from its legal dates (``clocks``, the one
    rule), so the case list shows and sorts by the earliest in SQL."""
    LegalDeadline.objects.filter(case=case).delete()
    LegalDeadline.objects.bulk_create([LegalDeadline(case=case, kind=d.kind, due=d.due)
                                       for d in case_deadlines(case)])


def case_deadlines(case: Case) -> list[clocks.Deadline]:
    return clocks.deadlines(
        reflection_start=case.reflection_start, reflection_end_on=case.reflection_end,
        crime_reported_on=case.crime_reported_on, permit_applied_on=case.permit_applied_on,
        permit_decision_on=case.permit_decision_on, permit_valid_from=case.permit_valid_from,
        shelter_kind=case.shelter_kind, shelter_start=case.shelter_start)
