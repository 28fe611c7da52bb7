"""rolefit.links.UniqueLookup: the compiled lookups of the busiest pages find exactly what
the queryset they were built from finds, with the same types, and compile only once."""

from datetime import datetime

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Assessment, StepTiming
from rolefit.links import UniqueLookup
from rolefit.tokens import token_digest
from sharing.models import ShareLink
from tests.conftest import SIMPLE_ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(live_version):
    assessment, resume = Assessment.start(
        questionnaire=live_version, answers=SIMPLE_ANSWERS, submit=True
    )
    Assessment.objects.filter(pk=assessment.pk).update(last_opened_at=assessment.submitted_at)
    return Assessment.objects.get(pk=assessment.pk), resume


def test_a_row_comes_back_as_the_queryset_returns_it(result):
    assessment, resume = result
    found = Assessment.objects.by_resume_token(resume)
    assert found is not None
    expected = Assessment.objects.get(pk=assessment.pk)
    for field in Assessment._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    # The database's converters ran: aware datetimes, decoded JSON, a UUID.
    assert isinstance(found.submitted_at, datetime)
    assert found.submitted_at.tzinfo is not None
    assert found.result_for("en")["recommendation"] == assessment.recommendation
    assert found.public_id == assessment.public_id


def test_only_the_chosen_fields_are_read_and_the_rest_deferred(result):
    assessment, _resume = result
    lookup = UniqueLookup(lambda pk: Assessment.objects.filter(pk=pk).only("public_id"))
    found = lookup(assessment.pk)
    assert found is not None
    assert found.get_deferred_fields() >= {"answers", "result_snapshot"}
    assert found.public_id == assessment.public_id


def test_no_row_is_none_and_the_constant_filters_hold(result, live_version):
    assert Assessment.objects.by_resume_token("not-a-token") is None
    draft, _draft_resume = Assessment.start(questionnaire=live_version)
    # The result lookup is for submitted results only: a draft's digest finds nothing.
    Assessment.objects.filter(pk=draft.pk).update(result_token_digest=token_digest("draft"))
    assert Assessment.objects.result_by_token("draft") is None


def test_several_values_of_each_type_go_where_they_belong(result):
    assessment, _resume = result
    StepTiming.objects.shown(assessment, 2)
    lookup = UniqueLookup(
        lambda assessment_id, step: StepTiming.objects.filter(
            assessment_id=assessment_id, step=step
        )
    )
    assert lookup(assessment.pk, 2) is not None
    assert lookup(assessment.pk, 3) is None
    assert lookup(assessment.pk + 1, 2) is None


def test_a_value_used_twice_goes_in_both_places(result):
    assessment, resume = result
    digest = token_digest(resume)
    lookup = UniqueLookup(
        lambda d: (
            Assessment.objects.filter(resume_token_digest=d, owner_token_digest__gt=d)
            | Assessment.objects.filter(resume_token_digest=d)
        )
    )
    found = lookup(digest)
    assert found is not None
    assert found.pk == assessment.pk
    assert lookup("no-such-digest") is None


def test_a_varying_value_that_is_not_given_is_refused_when_compiling(result):
    # `timezone.now()` inside the query would be frozen into the SQL at its first call.
    lookup = UniqueLookup(
        lambda d: Assessment.objects.filter(resume_token_digest=d, created_at__lt=timezone.now())
    )
    with pytest.raises(ValueError, match="varying value"):
        lookup("any")


def test_it_compiles_once_and_then_only_runs(result, monkeypatch):
    assessment, resume = result
    lookup = UniqueLookup(lambda digest: Assessment.objects.filter(resume_token_digest=digest))
    lookup(token_digest(resume))
    compiled = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    with CaptureQueriesContext(connection) as queries:
        found = lookup(token_digest(resume))
    assert found is not None
    assert found.pk == assessment.pk
    assert compiled == []
    assert len(queries) == 1


def test_a_share_link_opens_only_while_usable(result, make_share_link):
    assessment, _resume = result
    link, token = make_share_link(assessment)
    opened = ShareLink.objects.to_view(token)
    assert opened is not None
    # The result's columns come with the link's row, as annotations, converted too.
    assert opened.assessment.public_id == assessment.public_id
    assert opened.assessment.last_opened_at == assessment.last_opened_at
    assert opened.assessment.is_submitted
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert ShareLink.objects.to_view(token) is None
    ShareLink.objects.filter(pk=link.pk).update(expires_at=None)
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.IN_PROGRESS)
    assert ShareLink.objects.to_view(token) is None  # never a draft, whatever the link
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    assert ShareLink.objects.to_view(token) is not None
    link.revoke()
    assert ShareLink.objects.to_view(token) is None
    assert ShareLink.objects.to_view("no-such-token") is None


@pytest.fixture
def make_share_link():
    def make(assessment):
        token = "a-share-token-for-this-test"
        link = ShareLink.objects.create(
            assessment=assessment, label="Board", token_digest=token_digest(token)
        )
        return link, token

    return make


def test_select_related_rows_come_with_it_as_the_queryset_brings_them(result):
    # Assessment.objects.owned_result: the owner page's lookup, with its outcome link and
    # team joined (Django's own populators), and none of them missing when absent.
    from outcomes.models import OutcomeLink
    from rolefit.tokens import owner_token as owner_token_of
    from teams.models import Team

    assessment, resume = result
    owner_token = owner_token_of(resume)
    alone = Assessment.objects.owned_result(owner_token)
    assert alone is not None
    with CaptureQueriesContext(connection) as queries:
        with pytest.raises(OutcomeLink.DoesNotExist):
            alone.outcome_link  # noqa: B018 (the access is the test)
        with pytest.raises(Team.DoesNotExist):
            alone.team  # noqa: B018
    assert len(queries) == 0
    link = OutcomeLink.objects.create(assessment=assessment)
    team = Team.of(assessment)
    found = Assessment.objects.owned_result(owner_token)
    assert found is not None
    with CaptureQueriesContext(connection) as queries:
        assert (found.outcome_link.pk, found.outcome_link.token_digest) == (
            link.pk,
            link.token_digest,
        )
        assert found.outcome_link.created_at == link.created_at
        assert found.team.pk == team.pk
        assert found.public_id == assessment.public_id
    assert len(queries) == 0
    # A draft's owner link opens nothing.
    assert Assessment.objects.owned_result("not-a-token") is None
