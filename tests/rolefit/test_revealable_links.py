"""rolefit/links.py: invites, rater links, organisation owner links and plan links are one
kind of link. Every one already sent keeps working across the migration that gave them
one shape, and a link of one kind never opens another."""

from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from leaders.models import RaterLink
from plans.models import HiringPlan
from recruiters.models import Engagement
from rolefit.tokens import new_salt, revealable_token, token_digest
from tests.flow import owner_path, submitted
from tests.leading import add_person
from tests.recruiting import engagement_for, recruiter
from units.models import Organisation

BEFORE = [
    ("recruiters", "0002_single_line_names"),
    ("units", "0002_bounded_cadence_single_line_names"),
]
AFTER = [
    ("recruiters", "0003_one_kind_of_revealable_link"),
    ("units", "0003_one_kind_of_revealable_link"),
]


@pytest.mark.django_db(transaction=True)
def test_links_sent_before_the_migration_still_open_their_rows():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="alice")
    salt = new_salt()
    invite = revealable_token("rolefit.invite", salt, secret=settings.SECRET_KEY)
    engagement = old.get_model("recruiters", "Engagement").objects.create(
        recruiter_id=user.pk,
        client_company="Acme",
        invite_salt=salt,
        invite_token_digest=token_digest(invite),
    )
    owner_salt = new_salt()
    owner = revealable_token("rolefit.organisation", owner_salt, secret=settings.SECRET_KEY)
    organisation = old.get_model("units", "Organisation").objects.create(
        name="Acme", owner_salt=owner_salt, owner_token_digest=token_digest(owner)
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the latest schema, whatever it is

    assert Engagement.objects.by_token(invite) == Engagement.objects.get(pk=engagement.pk)
    assert Engagement.objects.get(pk=engagement.pk).token() == invite
    assert Organisation.objects.by_token(owner) == Organisation.objects.get(pk=organisation.pk)
    assert Organisation.objects.get(pk=organisation.pk).token() == owner


@pytest.mark.django_db
def test_each_kind_opens_only_its_own_rows(client, live_version):
    engagement = engagement_for(recruiter("alice"))
    organisation = Organisation.objects.create(name="Acme")
    token = submitted(client)
    client.post(f"{owner_path(token)}plan/")
    plan = HiringPlan.objects.get()
    rater = add_person(client, f"{owner_path(token)}people/", "Dana").rater_links.get(kind="self")
    kinds: list[Any] = [Engagement, Organisation, HiringPlan, RaterLink]
    rows = [engagement, organisation, plan, rater]
    for kind, row in zip(kinds, rows, strict=True):
        assert kind.objects.by_token(row.token()) == row
        assert row.token() not in str(kind.objects.filter(pk=row.pk).values().get())
        for other in kinds:
            if other is not kind:
                assert other.objects.by_token(row.token()) is None


@pytest.mark.django_db
def test_after_a_key_rotation_old_links_still_open_and_are_still_the_ones_shown(settings):
    engagement = engagement_for(recruiter("alice"))
    sent = engagement.token()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert Engagement.objects.by_token(sent) == engagement
    assert Engagement.objects.get(pk=engagement.pk).token() == sent
    fresh = engagement_for(recruiter("bob"))
    assert fresh.token() != sent
    assert Engagement.objects.by_token(fresh.token()) == fresh
