"""Helpers for leader-fit tests: add people and rate them through their own links."""

import re
from typing import Any

from django.test import Client

from leaders.models import Person, RaterLink
from leaders.traits import CORE_TRAITS

CRO_TRAITS = [key for key, lean in CORE_TRAITS.items() if lean == "CRO"]
CSO_TRAITS = [key for key, lean in CORE_TRAITS.items() if lean == "CSO"]
STRATEGIST = {**dict.fromkeys(CRO_TRAITS, 5), **dict.fromkeys(CSO_TRAITS, 2)}
EXECUTOR = {**dict.fromkeys(CRO_TRAITS, 2), **dict.fromkeys(CSO_TRAITS, 5)}


def add_person(client: Client, people_url: str, name: str, kind: str = "candidate") -> Person:
    response = client.post(people_url, {"name": name, "email": "", "kind": kind})
    assert response.status_code == 302, response.content.decode()[:500]
    return Person.objects.get(name=name)


def rate(link: RaterLink, ratings: dict[str, Any], **headers: Any) -> Any:
    return Client().post(
        f"/rate/{link.token()}/", {k: str(v) for k, v in ratings.items()}, **headers
    )


def rater_urls(body: str) -> list[str]:
    return re.findall(r'value="http://testserver(/rate/[^"]+/)"', body)
