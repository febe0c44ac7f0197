import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_org_admin_role_grants_account_events'),
        ('cases', '0001_initial'),
        ('outreach', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='contactfollowup',
            name='referral',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cases.referral'),
        ),
        migrations.AddField(
            model_name='contactfollowup',
            name='to_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='contactfollowup',
            name='submission',
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AlterField(
            model_name='contactfollowup',
            name='kind',
            field=models.CharField(choices=[('signal', 'Signal reported'), ('referral', 'Referral to care')], max_length=16),
        ),
        migrations.AddConstraint(
            model_name='contactfollowup',
            constraint=models.UniqueConstraint(condition=models.Q(('submission', ''), _negated=True), fields=('contact', 'submission'), name='outreach_followup_submitted_once'),
        ),
    ]
