from django.db import migrations


class Migration(migrations.Migration):
    """Step three: organisations now belong to firms (firms 0002); the recruiter column
    goes."""

    dependencies = [
        ("firms", "0002_one_person_firms"),
        ("units", "0004_organisations_belong_to_firms"),
    ]

    operations = [migrations.RemoveField(model_name="organisation", name="recruiter")]
