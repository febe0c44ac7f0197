"""Who may handle a signal, checked by the services themselves (issue 9, finding 4).

The services are called DIRECTLY with the wrong actor (as a command, the demo loader or another
app would) and must refuse with ``Refused`` (a ``PermissionDenied`` with a reason code) and write
nothing: no signal, no event, no case, no access-log entry.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.cases.models import Case
from uitweg.signals import permissions, services
from uitweg.signals.models import ApiScope, RoutingRule, Signal, SignalEvent, SignalPerson
from uitweg.signals.services import PersonData, SignalData
from uitweg.testing.factories import UserFactory

from .factories import care_org, coordinator, intake_officer, make_signal

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "counts": {m.__name__: m.objects.count() for m in (
            Signal, SignalEvent, SignalPerson, Case, RoutingRule, AccessLogEntry)},
        "signals": list(Signal.objects.values_list("pk", "status", "version", "assigned_to")
                        .order_by("pk")),
    }


def refused(call, code: str):
    before = snapshot()
    with pytest.raises(PermissionDenied) as exc:
        call()
    assert isinstance(exc.value, permissions.Refused) and exc.value.code == code
    assert snapshot() == before, "a refused call wrote something"


@pytest.fixture
def signal():
    return make_signal(forms=["labour"], persons=[PersonData(full_name="Ana Testescu")])


def test_only_a_care_coordinator_turns_a_signal_into_a_case(signal):
    officer = intake_officer(signal.responsible_organisation)
    person = signal.persons.get()
    refused(lambda: services.convert_to_case(by=officer, signal_id=signal.pk,
                                             person_id=person.pk),
            permissions.NOT_COORDINATOR_ROLE)
    case = services.convert_to_case(by=coordinator(signal.responsible_organisation),
                                    signal_id=signal.pk, person_id=person.pk)
    assert case.person.full_name == "Ana Testescu"


def test_a_deactivated_account_cannot_handle_signals(signal):
    officer = intake_officer(signal.responsible_organisation)
    officer.is_active = False
    officer.save()
    refused(lambda: services.triage_signal(by=officer, signal_id=signal.pk, forms=["labour"],
                                           indicators=[], minor=False, acute_danger=False),
            permissions.NOT_SIGNAL_STAFF)
    refused(lambda: services.close_signal(by=officer, signal_id=signal.pk,
                                          reason="no_indication"),
            permissions.NOT_SIGNAL_STAFF)


def test_a_role_without_intake_cannot_report_a_signal():
    analyst = UserFactory(organisation=care_org(), roles=[Role.ANALYST])
    refused(lambda: services.submit_professional_signal(
        by=analyst, data=SignalData(description="Seen at the car wash.")),
        permissions.NOT_REPORTER)


def test_an_api_key_reports_only_with_the_write_scope_while_active():
    org = care_org()
    reader, _raw = services.issue_api_key(by=None, organisation=org, name="reader",
                                          scopes=[ApiScope.SIGNALS_READ])
    data = SignalData(description="Seen at the car wash.")
    refused(lambda: services.submit_api_signal(key=reader, data=data), permissions.KEY_SCOPE)
    writer, _raw = services.issue_api_key(by=None, organisation=org, name="writer",
                                          scopes=[ApiScope.SIGNALS_WRITE])
    writer.active = False
    writer.save()
    refused(lambda: services.submit_api_signal(key=writer, data=data), permissions.KEY_SCOPE)


def test_only_a_functional_administrator_configures_routing_and_keys():
    boss = coordinator()
    org = care_org()
    refused(lambda: services.save_routing_rule(
        by=boss, rule=RoutingRule(name="mine", order=1, organisation=boss.organisation)),
        permissions.NOT_ADMIN)
    refused(lambda: services.issue_api_key(by=boss, organisation=org, name="k",
                                           scopes=[ApiScope.SIGNALS_WRITE]),
            permissions.NOT_ADMIN)


def test_another_organisations_signal_stays_invisible(signal):
    stranger = intake_officer()
    before = snapshot()
    with pytest.raises(Signal.DoesNotExist):
        services.close_signal(by=stranger, signal_id=signal.pk, reason="no_indication")
    assert snapshot() == before

