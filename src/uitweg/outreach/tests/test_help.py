"""From contact to help (item 4): a signal through the signals services with the chosen
indicators; the contact shows what followed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from uitweg.outreach.help import report_signal
from uitweg.signals.models import Signal, SignalIdentifier
from uitweg.signals.tests.factories import care_org
from uitweg.testing.clients import force_login_with_mfa

from .factories import contact, lead, worker

pytestmark = pytest.mark.django_db


def test_a_signal_is_reported_with_two_indicators_and_the_contact_shows_it():
    care_org()
    me = worker()
    person = contact(me, handle="@nadia", phone="06-12345678")
    follow = report_signal(by=me, contact_id=person.pk, description="Zegt dat een man haar "
                           "geld houdt.", indicators=["withholding_of_wages", "debt_bondage"],
                           forms=["sexual"], consent=True)
    signal = Signal.objects.get(pk=follow.signal_id)
    assert signal.indicators == ["withholding_of_wages", "debt_bondage"]
    assert signal.reported_by == me and signal.reference == follow.reference
    assert not SignalIdentifier.objects.filter(signal=signal).exists()  # phone not shared
    page = force_login_with_mfa(Client(), me).get(person.get_absolute_url()).content.decode()
    assert follow.reference in page


def test_the_phone_goes_along_only_when_ticked():
    care_org()
    me = worker()
    person = contact(me, handle="@nadia", phone="06-12345678")
    follow = report_signal(by=me, contact_id=person.pk, description="Zorgen.", indicators=[],
                           forms=[], consent=True, share_phone=True)
    assert SignalIdentifier.objects.filter(signal_id=follow.signal_id, kind="phone").exists()


def test_no_signal_without_consent_and_not_for_another_team():
    care_org()
    me = worker()
    person = contact(me)
    with pytest.raises(ValidationError):
        report_signal(by=me, contact_id=person.pk, description="x", indicators=[], forms=[])
    from uitweg.core.refusals import Refused

    with pytest.raises(Refused):
        report_signal(by=lead(), contact_id=person.pk, description="x", indicators=[],
                      forms=[], consent=True)
    assert not Signal.objects.exists()
