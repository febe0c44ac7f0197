"""ADR 0047: entries are inserted unchained in the read's transaction and chained after the
commit by the sequencer, which holds the chain lock only for the linking itself.

Tests marked "PostgreSQL" use several connections at once (threads) and skip on SQLite, where
every transaction runs serially; run them with ``DATABASE_URL=postgres://…``. The others run on
both (on SQLite with ``AUDIT_CHAIN_AFTER_COMMIT``, the PostgreSQL behaviour).
"""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from uitweg.audit import sequencer
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.service import actor_for, record
from uitweg.audit.verification import check_log
from uitweg.testing.factories import UserFactory


@pytest.fixture(autouse=True)
def _after_commit(settings):
    settings.AUDIT_CHAIN_AFTER_COMMIT = True  # SQLite too; PostgreSQL always


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("several connections at once: PostgreSQL (SQLite runs writers serially)")


def _record(user, object_id, **kwargs):
    return record(actor=actor_for(user), action="view", object_type="test.thing",
                  object_id=object_id, purpose="care", **kwargs)


def _commit(user, object_id):
    with transaction.atomic():
        return _record(user, object_id)


def _positions() -> dict[str, int | None]:
    return dict(AccessLogEntry.objects.filter(object_type="test.thing")
                .values_list("object_id", "chain_position"))


def _fully_chained() -> bool:
    report = check_log(catch_up=False)
    return report.intact and report.pending == 0


def _tamper(sql, params=()):
    """As a database superuser would: around the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_accesslogentry DISABLE TRIGGER "
                           "audit_accesslog_no_update")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE audit_accesslogentry ENABLE TRIGGER "
                           "audit_accesslog_no_update")
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = "
                           "'audit_accesslog_no_update'")
            trigger = cursor.fetchone()[0]
            cursor.execute("DROP TRIGGER audit_accesslog_no_update")
            cursor.execute(sql, params)
            cursor.execute(trigger)


# --- both databases ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_entry_is_chained_right_after_its_transaction_commits():
    user = UserFactory()
    with transaction.atomic():
        entry = _record(user, "a")
        assert AccessLogEntry.objects.get(pk=entry.pk).chain_position is None  # not yet
    assert _positions() == {"a": 1}
    assert _fully_chained()


@pytest.mark.django_db(transaction=True)
def test_a_crash_between_commit_and_chaining_is_repaired_by_the_catch_up(monkeypatch, capsys):
    user = UserFactory()
    monkeypatch.setattr(sequencer._ChainAfterCommit, "__call__", lambda self: None)  # "crash"
    for n in range(3):
        _commit(user, f"lost-{n}")
    assert set(_positions().values()) == {None}
    call_command("verify_audit_chain", no_catch_up=True)  # pending is not tampering
    assert "3 entries pending" in capsys.readouterr().out

    call_command("chain_audit_log")
    assert "Chained 3 pending" in capsys.readouterr().out
    assert sorted(_positions().values()) == [1, 2, 3]
    call_command("verify_audit_chain", no_catch_up=True)
    out = capsys.readouterr().out
    assert "intact: 3 entries" in out and "pending" not in out


@pytest.mark.django_db(transaction=True)
def test_the_next_commit_chains_an_entry_left_behind_by_a_crash(monkeypatch):
    user = UserFactory()
    with monkeypatch.context() as patched:
        patched.setattr(sequencer._ChainAfterCommit, "__call__", lambda self: None)
        _commit(user, "orphan")
    _commit(user, "next")
    assert _positions() == {"orphan": 1, "next": 2}  # chain order = order of sequencing
    assert _fully_chained()


@pytest.mark.django_db(transaction=True)
def test_the_verifier_catches_up_before_it_verifies(monkeypatch, capsys):
    user = UserFactory()
    monkeypatch.setattr(sequencer._ChainAfterCommit, "__call__", lambda self: None)
    _commit(user, "a")
    _commit(user, "b")
    call_command("verify_audit_chain")
    out = capsys.readouterr().out
    assert "Chained 2 pending entries first" in out and "intact: 2 entries" in out
    assert _fully_chained()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_or_savepoint_leaves_no_entry_and_no_gap():
    user = UserFactory()
    _commit(user, "before")
    with pytest.raises(RuntimeError), transaction.atomic():
        _record(user, "rolled-back")
        raise RuntimeError("the read failed")
    with transaction.atomic():
        _record(user, "kept")
        try:
            with transaction.atomic():
                _record(user, "savepoint")
                raise RuntimeError("the change failed after it was logged")
        except RuntimeError:
            pass
    _commit(user, "after")
    assert _positions() == {"before": 1, "kept": 2, "after": 3}
    assert _fully_chained()


@pytest.mark.django_db
def test_tampering_with_an_entry_before_it_is_chained_is_detected_and_not_chained():
    user = UserFactory()
    _commit(user, "a")  # the test's transaction never commits: the entries stay pending
    victim = _commit(user, "b")
    _tamper("UPDATE audit_accesslogentry SET username = 'mallory' WHERE id = %s", [victim.pk])
    assert sequencer.catch_up() == 1  # "a" only: "b" no longer matches its MAC
    assert _positions() == {"a": 1, "b": None}
    with pytest.raises(CommandError, match=rf"entry {victim.seq} \(seq\): altered"):
        call_command("verify_audit_chain")


@pytest.mark.django_db
def test_an_entry_inserted_by_hand_is_never_chained():
    user = UserFactory()
    real = _commit(user, "real")
    _tamper(
        "INSERT INTO audit_accesslogentry (seq, at, user_id_ref, username, organisation_id_ref,"
        " organisation_name, role, action, object_type, object_id, object_label, object_ids,"
        " purpose, outcome, access_point, client_address, break_glass, reason, mac)"
        " VALUES (%s, %s, NULL, 'ghost', NULL, '', '', 'view', 'test.thing', 'ghost', '', '[]',"
        " 'p', 'granted', '', '', %s, '', %s)",
        [real.seq + 1000, real.at, False, "0" * 64])
    sequencer.catch_up()
    assert _positions() == {"real": 1, "ghost": None}
    with pytest.raises(CommandError, match="altered"):
        call_command("verify_audit_chain")


@pytest.mark.django_db
def test_the_database_allows_only_the_sequencers_one_update():
    user = UserFactory()
    chained = _commit(user, "chained")
    sequencer.catch_up()
    pending = _commit(user, "pending")

    def refused(sql, params):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    refused("UPDATE audit_accesslogentry SET username = 'x' WHERE id = %s", [pending.pk])
    refused("UPDATE audit_accesslogentry SET chain_position = 7, prev_hash = hash, hash = 'h'"
            " WHERE id = %s", [chained.pk])  # re-chaining a chained entry
    refused("UPDATE audit_accesslogentry SET chain_position = 2, prev_hash = 'p', hash = 'h',"
            " username = 'x' WHERE id = %s", [pending.pk])  # chaining and changing at once
    refused("UPDATE audit_accesslogentry SET chain_position = NULL, prev_hash = NULL,"
            " hash = NULL WHERE id = %s", [chained.pk])  # unchaining
    if connection.vendor == "postgresql":  # SQLite: the test flush deletes (migration 0002)
        refused("DELETE FROM audit_accesslogentry WHERE id = %s", [pending.pk])
    assert sequencer.catch_up() == 1  # the one allowed update still works
    assert _positions() == {"chained": 1, "pending": 2}


@pytest.mark.django_db
def test_entries_stay_in_the_order_of_insertion_for_readers():
    """``seq`` is still the order entries were written (what pages and tests sort by); only
    the chain position waits for the sequencer."""
    user = UserFactory()
    first, second = _commit(user, "1"), _commit(user, "2")
    assert first.seq < second.seq
    newest = AccessLogEntry.objects.order_by("-seq").first()
    assert newest.pk == second.pk and newest.chain_position is None


# --- PostgreSQL: several connections -----------------------------------------------------------


def _threads(target, count):
    errors = []

    def run(n):
        try:
            target(n)
        except Exception as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_with_rollbacks_and_a_catch_up_make_one_unbroken_chain():
    _needs_postgresql()
    user = UserFactory()
    committed = set()

    def writer(n):
        for i in range(15):
            name = f"{n}-{i}"
            if i % 5 == 4:
                with pytest.raises(RuntimeError), transaction.atomic():
                    _record(user, f"{name}-rolled-back")
                    raise RuntimeError
            else:
                with transaction.atomic():
                    _record(user, name)
                    if i % 3 == 0:
                        _record(user, f"{name}-second")
                        committed.add(f"{name}-second")
                committed.add(name)

    def catching_up(_n):
        for _ in range(10):
            sequencer.catch_up()

    errors = _threads(lambda n: catching_up(n) if n == 6 else writer(n), 7)
    assert errors == []
    positions = _positions()
    assert set(positions) == committed  # no rolled-back entry, every committed one
    assert sorted(positions.values()) == list(range(1, len(committed) + 1))  # no gap, no fork
    assert _fully_chained()


@pytest.mark.django_db(transaction=True)
def test_an_uncommitted_entry_is_not_chained_and_a_later_commit_is_not_kept_waiting():
    """ids are not commit order: an entry inserted first but committed last is chained last;
    one whose transaction rolls back never appears — and neither holds up anyone else."""
    _needs_postgresql()
    user = UserFactory()
    inserted, others_done = threading.Event(), threading.Event()

    def slow(n):
        with transaction.atomic():
            _record(user, "slow")
            inserted.set()
            assert others_done.wait(30)
        with pytest.raises(RuntimeError), transaction.atomic():
            _record(user, "rolled-back")
            inserted.set()
            raise RuntimeError

    thread = threading.Thread(target=lambda: _threads(slow, 1))
    thread.start()
    assert inserted.wait(30)
    fast = _commit(user, "fast")
    chained_while_slow_open = AccessLogEntry.objects.get(pk=fast.pk).chain_position
    others_done.set()
    thread.join(60)
    assert chained_while_slow_open == 1
    assert _positions() == {"fast": 1, "slow": 2}
    assert AccessLogEntry.objects.get(object_id="slow").seq < fast.seq  # inserted first
    assert _fully_chained()


@pytest.mark.django_db
def test_a_sequencer_that_read_an_old_head_writes_nothing():
    """Another sequencer moved the head after this one read it: nothing of this one's links is
    written, and the next pass chains the entry after the new head (ADR 0117)."""
    from uitweg.audit.chain import GENESIS, link

    user = UserFactory()
    _commit(user, "first")
    sequencer.catch_up()  # the test's transaction never commits: what the callback would do
    assert sequencer.chain_head()[0] == 1
    _commit(user, "second")
    pending = sequencer.unchained()
    stale = link((0, GENESIS), pending, sequencer._key())
    assert sequencer._apply((0, GENESIS), stale) is False
    assert _positions() == {"first": 1, "second": None}
    assert sequencer.chain_head()[0] == 1
    assert sequencer.catch_up() == 1
    assert _positions() == {"first": 1, "second": 2} and _fully_chained()


@pytest.mark.django_db(transaction=True)
def test_a_request_does_not_wait_for_the_chain_lock(settings):
    """The read's transaction takes no lock; if the chain lock (the head row, ADR 0117) is
    stuck elsewhere, the sequencer gives up after its lock timeout and the entry is chained by
    the next pass."""
    _needs_postgresql()
    import psycopg

    user = UserFactory()
    _commit(user, "first")  # the head row exists from the first link on
    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:
        other.execute("SELECT 1 FROM audit_chainhead WHERE id = 1 FOR UPDATE")
        try:
            entry = _commit(user, "while-locked")  # commits; chaining times out
        finally:
            other.rollback()
    assert AccessLogEntry.objects.get(pk=entry.pk).chain_position is None
    assert sequencer.catch_up() == 1
    assert _fully_chained()


@pytest.mark.django_db
def test_linking_inside_a_callers_transaction_leaves_its_lock_timeout_as_it_was():
    """The linking statement waits at most LOCK_TIMEOUT_MS for a lock; a caller's transaction
    (catch-up inside atomic) keeps its own lock timeout for what it does next."""
    _needs_postgresql()
    user = UserFactory()
    _commit(user, "x")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '7s'")
        assert sequencer.catch_up() == 1
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "7s"
