"""Rules in one place (issue 14, finding 1): each rule lives in the service (or a pure module it
calls); forms and views only call it. The tests call the services directly, as another app's
service, a command or the demo loader would, and check that views offer exactly what the
service accepts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from uitweg.cases import lifecycle, services
from uitweg.cases.models import Case, CaseState, Note, Person, Referral, ReferralStatus
from uitweg.testing.clients import force_login_with_mfa

from .factories import PERSON, coordinator, make_case
from .test_permissions import World

pytestmark = pytest.mark.django_db


def in_dutch(message: str) -> str:
    """Pages are in Dutch (the default language); service messages are asserted in English."""
    with translation.override("nl"):
        return gettext(message)


# --- date of birth before the first signal -----------------------------------------------------

def test_conversion_from_a_signal_refuses_a_birth_date_after_the_first_signal():
    boss = coordinator()
    with pytest.raises(services.CaseError) as exc:
        services.open_case_from_signal(
            by=boss, person={**PERSON, "date_of_birth": date(2026, 2, 1)}, forms=["labour"],
            indicators=[], minor_on_first_signal=None, first_signal_date=date(2026, 1, 5),
            reporting_organisation=None, source_reference="SIG-1")
    assert str(exc.value) == "The date of birth is after the first signal."
    assert not Case.objects.exists() and not Person.objects.exists()


def test_converting_a_signal_with_a_birth_date_after_it_is_refused_and_nothing_changes():
    """The real path: the signals app converts a signal received a month ago about a person
    whose date of birth (mistyped) lies after it."""
    from uitweg.signals import services as signal_services
    from uitweg.signals.models import Signal
    from uitweg.signals.services import PersonData, SignalData
    from uitweg.signals.tests.factories import care_org
    from uitweg.signals.tests.factories import coordinator as signal_coordinator

    org = care_org(name="Coordination")
    today = timezone.localdate()
    signal, _code = signal_services.submit_public_report(data=SignalData(
        description="Works without pay", forms=["labour"],
        persons=[PersonData(full_name="Olena S.", date_of_birth=today - timedelta(days=10))]),
        language="en")
    Signal.objects.filter(pk=signal.pk).update(
        responsible_organisation=org, received_at=timezone.now() - timedelta(days=30))
    with pytest.raises(signal_services.SignalError,
                       match="The date of birth is after the first signal"):
        signal_services.convert_to_case(by=signal_coordinator(org), signal_id=signal.pk)
    assert not Case.objects.exists()
    assert Signal.objects.get(pk=signal.pk).status != "closed"


def test_editing_the_person_refuses_a_birth_date_after_the_first_signal():
    boss = coordinator()
    case = make_case(by=boss, first_signal_date=date(2026, 1, 5))
    with pytest.raises(services.CaseError, match="after the first signal"):
        services.update_person(by=boss, case=case, expected_version=1,
                               values={**PERSON, "date_of_birth": date(2026, 1, 6)})
    assert Person.objects.get(pk=case.person_id).date_of_birth == PERSON["date_of_birth"]


def test_a_birth_date_on_the_day_of_the_first_signal_is_accepted():
    case = make_case(by=coordinator(), first_signal_date=date(2026, 1, 5),
                     person={"date_of_birth": date(2026, 1, 5)})
    assert case.person.date_of_birth == date(2026, 1, 5)


def test_the_open_case_form_shows_the_services_error_on_the_birth_date(client):
    boss = coordinator()
    force_login_with_mfa(client, boss)
    today = timezone.localdate()
    response = client.post(reverse("cases:open"), {
        **{k: v for k, v in PERSON.items() if k not in ("aliases", "phone_numbers",
                                                       "addresses", "identity_documents",
                                                       "languages")},
        "date_of_birth": today.isoformat(),
        "first_signal_date": (today - timedelta(days=3)).isoformat(), "forms": ["labour"]})
    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"] == [
        in_dutch("The date of birth is after the first signal.")]
    assert not Case.objects.exists()


def test_a_first_signal_in_the_future_is_shown_on_its_field(client):
    force_login_with_mfa(client, coordinator())
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(reverse("cases:open"), {
        "full_name": "Ana", "gender": "female", "forms": ["labour"],
        "first_signal_date": tomorrow.isoformat()})
    assert response.status_code == 200
    assert response.context["form"].errors["first_signal_date"] == [
        in_dutch("The date of the first signal cannot be in the future.")]
    assert not Case.objects.exists()


# --- referral decisions: one table, one permission rule ----------------------------------------

def _service_accepts(user, referral: Referral, status: str) -> bool:
    """Whether ``decide_referral`` would accept this decision now (rolled back either way)."""

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            services.decide_referral(by=user, referral=referral, status=status,
                                     expected_version=referral.version, reason="Not now")
            raise Rollback
    except Rollback:
        return True
    except (services.CaseError, PermissionDenied):
        return False


def test_the_decision_form_offers_exactly_what_the_service_accepts():
    from uitweg.cases.views_edit import ReferralDecideView

    w = World()
    withdrawn = services.send_referral(by=w.boss, case=w.case, to_organisation=w.shelter,
                                       purpose="Second place")
    withdrawn = services.decide_referral(by=w.boss, referral=withdrawn,
                                         status=ReferralStatus.WITHDRAWN, expected_version=1)
    users = (w.boss, w.colleague, w.partner, w.officer, w.outsider, w.analyst)
    checked = 0
    for referral in (w.to_shelter, w.external, w.to_police, withdrawn):
        for user in users:
            offered = set(ReferralDecideView.choices_for(user, referral, w.case))
            accepted = {status for status in ReferralStatus.values
                        if _service_accepts(user, referral, status)}
            assert offered == accepted, (user.organisation.name, referral.purpose)
            checked += len(accepted)
    assert checked > 0  # the table is not empty


def test_the_referral_steps_are_the_lifecycle_table():
    assert set(lifecycle.REFERRAL_STATES) == set(ReferralStatus.values)
    assert set(lifecycle.REFERRAL_DECISIONS) == set(ReferralStatus.values) - {"proposed"}
    assert lifecycle.referral_targets(ReferralStatus.PROPOSED) == (
        ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN)
    assert lifecycle.referral_targets(ReferralStatus.ACCEPTED) == (
        ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN)
    for final in (ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN):
        assert lifecycle.referral_targets(final) == ()


# --- a closed case: refused by the service, shown by the view ---------------------------------

def _closed_world() -> World:
    w = World()
    services.transition(by=w.boss, case=w.case, target=CaseState.CLOSED,
                        closure_reason="no_contact", expected_version=w.case_version())
    return w


CLOSED_REFUSES = {
    "add_note": lambda w: services.add_note(by=w.boss, case=w.case, text="late"),
    "update_person": lambda w: services.update_person(
        by=w.boss, case=w.case, expected_version=1, values={**PERSON, "full_name": "X"}),
    "update_case_details": lambda w: services.update_case_details(
        by=w.boss, case=w.case, expected_version=w.case_version(), values={"forms": ["labour"]}),
    "add_member": lambda w: services.add_member(by=w.boss, case=w.case,
                                                organisation=w.outsider.organisation),
    "add_need": lambda w: services.add_need(by=w.boss, case=w.case, domain="shelter",
                                            description="Bed"),
    "decide_referral": lambda w: services.decide_referral(
        by=w.partner, referral=w.to_shelter, status=ReferralStatus.ACCEPTED,
        expected_version=1),
    "send_referral": lambda w: services.send_referral(
        by=w.boss, case=w.case, to_organisation=w.shelter, purpose="Again"),
}


@pytest.mark.parametrize("name", sorted(CLOSED_REFUSES))
def test_the_service_refuses_changes_to_a_closed_case(name):
    w = _closed_world()
    with pytest.raises(services.CaseClosed):
        CLOSED_REFUSES[name](w)


def test_a_closed_case_can_be_reopened_and_its_consent_withdrawn():
    w = _closed_world()
    services.withdraw_consent(by=w.boss, consent=w.consent)
    case = services.transition(by=w.boss, case=w.case, target=CaseState.ASSESSMENT,
                               reason="New facts", expected_version=w.case_version())
    assert case.state == CaseState.ASSESSMENT


def test_the_view_turns_the_services_refusal_into_a_message(client):
    boss = coordinator()
    case = make_case(by=boss)
    services.transition(by=boss, case=case, target=CaseState.CLOSED,
                        closure_reason="no_contact", expected_version=1)
    force_login_with_mfa(client, boss)
    response = client.post(reverse("cases:note_add", kwargs={"pk": case.pk}), {"text": "x"},
                           follow=True)
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert [str(m) for m in response.context["messages"]] == [
        in_dutch("This case is closed; reopen it before making changes.")]
    assert not Note.objects.filter(case=case).exists()
