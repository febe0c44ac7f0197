# The per-day counts of the monitoring figures (issue 13, "Speed"). Filled by the saves and
# deletes of the counted records; a database that already has records is counted once after
# migrate (daycounts.build_missing) or with manage.py rebuild_monitoring_counts.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DayCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("source", models.CharField(max_length=16)),
                ("dimension", models.CharField(max_length=24)),
                ("day", models.DateField()),
                ("code", models.CharField(blank=True, max_length=100)),
                ("n", models.IntegerField(default=0)),
            ],
            options={
                "constraints": [models.UniqueConstraint(
                    fields=("source", "dimension", "day", "code"),
                    name="monitoring_daycount_key")],
            },
        ),
    ]
