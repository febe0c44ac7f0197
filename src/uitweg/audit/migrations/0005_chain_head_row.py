"""The chain's head in a row of its own; sequencers serialise on it, last (ADR 0117).

- ``audit_chainhead``: one row, the chain's last link (position, hash).
- PostgreSQL: ``audit_chain_link()`` replaces ``audit_chain_apply()`` (0004). It takes no
  advisory lock. It locks the batch's entries (id order) and links them, and only then
  compare-and-sets the head row — the last statement before the commit, so the one global lock
  is held from that statement to the commit. A sequencer that lost the race (the head moved,
  its entries were linked by another, or a position is taken) writes nothing and reads again.
- The head row starts at the log's last link. SQLite keeps reading the head from the log
  (serial writers); the table exists there too, empty.
"""

import importlib
import re

from django.db import migrations, models

TABLE = "audit_accesslogentry"

PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_chain_link(
    async_commit boolean, lock_timeout_ms integer,
    head_position bigint, head_hash varchar,
    entry_ids bigint[], positions bigint[], prev_hashes varchar[], hashes varchar[])
RETURNS TABLE (applied boolean, linking_ms double precision, held_ms double precision) AS $$
DECLARE
  started timestamptz := clock_timestamp();
  head_at timestamptz;
  n integer := coalesce(array_length(entry_ids, 1), 0);
  found integer;
  caller_lock_timeout text := current_setting('lock_timeout');
BEGIN
  IF n = 0 THEN
    RETURN QUERY SELECT true, 0::float8, 0::float8;
    RETURN;
  END IF;
  IF async_commit THEN
    -- only links are lost in a crash; the entries were committed durably and are chained again
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  -- a stuck lock must not hold up the request that committed: give up, the next pass chains
  -- moved since the caller read it (this statement's own snapshot)? then no work, no lock
  IF NOT EXISTS (SELECT 1 FROM audit_chainhead h WHERE h.position = head_position
                 AND h.hash = head_hash)
     AND (head_position <> 0 OR EXISTS (SELECT 1 FROM audit_chainhead)) THEN
    RETURN QUERY SELECT false, extract(epoch FROM clock_timestamp() - started)::float8 * 1000,
                        NULL::float8;
    RETURN;
  END IF;
  PERFORM set_config('lock_timeout', lock_timeout_ms || 'ms', true);
  BEGIN
    -- 1. the batch's entries, locked in id order (two sequencers never wait on each other in
    --    a circle) and re-read after any wait: all still unchained?
    SELECT count(*) INTO found FROM (
      SELECT 1 FROM {TABLE} e WHERE e.id = ANY(entry_ids) AND e.hash IS NULL
      ORDER BY e.id FOR UPDATE) AS mine;
    IF found <> n THEN
      RAISE EXCEPTION USING ERRCODE = 'UWC01', MESSAGE = 'audit chain: entries linked meanwhile';
    END IF;
    -- 2. link them in chain order (a racing sequencer holding the same position waits at its
    --    first one, and fails on the unique index when this one commits)
    FOR i IN 1..n LOOP
      UPDATE {TABLE} SET chain_position = positions[i], prev_hash = prev_hashes[i],
                         hash = hashes[i]
        WHERE id = entry_ids[i];
    END LOOP;
    -- 3. compare-and-set the head: the one lock all sequencers share, held from here until
    --    the commit that follows this statement
    head_at := clock_timestamp();
    IF head_position = 0 THEN
      INSERT INTO audit_chainhead (id, position, hash) VALUES (1, positions[n], hashes[n])
        ON CONFLICT (id) DO NOTHING;
    ELSE
      UPDATE audit_chainhead SET position = positions[n], hash = hashes[n]
        WHERE id = 1 AND position = head_position AND hash = head_hash;
    END IF;
    GET DIAGNOSTICS found = ROW_COUNT;
    IF found <> 1 THEN
      RAISE EXCEPTION USING ERRCODE = 'UWC01', MESSAGE = 'audit chain: the head moved';
    END IF;
  EXCEPTION WHEN SQLSTATE 'UWC01' OR unique_violation OR deadlock_detected THEN
    -- lost the race: everything in this block is undone; the caller reads again. Held: from
    -- the compare-and-set to here, if it got that far (null if it never touched the head)
    PERFORM set_config('lock_timeout', caller_lock_timeout, true);
    RETURN QUERY SELECT false,
      extract(epoch FROM coalesce(head_at, clock_timestamp()) - started)::float8 * 1000,
      extract(epoch FROM clock_timestamp() - head_at)::float8 * 1000;
    RETURN;
  END;
  PERFORM set_config('lock_timeout', caller_lock_timeout, true);  -- inside a caller's transaction
  RETURN QUERY SELECT true, extract(epoch FROM head_at - started)::float8 * 1000,
                      extract(epoch FROM clock_timestamp() - head_at)::float8 * 1000;
END;
$$ LANGUAGE plpgsql VOLATILE;

DROP FUNCTION IF EXISTS audit_chain_apply(bigint, boolean, integer, bigint, varchar, bigint[],
                                          bigint[], varchar[], varchar[]);

INSERT INTO audit_chainhead (id, position, hash)
  SELECT 1, e.chain_position, e.hash FROM {TABLE} e
  WHERE e.chain_position IS NOT NULL ORDER BY e.chain_position DESC LIMIT 1;
"""


def _chain_apply_function() -> str:
    """0004's ``audit_chain_apply()``, to restore it when this migration is undone."""
    previous = importlib.import_module("uitweg.audit.migrations.0004_chain_after_commit")
    match = re.search(r"CREATE OR REPLACE FUNCTION audit_chain_apply\(.*?LANGUAGE plpgsql "
                      r"VOLATILE;", previous.PG_FORWARD, flags=re.S)
    return match.group(0)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)  # no placeholders: the SQL has %


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_chain_apply_function(), params=None)
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS audit_chain_link(boolean, integer, bigint, varchar, "
            "bigint[], bigint[], varchar[], varchar[])", params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_after_commit")]

    operations = [
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, editable=False,
                                                        primary_key=True, serialize=False)),
                ("position", models.PositiveBigIntegerField(editable=False)),
                ("hash", models.CharField(editable=False, max_length=64)),
            ],
            options={
                "default_permissions": (),
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)),
                                                       name="audit_chainhead_one_row")],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
