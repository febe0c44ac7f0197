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


def test_the_demo_loads_in_the_hour_when_utc_and_the_hague_are_on_different_days():
    """CI failed at 23:26 UTC (00:26 in The Hague): follow-up dates were computed as UTC days,
    one day before the local "today" that the service checks against."""
    from freezegun import freeze_time

    with freeze_time("2026-11-29 23:30:00"):
        accounts_demo.load()
        assert demo.load() > 20
