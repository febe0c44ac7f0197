"""Issue 9, finding 12: the chain lock is never held while a page renders (ADR 0042, 0047, 0117).

Since ADR 0117 the chain lock is the row lock on the head row (``audit_chainhead``), taken by
the sequencer's compare-and-set as the last statement before its commit.

The PostgreSQL tests need ``DATABASE_URL=postgres://…`` (they skip on SQLite, where every
transaction is serial anyway). The others check that the rules hold: the read and its entry
commit together, a rolled-back part takes its entries with it, and the chain stays intact.
Since ADR 0047 the entry is inserted at once and chained after the commit (test_sequencer.py).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.test import Client

from uitweg.audit.models import AccessLogEntry
from uitweg.audit.service import actor_for, record
from uitweg.audit.verification import check_log
from uitweg.cases import views as case_views
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.testing.clients import force_login_with_mfa


def appended_at_end():
    from uitweg.audit.service import appended_at_end

    return appended_at_end()


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the chain lock is PostgreSQL's head row (SQLite runs writers serially)")


def _chain_intact(*, catch_up: bool = False) -> bool:
    """The chain verifies and nothing is left unchained (ADR 0047: entries are chained after
    their commit; a test that never commits needs ``catch_up``, what the sequencer would do)."""
    report = check_log(catch_up=catch_up)
    return report.intact and report.pending == 0


def _lock_free_elsewhere() -> bool:
    """Can another session take the chain lock (the head row) right now?"""
    import psycopg

    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:
        try:
            rows = other.execute("SELECT position FROM audit_chainhead WHERE id = 1 "
                                 "FOR UPDATE NOWAIT").fetchall()
        except psycopg.errors.LockNotAvailable:
            return False
        assert rows, "no head row: nothing was chained yet, so this would prove nothing"
        other.rollback()
        return True


@pytest.mark.django_db(transaction=True)
def test_the_chain_lock_is_free_while_an_audited_page_renders(monkeypatch):
    _needs_postgresql()
    boss = coordinator()
    case = make_case(by=boss)
    original = case_views.CaseDetailView.get_context_data
    seen = {}

    def probing(self, **kwargs):
        context = original(self, **kwargs)  # writes the entry (log_view)
        seen["free"] = _lock_free_elsewhere()  # the template renders after this
        return context

    monkeypatch.setattr(case_views.CaseDetailView, "get_context_data", probing)
    response = force_login_with_mfa(Client(), boss).get(f"/staff/cases/{case.pk}/")
    assert response.status_code == 200
    assert seen == {"free": True}
    assert _chain_intact()


@pytest.mark.django_db(transaction=True)
def test_two_audited_requests_overlap(monkeypatch):
    """While one case page is still being built (its entry recorded), another completes."""
    _needs_postgresql()
    boss = coordinator()
    first, second = make_case(by=boss), make_case(by=boss)
    original = case_views.CaseDetailView.get_context_data
    first_logged, second_done = threading.Event(), threading.Event()

    def slow_first(self, **kwargs):
        context = original(self, **kwargs)
        if threading.current_thread().name == "first":
            first_logged.set()
            second_done.wait(15)
        return context

    monkeypatch.setattr(case_views.CaseDetailView, "get_context_data", slow_first)
    statuses = {}

    def read(name, case):
        try:
            client = force_login_with_mfa(Client(), boss)
            statuses[name] = client.get(f"/staff/cases/{case.pk}/").status_code
        finally:
            if name == "second":
                second_done.set()
            connection.close()

    one = threading.Thread(target=read, args=("first", first), name="first")
    one.start()
    assert first_logged.wait(15)
    two = threading.Thread(target=read, args=("second", second), name="second")
    two.start()
    two.join(8)
    finished_while_first_open = not two.is_alive()
    second_done.set()
    one.join(15)
    two.join(15)
    assert finished_while_first_open, "the second request waited for the first one's lock"
    assert statuses == {"first": 200, "second": 200}
    assert AccessLogEntry.objects.count() >= 2 and _chain_intact()


@pytest.mark.django_db
def test_an_entry_commits_with_its_read_and_keeps_the_chain():
    """ADR 0047 (superseding 0042's deferred append): the entry is in the read's transaction
    at once — nothing is held back — and is chained after the commit."""
    user = coordinator()
    before = AccessLogEntry.objects.count()
    with transaction.atomic(), appended_at_end():
        for n in range(3):
            record(actor=actor_for(user), action="view", object_type="t", object_id=n,
                   purpose="care")
        assert AccessLogEntry.objects.count() == before + 3  # in the read's transaction
    entries = list(AccessLogEntry.objects.order_by("seq"))[before:]
    assert [e.object_id for e in entries] == ["0", "1", "2"]
    assert _chain_intact(catch_up=True)


@pytest.mark.django_db
def test_an_entry_of_a_rolled_back_part_is_not_appended():
    user = coordinator()
    before = AccessLogEntry.objects.count()
    with transaction.atomic(), appended_at_end():
        record(actor=actor_for(user), action="view", object_type="t", object_id="kept",
               purpose="care")
        try:
            with transaction.atomic():
                record(actor=actor_for(user), action="update", object_type="t",
                       object_id="undone", purpose="care")
                raise RuntimeError("the change fails after it was logged")
        except RuntimeError:
            pass
    ids = [e.object_id for e in AccessLogEntry.objects.order_by("seq")[before:]]
    assert ids == ["kept"]


@pytest.mark.django_db
def test_a_failing_request_takes_its_entries_with_it():
    user = coordinator()
    before = AccessLogEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), appended_at_end():
        record(actor=actor_for(user), action="view", object_type="t", purpose="care")
        raise RuntimeError("rendering failed")
    assert AccessLogEntry.objects.count() == before


@pytest.mark.django_db
def test_an_exception_caught_inside_the_transaction_still_appends_the_entry():
    """If the caller catches the error and commits, the read it logged is not lost."""
    user = coordinator()
    before = AccessLogEntry.objects.count()
    with transaction.atomic(), pytest.raises(RuntimeError), appended_at_end():
        record(actor=actor_for(user), action="view", object_type="t", purpose="care")
        raise RuntimeError("handled by the caller")
    assert AccessLogEntry.objects.count() == before + 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain():
    """Six writers at once, each chaining after its commit: the compare-and-set on the head row
    (ADR 0117) lets exactly one sequencer extend a given head, so no two entries share a
    predecessor and no position is given twice."""
    _needs_postgresql()
    user = coordinator()
    errors = []

    def writer(n):
        try:
            for i in range(10):
                with transaction.atomic(), appended_at_end():
                    record(actor=actor_for(user), action="view", object_type="t",
                           object_id=f"{n}-{i}", purpose="care")
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert AccessLogEntry.objects.filter(object_type="t").count() == 60
    assert _chain_intact()


@pytest.mark.django_db(transaction=True)
def test_the_benchmark_flag_times_the_lock_per_transaction(settings, tmp_path):
    """BENCH_AUDIT_LOCK_LOG: one "held waited" line per transaction that took the lock."""
    _needs_postgresql()
    from uitweg.audit import lock_timing

    settings.BENCH_AUDIT_LOCK_LOG = str(tmp_path / "lock.log")
    user = coordinator()
    for n in range(3):
        with transaction.atomic(), appended_at_end():
            record(actor=actor_for(user), action="view", object_type="t", object_id=n,
                   purpose="care")
    held, waited = lock_timing.read(settings.BENCH_AUDIT_LOCK_LOG)
    assert len(held) == len(waited) == 3 and min(held) >= 0 and min(waited) >= 0
    settings.BENCH_AUDIT_LOCK_LOG = ""
    with transaction.atomic(), appended_at_end():
        record(actor=actor_for(user), action="view", object_type="t", purpose="care")
    assert len(lock_timing.read(str(tmp_path / "lock.log"))[0]) == 3  # off: nothing written
