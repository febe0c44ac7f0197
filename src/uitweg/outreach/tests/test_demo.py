"""The demo loader: realistic Dutch content through the services, idempotent."""

import pytest

from uitweg.accounts import demo as accounts_demo
from uitweg.accounts.models import User
from uitweg.outreach import demo
from uitweg.outreach.models import Contact, MessageTemplate, Platform

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_a_lead_and_seven_languages():
    accounts_demo.load()
    assert demo.load() > 20
    counts = (Contact.objects.count(), Platform.objects.count(), MessageTemplate.objects.count())
    assert demo.load() == 0
    assert (Contact.objects.count(), Platform.objects.count(),
            MessageTemplate.objects.count()) == counts
    assert set(MessageTemplate.objects.values_list("language", flat=True)) == {
        "nl", "en", "es", "ro", "bg", "hu", "th"}
    lead = User.objects.get(username=demo.LEAD)
    assert "outreach_lead" in lead.roles
