"""The demo Week loads through the services and is idempotent."""

import pytest

from uitweg.accounts import demo as accounts_demo
from uitweg.week import demo
from uitweg.week.models import Edition, Event, Registration

pytestmark = pytest.mark.django_db


def test_the_demo_edition_has_eight_events_some_full_and_loads_once():
    accounts_demo.load()
    demo.load()
    demo.load()
    assert Edition.objects.get(year=demo.demo_year()).published
    events = Event.objects.public()
    assert events.count() == 8
    full = [e for e in events if e.capacity and Registration.objects.filter(
        event=e, status="confirmed").count() == e.capacity]
    assert len(full) >= 2
    assert Registration.objects.filter(status="waitlisted").exists()


def test_the_demo_edition_is_the_coming_week():
    from datetime import date

    assert demo.demo_year(date(2026, 10, 1)) == 2026
    assert demo.demo_year(date(2026, 10, 18)) == 2026
    assert demo.demo_year(date(2026, 11, 29)) == 2027
