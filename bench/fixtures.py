"""The records the HTTP benchmark loads, made through the models in one `manage.py shell`
and described on stdout as JSON: paths, and the cookies a browser would hold."""

# Run with `manage.py shell -c`; nothing here is imported by the app or the tests.
FIXTURES = r"""
import json, secrets
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from assessments.models import Assessment, QuestionnaireVersion
from firms.membership import create_firm
from recruiters.models import Engagement
from rolefit import tokens
from sharing.models import ShareLink

ANSWERS = json.loads(%(answers)r)
live = QuestionnaireVersion.live()

def submitted():
    assessment, resume = Assessment.start(questionnaire=live, business_unit="EMEA")
    assessment.save_answers(ANSWERS)
    assessment.submit()
    owner = tokens.owner_token(resume)
    return assessment, owner, tokens.result_token(owner)

first, owner, result = submitted()
_link, share = ShareLink.create(assessment=first, label="Bench Partners")

# Results never opened, for the cache-miss pass: copies of the first one's record.
misses = []
rows = []
for _ in range(%(misses)d):
    owner_token = tokens.owner_token(tokens.new_token())
    result_token = tokens.result_token(owner_token)
    misses.append(f"/r/{result_token}/")
    rows.append(Assessment(
        questionnaire=live, business_unit="EMEA", status="submitted", answers=first.answers,
        result_snapshot=first.result_snapshot, recommendation=first.recommendation,
        strength=first.strength, complexity_score=first.complexity_score,
        submitted_at=first.submitted_at, resume_token_digest=secrets.token_hex(32),
        owner_token_digest=tokens.token_digest(owner_token),
        result_token_digest=tokens.token_digest(result_token)))
Assessment.objects.bulk_create(rows, batch_size=1000)

drafts = []
for _ in range(%(drafts)d):
    _draft, resume = Assessment.start(questionnaire=live, business_unit="EMEA")
    drafts.append(f"/a/{resume}/step/1/")

user = User.objects.create_user("bench-recruiter", "bench@example.com", secrets.token_urlsafe())
firm = create_firm("Bench Search", user)
Engagement.objects.bulk_create(
    Engagement(firm=firm, recruiter=user, client_company=f"Client {n}", business_unit="EMEA",
               token_digest=secrets.token_hex(32))
    for n in range(%(engagements)d))
device = TOTPDevice.objects.create(user=user, confirmed=True, name="authenticator")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.create()
engagement = Engagement.objects.filter(firm=firm).first()

print(json.dumps({
    "result": f"/r/{result}/", "owner": f"/o/{owner}/", "shared": f"/s/{share}/",
    "misses": misses, "drafts": drafts, "session": session.session_key,
    "engagement": engagement.get_absolute_url(),
}))
"""
