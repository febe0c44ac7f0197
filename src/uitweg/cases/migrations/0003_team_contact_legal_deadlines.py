# Issue 10: a named contact per organisation on the team; legal deadlines stored for the case list.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CLOCK_FIELDS = ("reflection_start", "reflection_end", "permit_valid_from", "shelter_kind",
                "shelter_start")


def fill_legal_deadlines(apps, schema_editor):
    """The deadlines of the cases that already have legal dates (cases.clocks: the one rule)."""
    from uitweg.cases import clocks

    Case = apps.get_model("cases", "Case")
    LegalDeadline = apps.get_model("cases", "LegalDeadline")
    with_dates = (Case.objects.exclude(reflection_start=None, permit_valid_from=None,
                                       shelter_start=None).values("pk", *CLOCK_FIELDS))
    rows = []
    for case in with_dates.iterator():
        found = clocks.deadlines(
            reflection_start=case["reflection_start"], reflection_end_on=case["reflection_end"],
            permit_valid_from=case["permit_valid_from"], shelter_kind=case["shelter_kind"],
            shelter_start=case["shelter_start"])
        rows += [LegalDeadline(case_id=case["pk"], kind=d.kind, due=d.due) for d in found]
    LegalDeadline.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_owner_saved_filters'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='casemembership',
            name='contact',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='contact'),
        ),
        migrations.AddField(
            model_name='casemembership',
            name='version',
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.CreateModel(
            name='LegalDeadline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=32)),
                ('due', models.DateField()),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='legal_deadlines', to='cases.case')),
            ],
            options={
                'ordering': ['due', 'id'],
                'indexes': [models.Index(fields=['case', 'due'], name='cases_legaldeadline_idx')],
            },
        ),
        migrations.RunPython(fill_legal_deadlines, migrations.RunPython.noop),
    ]
