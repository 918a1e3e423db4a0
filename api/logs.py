"""Keeping secrets out of the access log: `?token=…` values are redacted before formatting.

The activation link an administrator hands out carries its one-time token in the query string
(`/api/activation?token=…`), and uvicorn's access log writes every request's path with its
query. A filter on the "uvicorn.access" logger rewrites such values to `[redacted]`, so the
log keeps the request's shape and status but never a usable secret.
"""

from __future__ import annotations

import logging
import re
from typing import Any

ACCESS_LOGGER = "uvicorn.access"
REDACTED = "[redacted]"
SECRET_PARAMETER = re.compile(
    r"(?i)((?:^|[?&;])[\w.-]*(?:token|password|secret|key)[\w.-]*=)[^&;#\s\"]*"
)


def redact(text: str) -> str:
    """`text` with the value of every secret-looking query parameter replaced."""
    return SECRET_PARAMETER.sub(rf"\g<1>{REDACTED}", text)


def _redacted(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _redacted(arg) for key, arg in record.args.items()}
        return True


def install_access_log_redaction(logger_name: str = ACCESS_LOGGER) -> RedactSecrets:
    """Attach the filter once (building several apps in one process adds no duplicates)."""
    logger = logging.getLogger(logger_name)
    for existing in logger.filters:
        if isinstance(existing, RedactSecrets):
            return existing
    installed = RedactSecrets()
    logger.addFilter(installed)
    return installed
