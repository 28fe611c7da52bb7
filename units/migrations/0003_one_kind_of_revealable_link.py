"""Organisations keep their owner links as every revealable link is kept
(rolefit/links.py). The columns are renamed, not rebuilt: salts and digests stay as
they were, so every owner link already sent still opens its organisation."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("units", "0002_bounded_cadence_single_line_names")]

    operations = [
        migrations.RenameField("organisation", "owner_salt", "token_salt"),
        migrations.RenameField("organisation", "owner_token_digest", "token_digest"),
    ]
