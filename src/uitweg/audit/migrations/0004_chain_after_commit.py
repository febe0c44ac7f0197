"""Entries are chained after their transaction commits, by the sequencer (ADR 0047).

- ``chain_position`` (null until chained), nullable ``prev_hash``/``hash``, the entry's own
  ``mac``; existing entries keep their links, with ``chain_position = seq``.
- PostgreSQL: ``seq`` of a new row is its id (a BEFORE INSERT trigger), so no lock is needed to
  number it; the append-only trigger allows exactly one update — an unchained entry getting its
  chain position, ``prev_hash`` and ``hash``, nothing else changed; ``audit_chain_apply()``
  links entries under the chain lock in one statement; ``audit_chain_head()`` (0003) goes.
- SQLite: the same append-only rule (a table rebuild drops triggers, so it is recreated here).
"""

from django.db import migrations, models
from django.db.models import Q

TABLE = "audit_accesslogentry"
# Every column but the three the sequencer writes (frozen here: a later column must be added
# to the SQLite trigger by its own migration; PostgreSQL compares whole rows).
CONTENT = ("id", "seq", "at", "user_id_ref", "username", "organisation_id_ref",
           "organisation_name", "role", "action", "object_type", "object_id", "object_label",
           "object_ids", "purpose", "outcome", "access_point", "client_address", "break_glass",
           "reason", "mac")

PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.hash IS NULL AND OLD.prev_hash IS NULL AND OLD.chain_position IS NULL
     AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.chain_position IS NOT NULL
     AND (to_jsonb(NEW) - ARRAY['chain_position', 'prev_hash', 'hash'])
         = (to_jsonb(OLD) - ARRAY['chain_position', 'prev_hash', 'hash']) THEN
    RETURN NEW;  -- the sequencer links a committed entry (ADR 0047); nothing else may change
  END IF;
  RAISE EXCEPTION '{TABLE} is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION audit_accesslog_number() RETURNS trigger AS $$
BEGIN
  IF NEW.seq IS NULL THEN
    NEW.seq := NEW.id;  -- insertion number without a lock: the id, already drawn
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_accesslog_number ON {TABLE};
CREATE TRIGGER audit_accesslog_number BEFORE INSERT ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION audit_accesslog_number();

CREATE OR REPLACE FUNCTION audit_chain_apply(
    lock_key bigint, async_commit boolean, lock_timeout_ms integer,
    head_position bigint, head_hash varchar,
    entry_ids bigint[], positions bigint[], prev_hashes varchar[], hashes varchar[])
RETURNS TABLE (applied boolean, waited_ms double precision, held_ms double precision) AS $$
DECLARE
  asked timestamptz := clock_timestamp();
  granted timestamptz;
  current_position bigint;
  current_hash varchar;
  linked bigint;
  caller_lock_timeout text := current_setting('lock_timeout');
BEGIN
  IF async_commit THEN
    -- only links are lost in a crash; the entries were committed durably and are chained again
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  -- a stuck lock must not hold up the request that committed: give up, the next pass chains
  PERFORM set_config('lock_timeout', lock_timeout_ms || 'ms', true);
  PERFORM pg_advisory_xact_lock(lock_key);
  granted := clock_timestamp();
  PERFORM set_config('lock_timeout', caller_lock_timeout, true);
  -- VOLATILE: this statement takes a fresh snapshot, after the lock was granted
  SELECT e.chain_position, e.hash INTO current_position, current_hash FROM {TABLE} e
    WHERE e.chain_position IS NOT NULL ORDER BY e.chain_position DESC LIMIT 1;
  IF coalesce(current_position, 0) <> head_position
     OR coalesce(current_hash, '') <> coalesce(head_hash, '') THEN
    RETURN QUERY SELECT false, extract(epoch FROM granted - asked)::float8 * 1000,
                        extract(epoch FROM clock_timestamp() - granted)::float8 * 1000;
    RETURN;
  END IF;
  UPDATE {TABLE} e SET chain_position = v.position, prev_hash = v.prev_hash, hash = v.hash
    FROM unnest(entry_ids, positions, prev_hashes, hashes) AS v(id, position, prev_hash, hash)
    WHERE e.id = v.id AND e.hash IS NULL;
  GET DIAGNOSTICS linked = ROW_COUNT;
  IF linked <> coalesce(array_length(entry_ids, 1), 0) THEN
    RAISE EXCEPTION 'audit chain: % of % entries could be linked',
      linked, coalesce(array_length(entry_ids, 1), 0);
  END IF;
  RETURN QUERY SELECT true, extract(epoch FROM granted - asked)::float8 * 1000,
                      extract(epoch FROM clock_timestamp() - granted)::float8 * 1000;
END;
$$ LANGUAGE plpgsql VOLATILE;

DROP FUNCTION IF EXISTS audit_chain_head(bigint);

ALTER TABLE {TABLE} DISABLE TRIGGER audit_accesslog_no_update;
UPDATE {TABLE} SET chain_position = seq WHERE chain_position IS NULL;
ALTER TABLE {TABLE} ENABLE TRIGGER audit_accesslog_no_update;
-- new ids (and so new seq numbers) come after every existing seq
SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'),
              GREATEST((SELECT max(id) FROM {TABLE}), (SELECT max(seq) FROM {TABLE}), 1));
"""

PG_BACKWARD = f"""
DROP FUNCTION IF EXISTS audit_chain_apply(bigint, boolean, integer, bigint, varchar, bigint[],
                                          bigint[], varchar[], varchar[]);
DROP TRIGGER IF EXISTS audit_accesslog_number ON {TABLE};
DROP FUNCTION IF EXISTS audit_accesslog_number();
CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{TABLE} is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION audit_chain_head(lock_key bigint)
RETURNS TABLE (head_seq bigint, head_hash varchar) AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN QUERY SELECT e.seq::bigint, e.hash::varchar FROM {TABLE} e
    ORDER BY e.seq DESC LIMIT 1;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""

_SAME = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in CONTENT)
SQLITE_TRIGGER = f"""
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON {TABLE}
WHEN NOT (OLD.hash IS NULL AND OLD.prev_hash IS NULL AND OLD.chain_position IS NULL
          AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
          AND NEW.chain_position IS NOT NULL AND {_SAME})
BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END;
"""
SQLITE_STRICT = f"""
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END;
"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)  # no placeholders: the SQL has %
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_accesslog_no_update")
        schema_editor.execute(f"UPDATE {TABLE} SET chain_position = seq "
                              "WHERE chain_position IS NULL")
        schema_editor.execute(SQLITE_TRIGGER)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_accesslog_no_update")
        schema_editor.execute(SQLITE_STRICT)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_head_function")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="mac",
            field=models.CharField(blank=True, db_default="", default="", editable=False,
                                   max_length=64),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="chain_position",
            field=models.PositiveBigIntegerField(editable=False, null=True, unique=True,
                                                 verbose_name="chain position"),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="prev_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="hash",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(condition=Q(hash__isnull=True), fields=["seq"],
                               name="audit_entry_unchained_idx"),
        ),
        migrations.RunPython(forward, backward),
    ]
