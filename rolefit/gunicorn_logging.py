"""gunicorn's logger, with every line redacted: the access log's request line and Referer
carry capability tokens otherwise (see rolefit/redaction.py)."""

from typing import Any

from gunicorn.glogging import Logger

from .redaction import RedactingFormatter


class RedactingLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(RedactingFormatter(inner=handler.formatter))
