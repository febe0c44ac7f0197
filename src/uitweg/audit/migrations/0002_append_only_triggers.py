"""Database-level guard: access-log rows cannot be updated (and on PostgreSQL not deleted).

The ORM guard (AccessLogEntry.save/delete, the queryset) stops application code; these triggers
stop raw SQL through the application's connection too. SQLite gets no DELETE trigger because
Django's test flush empties tables with DELETE; the hash chain still detects any removal.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_accesslogentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE OR DELETE ON audit_accesslogentry
  FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS audit_accesslog_no_update ON audit_accesslogentry;
DROP FUNCTION IF EXISTS audit_accesslog_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry
BEGIN SELECT RAISE(ABORT, 'audit_accesslogentry is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS audit_accesslog_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
