"""Pre-aggregated counts: the figures page serves cached counts, and they always equal a direct
count of the database (a write of any counted record invalidates them)."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.chat.models import Registration
from uitweg.monitoring import aggregates
from uitweg.monitoring.figures import figures_for
from uitweg.monitoring.periods import Period
from uitweg.signals.models import Signal
from uitweg.signals.tests.factories import make_signal
from uitweg.week import models as week
from uitweg.week.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _direct(period):
    """Every table counted straight from the records, neither cache nor per-day counts."""
    periods = period.trend()
    return {f"{s.key}.{d.key}": aggregates.count_table(
        s, d, periods, aggregates.direct_rows(s, d, periods)).counts
        for s in aggregates.sources() for d in s.dimensions}


def _served(period):
    figures = figures_for(period)
    return {t.key: [[c.value for c in row] for row in t.table.cells]
            for s in figures.sources for t in s.tables}


def _figures_queries(period):
    with CaptureQueriesContext(connection) as ctx:
        figures_for(period)
    return len(ctx.captured_queries)


def test_cached_figures_equal_a_direct_count_after_every_kind_of_write():
    by = coordinator()
    period = Period(2025)
    for day in range(1, 8):
        make_case(by=by, first_signal_date=date(2025, 2, day), forms=("labour",))
    Registration.objects.create(day=date(2025, 4, 1), topic="work", outcome="informed")
    assert _served(period) == _direct(period)
    assert _figures_queries(period) == 0  # the second time from the pre-aggregated counts

    make_case(by=by, first_signal_date=date(2025, 3, 3), forms=("sexual",))  # a new record
    Registration.objects.create(day=date(2025, 5, 1), topic="work", outcome="informed")
    signal = make_signal()
    signal.received_at = timezone.make_aware(datetime(2025, 6, 1, 12))
    signal.save()  # a change of a record
    event = make_event(audiences=["schools"])
    event.starts_at = timezone.make_aware(datetime(2025, 10, 1, 19))
    event.save()
    week.Registration.objects.create(event=event, status="confirmed")
    assert _served(period) == _direct(period)
    assert _served(period)["persons.form"][-1][0] == 1  # the sexual case counted

    Registration.objects.filter(topic="work").first().delete()  # a deletion
    assert _served(period) == _direct(period)
    Signal.objects.get(pk=signal.pk).delete()
    assert _served(period) == _direct(period)


def test_counts_are_kept_no_longer_than_the_setting(settings):
    """A write that sends no signal (QuerySet.update) is seen at most this long after (on any
    cache backend: locmem here, Redis in CI). The Week is counted from its records on a cache
    miss; the other sources from the per-day counts (see test_daycounts: the rebuild)."""
    import time

    settings.MONITORING_COUNTS_SECONDS = 1
    period = Period(2025)
    event = make_event(audiences=["schools"])
    event.starts_at = timezone.make_aware(datetime(2025, 10, 1, 19))
    event.save()
    week.Registration.objects.create(event=event, status="confirmed")

    def week_total():
        source = next(s for s in figures_for(period).sources if s.key == "week")
        return sum(c.value for c in source.tables[0].table.cells[-1])

    assert week_total() == 1
    week.Event.objects.update(starts_at=timezone.make_aware(datetime(2024, 10, 1, 19)))
    assert week_total() == 1  # still the kept count
    time.sleep(1.5)
    assert week_total() == 0  # recounted once the kept counts expired


def test_a_write_recounts_only_its_own_source():
    """Only the written source is read again, and from its per-day counts: no count over the
    records of any source."""
    period = Period(2025)
    figures_for(period)
    Registration.objects.create(day=date(2025, 4, 1), topic="work", outcome="informed")
    with CaptureQueriesContext(connection) as ctx:
        figures = figures_for(period)
    tables = {t for q in ctx.captured_queries for t in ("chat_registration", "signals_signal",
                                                         "cases_case", "monitoring_daycount")
              if t in q["sql"]}
    assert tables == {"monitoring_daycount"}
    assert all("chat" in q["sql"] for q in ctx.captured_queries)  # the chat's counts only
    chat = next(s for s in figures.sources if s.key == "chat")
    assert sum(c.value for c in chat.tables[0].table.cells[-1]) == 1
