from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recruiters", "0006_engagements_carry_a_note_for_the_report"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="engagement",
            index=models.Index(
                fields=["firm", "-created_at"], name="recruiters__firm_id_f41283_idx"
            ),
        ),
    ]
