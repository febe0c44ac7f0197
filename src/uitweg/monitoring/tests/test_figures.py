"""Counting from the platform's records: persons once per year, by the database, no individual."""

from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.chat.models import Registration
from uitweg.monitoring import aggregates
from uitweg.monitoring.figures import figures_for
from uitweg.monitoring.periods import Period
from uitweg.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def _counts(source_key: str, dimension: str, period: Period):
    src = aggregates.source(source_key)
    dim = next(d for d in src.dimensions if d.key == dimension)
    table = aggregates.count_table(src, dim, period.trend(2))
    return dict(zip([c for c, _label in table.categories], table.counts[-1], strict=True))


def test_a_person_with_two_cases_in_a_year_counts_once_in_the_quarter_of_the_first():
    by = coordinator()
    first = make_case(by=by, first_signal_date=date(2025, 2, 1), forms=("labour",))
    second = make_case(by=by, first_signal_date=date(2025, 8, 1), forms=("sexual",))
    second.person = first.person  # the same person registered again
    second.save()
    make_case(by=by, first_signal_date=date(2025, 5, 1), forms=("sexual", "labour"))
    make_case(by=by, first_signal_date=date(2024, 5, 1), forms=("criminal",))

    year = _counts("persons", "form", Period(2025))
    assert year["labour"] == 1 and year["sexual"] == 0 and year["multiple"] == 1
    assert sum(year.values()) == 2
    assert sum(_counts("persons", "form", Period(2025, 1)).values()) == 1
    assert sum(_counts("persons", "form", Period(2025, 3)).values()) == 0  # not a new person


def test_signals_by_outcome_and_chat_registrations_by_topic():
    signal = make_signal()
    signal.received_at = datetime(2025, 3, 3, 10, tzinfo=UTC)
    signal.save()
    Registration.objects.create(day=date(2025, 4, 1), topic="work", outcome="informed")
    assert _counts("signals", "outcome", Period(2025))["open"] == 1
    assert _counts("chat", "topic", Period(2025))["work"] == 1
    assert _counts("chat", "topic", Period(2025, 1))["work"] == 0


def test_chat_contacts_of_the_youth_chat_and_the_outreach_chat_are_counted_apart():
    Registration.objects.create(day=date(2025, 4, 1), topic="work", outcome="informed")
    Registration.objects.create(day=date(2025, 4, 2), topic="work", outcome="informed",
                                channel="outreach")
    Registration.objects.create(day=date(2025, 4, 3), topic="other", outcome="informed",
                                channel="outreach")
    by_chat = _counts("chat", "channel", Period(2025))
    assert by_chat == {"youth": 1, "outreach": 2}


def test_the_number_of_queries_does_not_grow_with_the_records():
    by = coordinator()

    def queries():
        cache.clear()  # count every table, not the pre-aggregated counts
        with CaptureQueriesContext(connection) as ctx:
            figures_for(Period(2025))
        return len(ctx.captured_queries)

    make_case(by=by, first_signal_date=date(2025, 1, 5))
    before = queries()
    for day in range(2, 12):
        make_case(by=by, first_signal_date=date(2025, 3, day), person={"nationality": "PL"})
    assert queries() == before
