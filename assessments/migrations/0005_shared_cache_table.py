"""The database table behind the shared cache (rate limits, cached result pages), so
`migrate` alone prepares a server. createcachetable skips a table that exists, and does
nothing when CACHE_URL points at Redis."""

from typing import Any

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_assessment_unit")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
