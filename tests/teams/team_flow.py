"""Helpers that invite colleagues and answer as them, as their browsers would."""

import re
from typing import Any

from django.test import Client

from tests.flow import STEP_KEYS, owner_path, step_post


def invite(client: Client, resume: str, role: str = "") -> str:
    """Invite a colleague from the owner's team page; return their link's path."""
    before = set(_links(client, resume))
    response = client.post(f"{owner_path(resume)}team/invite/", {"role_label": role})
    assert response.status_code == 302, response.status_code
    (new,) = set(_links(client, resume)) - before
    return new


def _links(client: Client, resume: str) -> list[str]:
    page = client.get(f"{owner_path(resume)}team/").content.decode()
    return re.findall(r'value="http://testserver(/team/[A-Za-z0-9_-]+/)"', page)


def answer_as(
    link: str, answers: dict[str, Any], *, name: str = "", language: str = "en"
) -> Client:
    """A colleague's own browser answers every step and submits."""
    colleague = Client()
    if language != "en":
        colleague.get(f"/language/{language}/")
    assert colleague.get(link).status_code == 302
    for number in range(1, len(STEP_KEYS) + 1):
        response = colleague.post(f"{link}step/{number}/", step_post(answers, number))
        assert response.status_code == 302, response.content.decode()[:2000]
    response = colleague.post(f"{link}review/", {"name": name})
    assert response.status_code == 302
    return colleague
