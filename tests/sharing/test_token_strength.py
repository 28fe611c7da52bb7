"""Every capability token has at least 128 bits from `secrets` and is stored only hashed."""

import base64
import hashlib

import pytest

from assessments.models import Assessment
from recruiters.models import Engagement
from rolefit import tokens
from sharing.models import ShareLink
from tests.flow import submitted
from tests.recruiting import engagement_for, recruiter

pytestmark = pytest.mark.django_db


def _bits(token: str) -> int:
    try:
        return len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8
    except ValueError:
        return len(bytes.fromhex(token)) * 8


def test_resume_owner_result_and_share_tokens(client, live_version):
    resume = submitted(client)
    owner = tokens.owner_token(resume)
    result = tokens.result_token(owner)
    _link, share = ShareLink.create(assessment=Assessment.objects.get(), label="x")
    for token in (resume, owner, result, share):
        assert _bits(token) >= 128
    stored = str(list(Assessment.objects.values())) + str(list(ShareLink.objects.values()))
    for token in (resume, owner, result, share):
        assert token not in stored
        assert hashlib.sha256(token.encode()).hexdigest() in stored


def test_invite_tokens(live_version):
    engagement = engagement_for(recruiter("alice"))
    token = engagement.token()
    assert _bits(token) >= 128
    assert len(engagement.token_salt) * 4 >= 128, "the secret behind it has 128 bits too"
    row = str(Engagement.objects.values().get())
    assert token not in row
    assert hashlib.sha256(token.encode()).hexdigest() in row


def test_fresh_tokens_never_repeat():
    assert len({tokens.new_token() for _ in range(10_000)}) == 10_000
