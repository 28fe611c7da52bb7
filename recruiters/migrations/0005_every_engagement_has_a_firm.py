import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step three: every engagement now has its firm (firms 0002), so the column is
    required, and the dashboard's index follows the firm instead of the recruiter."""

    dependencies = [
        ("firms", "0002_one_person_firms"),
        ("recruiters", "0004_engagements_belong_to_firms"),
    ]

    operations = [
        migrations.AlterField(
            model_name="engagement",
            name="firm",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="engagements",
                to="firms.firm",
            ),
        ),
        migrations.RemoveIndex(
            model_name="engagement",
            name="recruiters__recruit_d104fc_idx",
        ),
        migrations.AddIndex(
            model_name="engagement",
            index=models.Index(fields=["firm", "status"], name="recruiters__firm_id_8b501b_idx"),
        ),
    ]
