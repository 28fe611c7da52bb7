"""Today's assessments of one questionnaire version found by an index, not by reading all of
the version's: the index on (questionnaire, created_at) is made first, then the one on
the version alone, which it covers, goes.

By hand rather than AddIndex and AlterField: on PostgreSQL both run CONCURRENTLY, so a
`migrate` on a serving site (docs/deploy.md) never holds the table against its requests
while the index builds or waits for a reader to drop the old one; and on SQLite,
altering the field would copy the whole table."""

import django.db.models.deletion
from django.db import migrations, models

# Django's name for the foreign key's own index (the same on SQLite and PostgreSQL).
VERSION_ALONE = "assessments_assessment_questionnaire_id_25247a4e"
VERSION_STARTED = "assessment_version_started"


def _run(schema_editor, *statements: str) -> None:
    concurrently = " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""
    for statement in statements:
        schema_editor.execute(statement.format(concurrently=concurrently))


def forwards(apps, schema_editor) -> None:
    _run(
        schema_editor,
        # A build that failed half-way on PostgreSQL leaves an invalid index: start afresh.
        f"DROP INDEX{{concurrently}} IF EXISTS {VERSION_STARTED}",
        f"CREATE INDEX{{concurrently}} {VERSION_STARTED} "
        "ON assessments_assessment (questionnaire_id, created_at)",
        f"DROP INDEX{{concurrently}} IF EXISTS {VERSION_ALONE}",
    )


def backwards(apps, schema_editor) -> None:
    _run(
        schema_editor,
        f"DROP INDEX{{concurrently}} IF EXISTS {VERSION_ALONE}",
        f"CREATE INDEX{{concurrently}} {VERSION_ALONE} ON assessments_assessment (questionnaire_id)",
        f"DROP INDEX{{concurrently}} IF EXISTS {VERSION_STARTED}",
    )


class Migration(migrations.Migration):
    atomic = False  # PostgreSQL builds an index CONCURRENTLY only outside a transaction

    dependencies = [
        ("assessments", "0010_assessment_created_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AddIndex(
                    model_name="assessment",
                    index=models.Index(
                        fields=["questionnaire", "created_at"], name=VERSION_STARTED
                    ),
                ),
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
