"""Engagements keep their invite links as every revealable link is kept (rolefit/links.py).
The columns are renamed, not rebuilt: salts and digests stay as they were, so every
invite link already sent still opens its engagement."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("recruiters", "0002_single_line_names")]

    operations = [
        migrations.RenameField("engagement", "invite_salt", "token_salt"),
        migrations.RenameField("engagement", "invite_token_digest", "token_digest"),
    ]
