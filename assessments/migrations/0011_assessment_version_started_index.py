"""Today's assessments of one questionnaire version found by an index, not by reading all of
the version's: the index on (questionnaire, created_at) is made first, then the one on
the version alone, which it covers, goes. Dropped by name rather than by altering the
field, which SQLite would do by copying the whole table."""

import django.db.models.deletion
from django.db import migrations, models

# Django's name for the foreign key's own index (the same on SQLite and PostgreSQL).
VERSION_ALONE = "assessments_assessment_questionnaire_id_25247a4e"


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0010_assessment_created_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(
                fields=["questionnaire", "created_at"], name="assessment_version_started"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {VERSION_ALONE}",
                    reverse_sql=(
                        f"CREATE INDEX {VERSION_ALONE} ON assessments_assessment (questionnaire_id)"
                    ),
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="assessment",
                    name="questionnaire",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assessments",
                        to="assessments.questionnaireversion",
                    ),
                ),
            ],
        ),
    ]
