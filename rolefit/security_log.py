"""The security event log: one JSON object a line on the `rolefit.security` logger, for
an operator to ship anywhere (journald, a file, a SIEM).

Events say who (user id, client address), what and when, and name objects by their
public id. They never hold a secret: no token, password, one-time code or recovery code.
"""

import json
import logging

from django.http import HttpRequest
from django.utils import timezone

from .clientip import client_address

logger = logging.getLogger("rolefit.security")


def record(event: str, request: HttpRequest | None = None, **details: object) -> None:
    entry: dict[str, object] = {"event": event, "at": timezone.now().isoformat()}
    if request is not None:
        entry["client"] = client_address(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            entry["user_id"] = user.pk
    entry.update(details)
    logger.info(json.dumps(entry, ensure_ascii=False, default=str, sort_keys=True))
