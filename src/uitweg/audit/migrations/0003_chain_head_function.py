"""PostgreSQL: take the chain lock and read the chain's head in one round trip (ADR 0042).

``audit_chain_head(key)`` waits for the advisory transaction lock, then reads the last entry.
It is VOLATILE, so the read takes a fresh snapshot *after* the lock was granted and sees the
entry the previous holder committed (one statement with a subquery would read a snapshot
from before the wait and fork the chain). One round trip less while the lock is held.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION audit_chain_head(lock_key bigint)
RETURNS TABLE (head_seq bigint, head_hash varchar) AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN QUERY SELECT e.seq::bigint, e.hash::varchar FROM audit_accesslogentry e
    ORDER BY e.seq DESC LIMIT 1;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""
PG_BACKWARD = "DROP FUNCTION IF EXISTS audit_chain_head(bigint);"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forward, backward)]
