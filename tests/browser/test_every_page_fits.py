"""Every page a CEO, rater or recruiter can reach, on a 390 px phone and a 1280 px
screen, in English and Spanish: no sideways scroll of the document, no serious or
critical axe violation, and a way back to where the page belongs."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from assessments.models import Assessment, QuestionnaireVersion
from firms.membership import create_firm
from firms.models import Invitation, Membership
from integrations import endpoints
from integrations.keys import create_key
from integrations.models import WebhookAttempt, WebhookDelivery
from leaders.models import Person
from leaders.traits import CORE_TRAITS
from outcomes.models import Outcome, OutcomeLink
from plans.models import HiringPlan
from recruiters.models import Engagement
from rolefit import tokens
from sharing.models import ShareLink
from teams.models import Team
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from units.models import BusinessUnit, Organisation

from .conftest import CHECKED_PAGES, assert_accessible

WIDTHS = (390, 1280)
# Pages reached from a result, an organisation or an engagement show where they belong.
BELONG = {
    "delete",
    "people",
    "person",
    "plan",
    "unit",
    "unit result",
    "engagement",
    "engagement result",
    "engagement people",
    "recruiter organisation",
    "team",
    "engagement team",
}
# Pages a link of lower capability opens: they must never lead to an owner page.
LOWER = {"shared", "rate", "plan", "colleague step", "colleague answers"}
PASSWORD = "fits-pass-4471"


@dataclass
class Site:
    """Links to one of every page, made through the models as the views would."""

    ceo: dict[str, str]
    recruiter: dict[str, str]


def _submitted(**fields: Any) -> tuple[Assessment, str]:
    answers = {**COMPLEX_ANSWERS, "context_notes": "Two acquisitions this year; a new CFO."}
    assessment, resume = Assessment.start(
        questionnaire=QuestionnaireVersion.live(), answers=answers, **fields
    )
    assessment.submit()
    return assessment, resume


def _outcome_link(assessment: Assessment) -> str:
    """An outcome page with a check-in in its history, to see the list beside the form."""
    link = OutcomeLink.of(assessment)
    Outcome.objects.create(
        assessment=assessment,
        hired="other",
        other_title="VP Sales, EMEA and Americas",
        revenue="on",
        fit_rating=4,
    )
    return link.token()


def _colleagues(assessment: Assessment) -> tuple[str, str]:
    """A team with one colleague who has answered (and sees the combined view) and one
    on the way: their links."""
    team = Team.of(assessment)
    team.shown_to_respondents = True
    team.save()
    answered = team.invite(role_label="Chief Financial Officer, Iberia and LatAm")
    answered.answers = {**SIMPLE_ANSWERS, "sales_channels": 3}
    answered.save()
    answered.submit(name="Carmen Ortega Villanueva")
    return answered.token(), team.invite(role_label="Board").token()


def _site() -> Site:
    assessment, resume = _submitted(business_unit="EMEA enterprise")
    owner = tokens.owner_token(resume)
    _share, share = ShareLink.create(
        assessment=assessment, label="Board", show_free_text=True, show_team=True
    )
    answered, answering = _colleagues(assessment)
    ana = Person.objects.add(name="Ana Ruiz", email="", kind="candidate", assessment=assessment)
    Person.objects.add(name="Luis Gómez", email="", kind="incumbent", assessment=assessment)
    rater = ana.rater_links.get(kind="interviewer")
    rater.ratings = {key: (5 if lean == "CRO" else 3) for key, lean in CORE_TRAITS.items()}
    rater.submitted_at = timezone.now()
    rater.save()
    plan = HiringPlan.start(assessment)
    _draft, draft_resume = Assessment.start(
        questionnaire=QuestionnaireVersion.live(), answers=SIMPLE_ANSWERS, business_unit="Online"
    )
    organisation = Organisation.objects.create(name="Acme Group")
    unit = BusinessUnit.objects.create(
        organisation=organisation, name="Iberia mid-market", owner_email="ceo@example.com"
    )
    for _ in range(2):
        unit_result, _resume = _submitted(business_unit=unit.name, unit=unit)
    org = f"/org/{organisation.token()}/"
    ceo = {
        "landing": "/",
        "step 1": f"/a/{draft_resume}/step/1/",
        "step 2": f"/a/{draft_resume}/step/2/",
        "step 3": f"/a/{draft_resume}/step/3/",
        "review": f"/a/{draft_resume}/review/",
        "owner": f"/o/{owner}/",
        "result": f"/r/{tokens.result_token(owner)}/",
        "shared": f"/s/{share}/",
        "delete": f"/o/{owner}/delete/",
        "people": f"/o/{owner}/people/",
        "person": f"/o/{owner}/people/{ana.public_id}/",
        "rate": f"/rate/{rater.token()}/",
        "plan": f"/plan/{plan.token()}/",
        "outcome": f"/outcome/{_outcome_link(assessment)}/",
        "team": f"/o/{owner}/team/",
        "colleague step": f"/team/{answering}/step/1/",
        "colleague answers": f"/team/{answered}/",
        "organisation": org,
        "unit": f"{org}units/{unit.public_id}/",
        "unit result": f"{org}units/{unit.public_id}/results/{unit_result.public_id}/",
        "privacy": "/privacy/",
        "sign-in": "/accounts/login/",
    }
    user = User.objects.create_user("rita", "rita@example.com", PASSWORD)
    firm = create_firm("Ruiz Executive Search", user)
    engagement = Engagement.objects.create(
        firm=firm, recruiter=user, client_company="Acme Holdings", business_unit="LatAm"
    )
    result, _resume = _submitted(business_unit="LatAm", engagement=engagement)
    engagement.refresh_status()
    Person.objects.add(name="Marta Díaz", email="", kind="candidate", engagement=engagement)
    theirs = Organisation.objects.create(name="Acme Holdings", firm=firm)
    BusinessUnit.objects.create(organisation=theirs, name="LatAm")
    recruiter = {
        "dashboard": "/recruiter/",
        "engagement": engagement.get_absolute_url(),
        "engagement result": f"{engagement.get_absolute_url()}results/{result.public_id}/",
        "engagement people": f"{engagement.get_absolute_url()}people/",
        "engagement team": f"{engagement.get_absolute_url()}team/",
        "organisations": "/recruiter/organisations/",
        "recruiter organisation": f"/recruiter/organisations/{theirs.public_id}/",
        "account": "/accounts/",
        "two-step set-up": "/accounts/two-step/setup/",
        "password": "/accounts/password_change/",
        "invite": f"/i/{engagement.token()}/",
        "firm": "/firm/",
        "firm notices": "/firm/notices/",
        "firm logo": "/firm/logo/",
        "integrations": "/firm/integrations/",
        "webhook endpoint": _webhook_with_a_delivery_log(firm, user),
    }
    # A colleague on the way in: the invitation page, before they have an account.
    colleague = Invitation.objects.create(firm=firm, email="nico@example.com", role="recruiter")
    ceo["firm invitation"] = f"/join/{colleague.token()}/"
    Membership.objects.create(firm=firm, user=User.objects.create_user("vic"), role="viewer")
    return Site(ceo, recruiter)


def _webhook_with_a_delivery_log(firm: Any, user: User) -> str:
    create_key(firm, "Greenhouse sync", ["engagements:read"], by=user, expires_in_days=None)
    endpoint = endpoints.create(
        firm, "https://hooks.example.com/rolefit/" + "x" * 120, ["assessment.completed"]
    )
    sent = WebhookDelivery.objects.create(
        endpoint=endpoint,
        webhook_id="msg_" + "a" * 32,
        event_type="assessment.completed",
        payload={"type": "assessment.completed"},
        status=WebhookDelivery.Status.DELIVERED,
        attempts=2,
    )
    WebhookAttempt.objects.create(
        delivery=sent, status_code=503, latency_ms=5003, response_excerpt="<html>" + "y" * 400
    )
    WebhookAttempt.objects.create(delivery=sent, status_code=200, latency_ms=41)
    return f"/firm/integrations/webhooks/{endpoint.public_id}/"


# The innermost elements reaching past the viewport's right edge: what to fix.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 4)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
       + ' ' + Math.round(e.getBoundingClientRect().right))
  .join(', ')"""


# Controls a thumb must hit on a phone, smaller than 44 x 44 CSS px (WCAG 2.5.5). Links
# inside a sentence are exempt, as the guideline exempts them; radio buttons and
# checkboxes count with their label, which the whole of is tappable.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, .btn, select, textarea, .form-check, nav a, .rf-back a,'
    + ' input:not([type=hidden]):not([type=radio]):not([type=checkbox])')]
  .filter(e => e.offsetParent !== null)
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.height < 43.5 || r.width < 43.5)
  .slice(0, 4)
  .map(([e, r]) => (e.tagName.toLowerCase() + '.' + [...e.classList].join('.')) + ' '
       + Math.round(r.width) + 'x' + Math.round(r.height) + ' ' + (e.innerText || '').slice(0, 20))
  .join(', ')"""


# Body text under 16 px: paragraphs and list items outside the small print.
SMALL_TEXT = """() => [...document.querySelectorAll('main p, main li, main td, main dd')]
  .filter(e => e.offsetParent !== null && !e.closest('.small, .form-text, .breadcrumb'))
  .filter(e => parseFloat(getComputedStyle(e).fontSize) < 16)
  .slice(0, 3)
  .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' '
       + getComputedStyle(e).fontSize + ' ' + (e.innerText || '').slice(0, 30))
  .join(', ')"""


def _problems(page: Any, name: str, width: int) -> list[str]:
    found = []
    if small_text := page.evaluate(SMALL_TEXT):
        found.append(f"{name} at {width}: body text under 16 px: {small_text}")
    if width < 768 and (small := page.evaluate(SMALL_TARGETS)):
        found.append(f"{name} at {width}: small touch targets: {small}")
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if overflow[0] > overflow[1]:
        culprits = page.evaluate(WIDEST)
        found.append(f"{name} at {width}: the page is {overflow[0]} px wide ({culprits})")
    if name in BELONG and not page.locator("nav.rf-back li").count() >= 2:
        found.append(f"{name} at {width}: no way back to where it belongs")
    if name in LOWER:
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.getAttribute('href'))"
        )
        leaks = [href for href in hrefs if href.startswith(("/o/", "/org/", "/a/"))]
        if leaks:
            found.append(f"{name} at {width}: links to a higher capability: {leaks}")
    try:
        assert_accessible(page)
    except AssertionError as error:
        found.append(f"{name} at {width}: {error}")
    return found


def sign_in(page: Any) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("rita")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/recruiter/")


def _check(open_page: Any, language: str, pages: dict[str, str], signed_in: bool) -> list[str]:
    problems = []
    for width in WIDTHS:
        page = open_page(language, viewport={"width": width, "height": 900})
        if signed_in:
            sign_in(page)
        for name, path in pages.items():
            page.goto(path)
            problems += _problems(page, name, width)
    return problems


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_fits_a_phone_and_a_screen(open_page, live_version, language):
    site = _site()
    problems = _check(open_page, language, site.ceo, signed_in=False)
    problems += _check(open_page, language, site.recruiter, signed_in=True)
    assert problems == [], "\n".join(problems)


def test_report_how_many_page_checks_ran(capsys):
    with capsys.disabled():
        print(f"\naxe page checks so far: {len(CHECKED_PAGES)} distinct pages")
