"""The per-day counts the figures are read from: after any sequence of saves and deletes they
equal a direct count of the records (hypothesis), a write costs the same few queries however
large the source, and ``rebuild_monitoring_counts`` repairs writes that bypass the signals."""

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uitweg.cases.models import Case
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.chat.models import AgeBand, Outcome, Registration, Topic
from uitweg.core.vocabulary import Gender
from uitweg.monitoring import aggregates, daycounts
from uitweg.monitoring.figures import figures_for
from uitweg.monitoring.models import DayCount
from uitweg.monitoring.periods import Period
from uitweg.signals.models import Signal
from uitweg.signals.tests.factories import make_signal
from uitweg.signals.vocabulary import ClosureReason, Priority, Status

pytestmark = pytest.mark.django_db

YEARS = (2023, 2024, 2025)
PERIODS = [Period(2025), Period(2024, 4)]  # years 2021-2025; fourth quarters 2020-2024


def _differing() -> dict[str, list]:
    """Every table of the day-counted sources: per-day counts against a direct count."""
    out = {}
    for src in aggregates.sources():
        if src.key not in daycounts.DAY_COUNTED:
            continue
        for dimension in src.dimensions:
            for period in PERIODS:
                periods = period.trend()
                kept = sorted(daycounts.count_rows(src.key, dimension.key, periods))
                direct = sorted(aggregates.direct_rows(src, dimension, periods))
                if kept != direct:
                    out[f"{src.key}.{dimension.key} {period.label}"] = [kept, direct]
    return out


days = st.builds(date, st.sampled_from(YEARS), st.integers(1, 12), st.integers(1, 28))

chat_ops = st.one_of(
    st.tuples(st.just("chat_new"), days, st.sampled_from(Topic.values),
              st.sampled_from(Outcome.values), st.sampled_from([*AgeBand.values, ""])),
    st.tuples(st.just("chat_change"), st.integers(0, 50), days, st.sampled_from(Topic.values)),
    st.tuples(st.just("chat_delete"), st.integers(0, 50)),
)
signal_ops = st.one_of(
    st.tuples(st.just("signal_change"), st.integers(0, 50), days,
              st.sampled_from(Priority.values), st.booleans(),
              st.sampled_from(ClosureReason.values)),
    st.tuples(st.just("signal_delete"), st.integers(0, 50)),
)
case_ops = st.one_of(
    st.tuples(st.just("case_change"), st.integers(0, 50), days,
              st.sampled_from([",sexual,", ",labour,", ",sexual,labour,", ""]),
              st.sampled_from([True, False, None])),
    st.tuples(st.just("case_move"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("person_change"), st.integers(0, 50), st.sampled_from(Gender.values),
              st.sampled_from(["NL", "PL", "UA", ""])),
    st.tuples(st.just("case_delete"), st.integers(0, 50)),
    st.tuples(st.just("persons_cases_delete"), st.integers(0, 50)),
)


def _nth(queryset, i):
    rows = list(queryset.order_by("pk"))
    return rows[i % len(rows)] if rows else None


def _apply(op) -> None:
    kind = op[0]
    if kind == "chat_new":
        Registration.objects.create(day=op[1], topic=op[2], outcome=op[3], age_band=op[4])
    elif kind == "chat_change" and (r := _nth(Registration.objects, op[1])):
        r.day, r.topic = op[2], op[3]
        r.save()
    elif kind == "chat_delete" and (r := _nth(Registration.objects, op[1])):
        r.delete()
    elif kind == "signal_change" and (s := _nth(Signal.objects, op[1])):
        s.received_at = timezone.make_aware(datetime.combine(op[2], datetime.min.time())
                                            + timedelta(hours=23, minutes=30))
        s.priority = op[3]
        s.status = Status.CLOSED if op[4] else Status.IN_PROGRESS
        s.closure_reason = op[5] if op[4] else ""
        s.save()
    elif kind == "signal_delete" and (s := _nth(Signal.objects, op[1])):
        s.delete()
    elif kind == "case_change" and (c := _nth(Case.objects, op[1])):
        c.first_signal_date, c.forms_index, c.minor_on_first_signal = op[2], op[3], op[4]
        c.save()
    elif kind == "case_move" and (c := _nth(Case.objects, op[1])):
        c.person = _nth(Case.objects, op[2]).person  # a case moved to another person
        c.save()
    elif kind == "person_change" and (c := _nth(Case.objects, op[1])):
        c.person.gender, c.person.nationality = op[2], op[3]
        c.person.save()
    elif kind == "case_delete" and (c := _nth(Case.objects, op[1])):
        c.delete()
    elif kind == "persons_cases_delete" and (c := _nth(Case.objects, op[1])):
        Case.objects.filter(person_id=c.person_id).delete()  # one deletion, several cases


@pytest.fixture
def records(db):
    by = coordinator()
    for i in range(6):
        make_case(by=by, first_signal_date=date(2025, 1 + i, 5), forms=("labour",))
    for _ in range(3):
        make_signal()
    Registration.objects.create(day=date(2025, 4, 1), topic=Topic.values[0],
                                outcome=Outcome.values[0])
    return by


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=st.lists(st.one_of(chat_ops, signal_ops, case_ops), min_size=1, max_size=10))
def test_day_counts_equal_a_direct_count_after_random_writes(records, ops):
    for op in ops:
        _apply(op)
    assert _differing() == {}
    if Case.objects.count() < 3:  # keep persons to move cases between
        make_case(by=records, first_signal_date=date(2024, 11, 30), forms=("sexual",))


def test_a_second_case_of_a_person_in_the_same_year_moves_the_person_not_adds_one():
    by = coordinator()
    first = make_case(by=by, first_signal_date=date(2025, 5, 1), forms=("labour",))
    second = make_case(by=by, first_signal_date=date(2025, 2, 1), forms=("sexual",))
    second.person = first.person
    second.save()

    rows = daycounts.count_rows("persons", "form", Period(2025).trend())
    assert sorted(rows) == [(2025, "sexual", 1)]  # one person, in view since February
    q2 = daycounts.count_rows("persons", "form", Period(2025, 2).trend())
    assert q2 == []  # not again in the quarter of the later case
    assert _differing() == {}


def test_a_chat_registration_costs_the_same_few_queries_however_many_there_are():
    def queries_of_one_write():
        with CaptureQueriesContext(connection) as ctx:
            Registration.objects.create(day=date(2025, 4, 2), topic=Topic.values[0],
                                        outcome=Outcome.values[0])
        return len(ctx.captured_queries)

    few = queries_of_one_write()
    Registration.objects.bulk_create(
        [Registration(day=date(2025, 1, 1) + timedelta(days=i % 300), topic=Topic.values[0],
                      outcome=Outcome.values[0]) for i in range(2000)])
    assert queries_of_one_write() == few <= 3  # the insert, its unit counted, one upsert
    stored = DayCount.objects.filter(source="chat", dimension="topic", day=date(2025, 4, 2))
    assert stored.get().n == 2  # the two saved ones (bulk_create sends no signal)


def test_rebuild_repairs_writes_that_bypass_the_signals():
    Registration.objects.create(day=date(2025, 4, 1), topic=Topic.values[0],
                                outcome=Outcome.values[0])
    Registration.objects.update(day=date(2024, 4, 1))  # no signal: the counts are not told
    period = Period(2025)

    def chat_total(year_index=-1):
        chat = next(s for s in figures_for(period).sources if s.key == "chat")
        return sum(c.value for c in chat.tables[0].table.cells[year_index])

    assert chat_total() == 1  # stale
    with pytest.raises(CommandError):
        call_command("rebuild_monitoring_counts", "chat", "--check")
    call_command("rebuild_monitoring_counts")
    assert chat_total() == 0
    assert chat_total(-2) == 1  # now counted in 2024
    call_command("rebuild_monitoring_counts", "--check")  # nothing differs
    assert _differing() == {}


def test_a_rolled_back_write_leaves_no_count():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        Registration.objects.create(day=date(2025, 4, 1), topic=Topic.values[0],
                                    outcome=Outcome.values[0])
        raise RuntimeError
    assert not DayCount.objects.filter(source="chat", n__gt=0).exists()


def test_migrate_counts_a_source_whose_counts_are_missing():
    Registration.objects.create(day=date(2025, 4, 1), topic=Topic.values[0],
                                outcome=Outcome.values[0])
    DayCount.objects.all().delete()
    daycounts.build_missing()
    assert DayCount.objects.filter(source="chat", dimension="topic").get().n == 1
