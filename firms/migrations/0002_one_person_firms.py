"""Every existing recruiter becomes the owner of a one-person firm, which takes over
their engagements and organisations. Links are untouched: no token or digest changes."""

from typing import Any

from django.db import migrations
from django.utils.text import slugify


def one_person_firms(apps: Any, schema_editor: Any) -> None:
    user_model = apps.get_model("auth", "User")
    firm_model = apps.get_model("firms", "Firm")
    membership_model = apps.get_model("firms", "Membership")
    engagement_model = apps.get_model("recruiters", "Engagement")
    organisation_model = apps.get_model("units", "Organisation")
    recruiter_ids = set(
        engagement_model.objects.exclude(recruiter=None).values_list("recruiter_id", flat=True)
    ) | set(
        organisation_model.objects.exclude(recruiter=None).values_list("recruiter_id", flat=True)
    )
    for user in user_model.objects.filter(pk__in=recruiter_ids).order_by("pk"):
        membership = membership_model.objects.filter(user=user).first()
        if membership is None:
            name = (f"{user.first_name} {user.last_name}".strip() or user.username)[:120]
            firm = firm_model.objects.create(name=name, slug=_free_slug(firm_model, name, user.pk))
            membership_model.objects.create(firm=firm, user=user, role="owner")
        else:
            firm = membership.firm
        engagement_model.objects.filter(recruiter=user, firm=None).update(firm=firm)
        organisation_model.objects.filter(recruiter=user, firm=None).update(firm=firm)


def _free_slug(firm_model: Any, name: str, user_id: int) -> str:
    slug = slugify(name)[:50] or "firm"
    if firm_model.objects.filter(slug=slug).exists():
        slug = f"{slug}-{user_id}"
    return slug


def back_to_recruiters(apps: Any, schema_editor: Any) -> None:
    # The recruiter columns were never cleared, so going back only forgets the firms.
    apps.get_model("firms", "Firm").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("firms", "0001_initial"),
        ("recruiters", "0004_engagements_belong_to_firms"),
        ("units", "0004_organisations_belong_to_firms"),
    ]

    operations = [migrations.RunPython(one_person_firms, back_to_recruiters)]
