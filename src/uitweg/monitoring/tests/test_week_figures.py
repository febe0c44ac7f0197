"""Week registrations and attendance in monitoring: counted by the week app, suppressed here."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.monitoring import aggregates
from uitweg.monitoring.figures import figures_for
from uitweg.monitoring.periods import Period
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory
from uitweg.week.models import Event, Registration
from uitweg.week.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _event(audiences, when):
    event = make_event(audiences=audiences)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.make_aware(when))
    return event


def _registrations(event, *, confirmed=0, checked_in=0, waitlisted=0, cancelled=0):
    now = timezone.now()
    rows = ([Registration(event=event, status="confirmed") for _ in range(confirmed)]
            + [Registration(event=event, status="confirmed", checked_in_at=now)
               for _ in range(checked_in)]
            + [Registration(event=event, status="waitlisted") for _ in range(waitlisted)]
            + [Registration(event=event, status="cancelled") for _ in range(cancelled)])
    Registration.objects.bulk_create(rows)


@pytest.fixture
def analyst_client(client):
    return force_login_with_mfa(client, UserFactory(organisation=OrganisationFactory(),
                                                    roles=[Role.ANALYST]))


@pytest.fixture
def week():
    school = _event(["schools"], datetime(2025, 10, 14, 10))
    both = _event(["public", "professionals"], datetime(2025, 10, 15, 19))
    older = _event(["public"], datetime(2024, 10, 15, 19))
    _registrations(school, confirmed=4, checked_in=20, waitlisted=6, cancelled=1)
    _registrations(both, confirmed=10, checked_in=30, cancelled=3)
    _registrations(older, checked_in=12)
    return school, both, older


def _counts(dimension, period):
    src = aggregates.source("week")
    dim = next(d for d in src.dimensions if d.key == dimension)
    table = aggregates.count_table(src, dim, period.trend(2))
    return [dict(zip([c for c, _label in table.categories], row, strict=True))
            for row in table.counts]


def test_registrations_by_audience_count_each_registration_once(week):
    before, year = _counts("audience", Period(2025))
    assert year["schools"] == 31 and year["multiple"] == 43 and year["public"] == 0
    assert sum(year.values()) == 74
    assert before["public"] == 12 and sum(before.values()) == 12
    assert sum(_counts("audience", Period(2025, 1))[-1].values()) == 0
    assert sum(_counts("audience", Period(2025, 4))[-1].values()) == 74


def test_attendance_is_one_category_per_registration(week):
    year = _counts("attendance", Period(2025))[-1]
    assert year == {"checked_in": 50, "registered": 14, "waitlisted": 6, "cancelled": 4}


def test_unpublished_events_do_not_count():
    draft = make_event(publish=False, audiences=["schools"])
    Event.objects.filter(pk=draft.pk).update(starts_at=timezone.make_aware(datetime(2025, 5, 1)))
    _registrations(draft, confirmed=9)
    assert sum(_counts("audience", Period(2025))[-1].values()) == 0


def test_small_counts_are_suppressed_on_the_page_and_in_the_export(week):
    figures = figures_for(Period(2025), only="week")
    (source,) = figures.sources
    attendance = next(t for t in source.tables if t.key == "week.attendance")
    labels = dict(zip([c for c, _label in attendance.categories], attendance.rows()[-1][1],
                      strict=True))
    assert labels["checked_in"] == "50" and labels["registered"] == "14"
    assert labels["cancelled"] == "<5"
    # the 4 cannot be recovered from the total 74: a second cell of the row is hidden as well
    assert labels["waitlisted"] != "6", labels
    assert attendance.rows()[-1][2] == "74"
    audience = next(t for t in source.tables if t.key == "week.audience")
    for _period, cells, _total in audience.rows():
        assert not any(label.isdigit() and 0 < int(label) < 5 for label in cells)


def test_the_figures_page_shows_the_week_source(analyst_client, week):
    page = analyst_client.get(reverse("monitoring:figures"), {"year": "2025"}).content.decode()
    assert 'data-testid="table-week.attendance"' in page
    assert 'data-testid="table-week.audience"' in page


def test_without_the_week_app_there_is_no_week_source(settings):
    from django.apps import apps

    installed = [a for a in settings.INSTALLED_APPS if a != "uitweg.week"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(apps, "is_installed", lambda name: name in installed)
        assert "week" not in [s.key for s in aggregates.sources()]
