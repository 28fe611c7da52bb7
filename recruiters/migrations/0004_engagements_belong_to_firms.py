import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step one of three: the firm column, empty for now (firms 0002 fills it)."""

    dependencies = [
        ("firms", "0001_initial"),
        ("recruiters", "0003_one_kind_of_revealable_link"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="engagement",
            name="firm",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="engagements",
                to="firms.firm",
            ),
        ),
        migrations.AlterField(
            model_name="engagement",
            name="recruiter",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="engagements",
                to=settings.AUTH_USER_MODEL,
                verbose_name="lead recruiter",
            ),
        ),
    ]
