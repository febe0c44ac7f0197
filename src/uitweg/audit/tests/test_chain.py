"""The hash chain detects altered, inserted and removed entries (pure, then in the database)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from uitweg.audit import sequencer
from uitweg.audit.chain import GENESIS, entry_hash, verify
from uitweg.audit.models import AccessLogEntry, AppendOnlyError
from uitweg.audit.service import actor_for, record
from uitweg.testing.factories import UserFactory

KEY = b"k" * 32


def _chain(n):
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        row = {"seq": seq, "at": "2026-01-01T00:00:00", "user_id_ref": 1, "username": "u",
               "organisation_id_ref": 1, "organisation_name": "o", "role": "r",
               "action": "view", "object_type": "t", "object_id": str(seq),
               "object_label": "", "object_ids": [], "purpose": "care", "outcome": "granted",
               "access_point": "/", "client_address": "", "break_glass": False, "reason": ""}
        row["prev_hash"] = prev
        row["hash"] = prev = entry_hash(prev, row, KEY)
        rows.append(row)
    return rows


def test_intact_chain_verifies():
    assert verify(_chain(5), KEY) is None


def test_altered_entry_is_reported():
    rows = _chain(5)
    rows[2]["username"] = "mallory"
    problem = verify(rows, KEY)
    assert (problem.seq, problem.kind) == (3, "altered")


def test_removed_entry_is_reported():
    rows = _chain(5)
    del rows[1]
    problem = verify(rows, KEY)
    assert (problem.seq, problem.kind) == (2, "removed")


def test_entry_forged_without_the_key_is_reported():
    rows = _chain(3)
    forged = dict(rows[-1], seq=4, object_id="x", prev_hash=rows[-1]["hash"])
    forged["hash"] = entry_hash(forged["prev_hash"], forged, b"wrong-key" * 4)
    problem = verify([*rows, forged], KEY)
    assert (problem.seq, problem.kind) == (4, "altered")


# --- against the database ------------------------------------------------------------------


def _write(n):
    user = UserFactory()
    for i in range(n):
        with transaction.atomic():
            record(actor=actor_for(user), action="view", object_type="test.thing",
                   object_id=i, purpose="care")
    # What the sequencer does after each commit (ADR 0047); a test's transaction never commits.
    sequencer.catch_up()


def _raw(sql, params=()):
    """Tamper as a database superuser would: around the append-only trigger."""
    table = "audit_accesslogentry"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_accesslog_no_update")
            cursor.execute(sql, params)
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER audit_accesslog_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_accesslog_no_update")
            cursor.execute(sql, params)
            cursor.execute(
                f"CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'audit_accesslogentry is append-only'); END;")


@pytest.mark.django_db
def test_verify_command_passes_on_intact_log(capsys):
    _write(4)
    call_command("verify_audit_chain")
    assert "intact: 4 entries" in capsys.readouterr().out


@pytest.mark.django_db
def test_verify_command_names_a_row_altered_in_the_database():
    _write(4)
    _raw("UPDATE audit_accesslogentry SET username = 'mallory' WHERE chain_position = 3")
    with pytest.raises(CommandError, match="entry 3: altered"):
        call_command("verify_audit_chain")


@pytest.mark.django_db
def test_verify_command_names_a_row_deleted_in_the_database():
    _write(4)
    _raw("DELETE FROM audit_accesslogentry WHERE chain_position = 2")
    with pytest.raises(CommandError, match="entry 2: removed"):
        call_command("verify_audit_chain")


@pytest.mark.django_db
def test_verify_command_names_a_row_inserted_in_the_database():
    _write(3)
    last = AccessLogEntry.objects.order_by("-seq").first()
    _raw(
        "INSERT INTO audit_accesslogentry (seq, at, user_id_ref, username, organisation_id_ref,"
        " organisation_name, role, action, object_type, object_id, object_label, object_ids,"
        " purpose, outcome, access_point, client_address, break_glass, reason, prev_hash, hash,"
        " chain_position)"
        " VALUES (%s, %s, NULL, 'ghost', NULL, '', '', 'view', 'x', '1', '', '[]', 'p',"
        " 'granted', '', '', %s, '', %s, %s, 4)",
        [last.seq + 1, last.at, False, last.hash, "f" * 64],
    )
    with pytest.raises(CommandError, match="entry 4"):
        call_command("verify_audit_chain")


@pytest.mark.django_db
def test_verify_command_detects_removal_of_the_newest_entries_with_a_recorded_count():
    _write(4)
    _raw("DELETE FROM audit_accesslogentry WHERE chain_position = 4")
    with pytest.raises(CommandError, match="newest entries removed"):
        call_command("verify_audit_chain", expect_count=4)


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_through_the_orm():
    _write(1)
    entry = AccessLogEntry.objects.get()
    entry.username = "mallory"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().update(username="x")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry(seq=99, at=entry.at, action="view", object_type="x", purpose="p",
                       outcome="granted").save()


@pytest.mark.django_db
def test_database_refuses_a_raw_update():
    _write(1)
    from django.db import DatabaseError

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET username = 'x'")


@pytest.mark.django_db(transaction=True)
def test_granted_entry_outside_a_transaction_is_refused():
    from uitweg.audit.service import AuditOutsideTransaction

    user = UserFactory()
    with pytest.raises(AuditOutsideTransaction):
        record(actor=actor_for(user), action="view", object_type="x", purpose="p")


@pytest.mark.django_db
def test_on_postgresql_the_head_row_shows_the_newest_entries_were_cut_off():
    """ADR 0117: the head row moves with every link, in the same transaction, so removing
    the newest entries is found without a count or head recorded elsewhere."""
    if connection.vendor != "postgresql":
        pytest.skip("the head row is PostgreSQL's (SQLite reads the head from the log)")
    _write(4)
    _raw("DELETE FROM audit_accesslogentry WHERE chain_position = 4")
    with pytest.raises(CommandError, match=r"entry 4: removed .*newest entries removed"):
        call_command("verify_audit_chain", no_catch_up=True)
