"""Where an assessment's links lead, from the tokens a request holds."""

from django.urls import reverse

from rolefit import tokens


def resume_url(resume_token: str) -> str:
    return reverse("assessments-resume", args=[resume_token])


def owner_url(resume_token: str) -> str:
    return reverse("sharing-manage", args=[tokens.owner_token(resume_token)])


def result_url(owner_token: str) -> str:
    return reverse("assessments-result", args=[tokens.result_token(owner_token)])
