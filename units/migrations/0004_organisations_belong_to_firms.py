import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step one of three: the firm column, empty for now (firms 0002 fills it)."""

    dependencies = [
        ("firms", "0001_initial"),
        ("units", "0003_one_kind_of_revealable_link"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="firm",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="organisations",
                to="firms.firm",
            ),
        ),
    ]
