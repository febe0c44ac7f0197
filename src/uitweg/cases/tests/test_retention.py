"""Retention of case files: after anonymisation nothing that names the person is left.

A case is built through the services with the person's name in every free text a worker can
write (referral purpose and justification, decline reason, break-glass reason, consent
recipients, notes, plan, decisions, status reasons, a linked signal). Then the registry's "case"
process runs, field by field.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone
from freezegun import freeze_time

from uitweg.audit.models import AccessLogEntry, Action
from uitweg.cases import services
from uitweg.cases.models import (
    BreakGlassAccess,
    Case,
    CaseEvent,
    CaseState,
    Consent,
    Person,
    Referral,
)
from uitweg.core.personal_data import PLACEHOLDER
from uitweg.signals import services as signal_services
from uitweg.signals.models import Signal, SignalEvent, SignalIdentifier, SignalPerson
from uitweg.signals.services import PersonData
from uitweg.testing.retention import fill_markers, not_erased

from .factories import case_worker, coordinator, make_case

pytestmark = pytest.mark.django_db

NAME = "Zlatka Petrova"
NEEDLES = ("Zlatka", "Petrova", "Verbeek", "Sofia", "0612398765")


def _text_of(value) -> str:
    return "" if value is None else str(value)


def traces(rows: models.QuerySet) -> list[str]:
    """Every (model.field = value) of ``rows`` that still contains a needle."""
    found = []
    model = rows.model
    for obj in model._base_manager.filter(pk__in=rows.values("pk")):
        for field in model._meta.concrete_fields:
            text = _text_of(getattr(obj, field.attname))
            if any(needle in text for needle in NEEDLES):
                found.append(f"{model._meta.label}.{field.name} = {text!r}")
    return found


@pytest.fixture
def full_case():
    """A closed case with the person's name in every free text, and a linked closed signal."""
    boss, worker, outsider = coordinator(), case_worker(), case_worker()
    case = make_case(by=boss, person={"full_name": NAME, "phone_numbers": ["0612398765"],
                                      "aliases": ["Zlatka P."]})
    services.add_member(by=boss, case=case, organisation=worker.organisation)
    services.add_note(by=boss, case=case, text=f"{NAME} called from Sofia")
    need = services.add_need(by=boss, case=case, domain="safety",
                             description=f"Safety plan for {NAME}")
    services.add_action(by=boss, need=need, description="Find Zlatka a room",
                        responsible_organisation=worker.organisation,
                        due_date=timezone.localdate() + dt.timedelta(days=7))
    consent = services.record_consent(
        by=boss, case=case, given_on=timezone.localdate(), organisations=[worker.organisation],
        external_recipients=["Huisarts Verbeek"], data_categories=["identity", "health"])
    services.send_referral(by=boss, case=case, purpose="Zlatka needs a GP in Sofia",
                           external_organisation="Huisarts Verbeek",
                           data_categories=["identity"], legal_basis="consent",
                           consent=consent)
    referral = services.send_referral(
        by=boss, case=case, purpose=f"Shelter for {NAME}", to_organisation=worker.organisation,
        data_categories=["health"], legal_basis="vital_interest",
        justification="Zlatka is threatened by her former employer")
    services.decide_referral(by=worker, referral=referral, status="declined",
                             reason="No room for Zlatka this week",
                             expected_version=referral.version)
    services.break_glass(by=outsider, case=case, reason="Zlatka Petrova is at our emergency desk")
    meeting = services.schedule_meeting(by=boss, title="MDO Haaglanden",
                                        scheduled_for=timezone.now() + dt.timedelta(days=1))
    item = services.put_on_agenda(by=boss, meeting=meeting, case=case)
    services.record_decision(by=boss, item=item, text="Zlatka moves to the COSM shelter")
    signal = _linked_signal(boss, case)
    case.refresh_from_db()
    services.transition(by=boss, case=case, target=CaseState.CLOSED,
                        closure_reason="returned", reason="Zlatka returned to Sofia",
                        expected_version=case.version)
    return case.__class__.objects.get(pk=case.pk), signal


def _linked_signal(boss, case) -> Signal:
    from uitweg.signals.tests.factories import make_signal

    signal = make_signal(
        boss.organisation, description="Zlatka works 14 hours a day at the car wash",
        location="Car wash near Sofia street", observed_when="Every evening",
        persons=[PersonData(full_name=NAME, date_of_birth=dt.date(2001, 5, 6),
                            phone_numbers=["0612398765"], aliases=["Zlatka P."])],
        phone_numbers=["0612398765"])
    signal_services.link_case(by=boss, signal_id=signal.pk, case_id=case.pk)
    signal_services.close_signal(by=boss, signal_id=signal.pk, reason="forwarded",
                                 note="Forwarded: Zlatka is known to the case")
    return Signal.objects.get(pk=signal.pk)


def _anonymise(case: Case) -> Case:
    with freeze_time(timezone.now() + dt.timedelta(days=365 * 5 + 2)):
        return services.anonymise_case(case=case)


# --- the holes of issue 9, finding 10 ---------------------------------------------------------

def test_referral_purpose_justification_and_reasons_are_erased(full_case):
    case, _signal = full_case
    _anonymise(case)
    assert traces(Referral.objects.filter(case=case)) == []
    assert set(Referral.objects.filter(case=case).values_list("purpose", flat=True)) == {
        PLACEHOLDER}


def test_event_reasons_and_summaries_are_erased(full_case):
    case, _signal = full_case
    assert traces(CaseEvent.objects.filter(case=case))  # the history names her before
    _anonymise(case)
    assert traces(CaseEvent.objects.filter(case=case)) == []
    closing = CaseEvent.objects.filter(case=case, to_state=CaseState.CLOSED).get()
    assert closing.from_state == CaseState.NEW  # the skeleton of the timeline stays


def test_break_glass_reason_is_erased(full_case):
    case, _signal = full_case
    _anonymise(case)
    assert BreakGlassAccess.objects.get(case=case).reason == PLACEHOLDER


def test_external_consent_recipients_are_erased(full_case):
    case, _signal = full_case
    _anonymise(case)
    consent = Consent.objects.get(case=case)
    assert consent.external_recipients == [] and consent.data_categories == ["identity", "health"]


def test_linked_signals_person_data_is_erased(full_case):
    case, signal = full_case
    _anonymise(case)
    assert traces(Signal.objects.filter(pk=signal.pk)) == []
    assert traces(SignalPerson.objects.filter(signal=signal)) == []
    assert traces(SignalEvent.objects.filter(signal=signal)) == []
    assert not SignalIdentifier.objects.filter(signal=signal).exists()
    assert Signal.objects.get(pk=signal.pk).anonymised_at is not None


def test_no_trace_of_the_person_anywhere_but_the_access_log(full_case):
    """The whole database, every model of every app, is searched for her name."""
    from uitweg.core.tests.test_personal_data import project_models

    case, _signal = full_case
    _anonymise(case)
    left = [trace for model in project_models() if model is not AccessLogEntry
            for trace in traces(model._base_manager.all())]
    assert left == []


def test_an_open_signal_linked_to_the_case_keeps_its_data(full_case):
    """A new signal about the same person is in handling: its own retention applies later."""
    case, _closed = full_case
    boss = coordinator(case.coordinating_organisation)
    from uitweg.signals.tests.factories import make_signal

    open_signal = make_signal(boss.organisation, description="Zlatka seen again",
                              persons=[PersonData(full_name=NAME)])
    Signal.objects.filter(pk=open_signal.pk).update(status="triaged")
    from uitweg.signals.models import SignalCaseLink

    SignalCaseLink.objects.create(signal=open_signal, case=case)
    _anonymise(case)
    assert SignalPerson.objects.get(signal=open_signal).full_name == NAME


def test_statistics_number_and_access_log_stay(full_case):
    case, signal = full_case
    log_before = AccessLogEntry.objects.count()
    case = _anonymise(case)
    assert case.number and case.forms == ["sexual"] and case.closed_on and case.anonymised_at
    person = Person.objects.get(pk=case.person_id)
    assert (person.full_name, person.nationality, person.anonymised_at is not None) == (
        PLACEHOLDER, "RO", True)
    assert AccessLogEntry.objects.count() == log_before + 1
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_label, entry.username) == (
        Action.DELETE, case.number, "system")
    assert set(entry.object_ids) == {f"P-{case.person_id}", signal.reference}


def test_command_logs_with_its_access_point_and_dry_run_changes_nothing(full_case):
    case, _signal = full_case
    with freeze_time(timezone.now() + dt.timedelta(days=365 * 5 + 2)):
        out = StringIO()
        call_command("anonymise_cases", "--dry-run", stdout=out)
        assert f"would anonymise {case.number}" in out.getvalue()
        assert Person.objects.get(pk=case.person_id).full_name == NAME
        call_command("anonymise_cases", stdout=StringIO())
    assert Person.objects.get(pk=case.person_id).full_name == PLACEHOLDER
    entry = AccessLogEntry.objects.filter(action=Action.DELETE, object_label=case.number).get()
    assert entry.access_point == "command:anonymise_cases" and entry.username == "system"


# --- field by field, generic over the registry -------------------------------------------------



def test_case_retention_erases_each_registered_field(full_case):
    """Every field the registry's "case" process reaches: a recognisable value goes in, the
    rule's value comes out. A field added to the registry is tested without a new test."""
    case, _signal = full_case
    filled = fill_markers("case", case)
    assert len(filled) >= 25

    _anonymise(case)

    assert not_erased(filled) == []
