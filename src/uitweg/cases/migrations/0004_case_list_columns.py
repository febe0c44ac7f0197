"""The case list's stored columns (ADR 0115): add them, fill them from the source tables
(the same sums as ``cases.list_columns.computed``), and index the sorts by activity and by
next deadline."""

from django.conf import settings
from django.db import migrations, models

# One grouped join per column (not a sub-query per case): a few seconds at 50,000 cases.
FILL = [
    """UPDATE cases_case SET next_action_due = d.m FROM (
         SELECT n.case_id AS case_id, MIN(a.due_date) AS m
         FROM cases_careaction a JOIN cases_careneed n ON a.need_id = n.id
         WHERE a.status IN ('open', 'in_progress') GROUP BY n.case_id) AS d
       WHERE cases_case.id = d.case_id""",
    """UPDATE cases_case SET last_activity_at = d.m FROM (
         SELECT case_id, MAX(at) AS m FROM cases_caseevent GROUP BY case_id) AS d
       WHERE cases_case.id = d.case_id""",
]


def fill(apps, schema_editor):
    """The values ``cases.list_columns.computed`` gives, for every case at once."""
    for statement in FILL:
        schema_editor.execute(statement)


def create_activity_index(apps, schema_editor):
    """The index of both activity sorts (one walks it forwards, the other backwards); on
    PostgreSQL only, because SQLite cannot write NULLS LAST in an index."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS cases_case_activity_idx ON cases_case "
            "(last_activity_at DESC NULLS LAST, id DESC)")


def drop_activity_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS cases_case_activity_idx")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_editor_publisher_roles'),
        ('cases', '0003_team_contact_legal_deadlines'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='last_activity_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='case',
            name='next_action_due',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_activity_index, drop_activity_index),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['next_action_due', '-id'],
                               name='cases_case_action_due_idx'),
        ),
        migrations.AddIndex(
            model_name='legaldeadline',
            index=models.Index(fields=['due', '-case'], name='cases_legaldeadline_due_idx'),
        ),
    ]
