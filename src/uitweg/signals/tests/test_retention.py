"""Retention of signals: contact details go when the signal closes; the rest after two years."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from uitweg.audit.models import AccessLogEntry, Action
from uitweg.core.personal_data import PLACEHOLDER
from uitweg.signals import retention, services
from uitweg.signals.models import Signal, SignalEvent, SignalIdentifier, SignalPerson
from uitweg.signals.services import BusinessData, PersonData
from uitweg.testing.retention import fill_markers, not_erased

from .factories import care_org, intake_officer, make_signal

pytestmark = pytest.mark.django_db

NEEDLES = ("Marek", "Kowalski", "Reporter", "0687654321", "reporter@example.org", "Kasweg")


def _signal(org, **extra):
    return make_signal(
        org, public=True, description="Marek Kowalski sleeps in the greenhouse",
        location="Kasweg 12", observed_when="Every night since May",
        persons=[PersonData(full_name="Marek Kowalski", date_of_birth=dt.date(1990, 1, 2),
                            phone_numbers=["0687654321"], aliases=["Mareczek"],
                            nationality="PL")],
        businesses=[BusinessData(name="Kas Marek BV", kvk="12345678")],
        addresses=["Kasweg 12, Westland"],
        contact_requested=True, contact_name="A. Reporter", contact_phone="0611112222",
        contact_email="reporter@example.org", **extra)


def _close(officer, signal, reason="no_indication"):
    return services.close_signal(by=officer, signal_id=signal.pk, reason=reason,
                                 note="Spoke with Marek Kowalski")


def traces(signal: Signal) -> list[str]:
    found = []
    for model, rows in ((Signal, Signal.objects.filter(pk=signal.pk)),
                        (SignalPerson, SignalPerson.objects.filter(signal=signal)),
                        (SignalIdentifier, SignalIdentifier.objects.filter(signal=signal)),
                        (SignalEvent, SignalEvent.objects.filter(signal=signal))):
        for obj in rows:
            for field in model._meta.concrete_fields:
                text = str(getattr(obj, field.attname) or "")
                if any(needle in text for needle in NEEDLES):
                    found.append(f"{model._meta.label}.{field.name} = {text!r}")
    return found


@pytest.fixture
def officer():
    return intake_officer(care_org())


# --- contact details of the reporter: erased on closing ----------------------------------------

def test_reporter_contact_details_are_erased_when_the_signal_closes(officer):
    signal = _signal(officer.organisation)
    assert Signal.objects.get(pk=signal.pk).contact_email == "reporter@example.org"
    _close(officer, signal)
    closed = Signal.objects.get(pk=signal.pk)
    assert (closed.contact_name, closed.contact_phone, closed.contact_email) == ("", "", "")
    assert closed.contact_requested  # the fact that they asked stays
    assert closed.description.startswith("Marek")  # the rest waits for the retention period
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_phone, contact_email FROM signals_signal "
                       "WHERE id = %s", [signal.pk])
        assert cursor.fetchone() == ("", "", "")


def test_the_closed_signal_page_says_the_contact_details_were_erased(officer, client):
    from django.utils import translation

    from uitweg.testing.clients import force_login_with_mfa

    signal = _signal(officer.organisation)
    _close(officer, signal)
    force_login_with_mfa(client, officer)
    with translation.override("en"):
        page = client.get(signal.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200 and "reporter@example.org" not in text
    assert ("Contact details erased" in text) or ("Contactgegevens gewist" in text)


def test_contact_details_are_erased_when_the_signal_becomes_a_case(officer):
    coordinator_ = intake_officer(officer.organisation)
    coordinator_.roles = ["care_coordinator"]
    coordinator_.save()
    signal = _signal(officer.organisation, forms=["labour"])
    services.convert_to_case(by=coordinator_, signal_id=signal.pk)
    assert Signal.objects.get(pk=signal.pk).contact_phone == ""


def test_the_command_erases_contact_details_of_signals_closed_before(officer):
    signal = _signal(officer.organisation)
    _close(officer, signal)
    Signal.objects.filter(pk=signal.pk).update(contact_email="old@example.org")  # as before
    call_command("anonymise_signals", stdout=StringIO())
    assert Signal.objects.get(pk=signal.pk).contact_email == ""


# --- closed signals: anonymised after SIGNALS_RETENTION_YEARS ----------------------------------

def test_closed_signal_is_anonymised_after_two_years(officer):
    signal = _signal(officer.organisation)
    _close(officer, signal)
    assert traces(signal)
    with freeze_time(timezone.now() + dt.timedelta(days=365 * 2 - 2)):
        out = StringIO()
        call_command("anonymise_signals", stdout=out)
        assert "0 signal(s) anonymised" in out.getvalue()
    assert traces(signal)
    with freeze_time(timezone.now() + dt.timedelta(days=365 * 2 + 1)):
        out = StringIO()
        call_command("anonymise_signals", stdout=out)
    assert f"anonymised {signal.reference}" in out.getvalue()
    assert traces(signal) == []
    anonymised = Signal.objects.get(pk=signal.pk)
    assert anonymised.description == PLACEHOLDER and anonymised.anonymised_at
    assert anonymised.reference == signal.reference and anonymised.forms == signal.forms
    person = SignalPerson.objects.get(signal=signal)
    assert (person.full_name, person.date_of_birth, person.nationality) == (
        PLACEHOLDER, None, "PL")
    assert not SignalIdentifier.objects.filter(signal=signal).exists()
    entry = AccessLogEntry.objects.filter(object_type="signals.signal",
                                          action=Action.DELETE).get()
    assert (entry.object_label, entry.access_point, entry.username) == (
        signal.reference, "command:anonymise_signals", "system")


def test_open_signals_are_never_anonymised(officer, settings):
    settings.SIGNALS_RETENTION_YEARS = 0
    signal = _signal(officer.organisation)
    call_command("anonymise_signals", stdout=StringIO())
    assert Signal.objects.get(pk=signal.pk).description.startswith("Marek")
    with pytest.raises(retention.NotDue):
        retention.anonymise_signal(signal=signal)


def test_retention_years_are_configurable(officer, settings):
    settings.SIGNALS_RETENTION_YEARS = 1
    signal = _signal(officer.organisation)
    _close(officer, signal)
    with freeze_time(timezone.now() + dt.timedelta(days=367)):
        assert list(retention.anonymisation_due()) == [Signal.objects.get(pk=signal.pk)]


def test_dry_run_changes_nothing(officer):
    signal = _signal(officer.organisation)
    _close(officer, signal)
    before = AccessLogEntry.objects.count()
    with freeze_time(timezone.now() + dt.timedelta(days=365 * 3)):
        out = StringIO()
        call_command("anonymise_signals", "--dry-run", stdout=out)
    assert f"would anonymise {signal.reference}" in out.getvalue()
    assert traces(signal) and AccessLogEntry.objects.count() == before


def test_the_public_status_page_still_answers_after_anonymisation(officer):
    from uitweg.signals.services import SignalData, submit_public_report

    signal, code = submit_public_report(data=SignalData(description="Marek at the farm"),
                                        language="nl")
    Signal.objects.filter(pk=signal.pk).update(responsible_organisation=officer.organisation)
    _close(officer, signal)
    with freeze_time(timezone.now() + dt.timedelta(days=365 * 3)):
        call_command("anonymise_signals", stdout=StringIO())
    assert services.public_stage_for_code(code) == "handled"


def test_years_before_handles_leap_days():
    moment = dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC)
    assert retention.years_before(moment, 2) == dt.datetime(2026, 2, 28, 12, tzinfo=dt.UTC)


# --- field by field, generic over the registry -------------------------------------------------



@pytest.mark.parametrize("process", ["signal", "signal.closed"])
def test_signal_retention_erases_each_registered_field(officer, process):
    """Every field the registry's process reaches: a recognisable value goes in, the rule's
    value comes out. A field added to the registry is tested without a new test."""
    signal = _signal(officer.organisation)
    _close(officer, signal)
    filled = fill_markers(process, signal)
    assert len(filled) >= 3

    if process == "signal":
        with freeze_time(timezone.now() + dt.timedelta(days=365 * 2 + 1)):
            call_command("anonymise_signals", stdout=StringIO())
    else:
        call_command("anonymise_signals", stdout=StringIO())  # nothing due: contacts only
        assert Signal.objects.get(pk=signal.pk).description.startswith("Marek")

    assert not_erased(filled) == []
