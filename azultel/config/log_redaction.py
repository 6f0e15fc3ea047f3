"""What never reaches a log line: client addresses (P27), secret path segments, query strings.

Used by gunicorn's access and error logs (``config/gunicorn_logging.py``) and by Django's own
log handler (``LOGGING`` in settings). Nothing here imports Django: gunicorn's master process
loads it before any app.

* Secret path segments: the password-reset key, the email-confirmation key, the unsubscribe
  token and the policy opt-out token are credentials carried in the path; each becomes
  ``[redacted]`` (``SECRET_PATH_PREFIXES``; a test walks the URLconf so a new token URL cannot
  be forgotten here).
* Query strings after a path become ``?[query]``: searches carry names and addresses.
* IPv4 and IPv6 addresses anywhere in a line (messages and tracebacks) become ``[ip]``.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from typing import Any

REDACTED = "[redacted]"
IP_PLACEHOLDER = "[ip]"

# The path before a secret segment. The segment ends at "/", "?", "#", whitespace or a quote.
SECRET_PATH_PREFIXES: tuple[str, ...] = (
    "/password/reset/key/",
    "/confirm-email/",
    "/email/unsubscribe/",
    "/privacy/opt-out/",
    "/careers/status/",
    "/tell-a-friend/report/",
    "/events/cancel/",
    "/contact/thread/",
    "/privacy/requests/confirm/",
    "/privacy/requests/download/",
    # not secret (campaign and creative ids only), but kept out of logs like the rest
    "/ads/c/",
    "/ads/b/",
    # not secret, but a customer's id is kept out of logs (partner API, TMF629)
    "/api/tmf-api/customerManagement/v4/customer/",
)
# Not secrets: the page after a reset says it is done.
_NOT_SECRET = ("done",)

_SECRET_SEGMENT = re.compile(
    "(" + "|".join(re.escape(p) for p in SECRET_PATH_PREFIXES) + r")([^/\s?#\"'<>]+)",
    re.IGNORECASE,
)
_QUERY = re.compile(r"(?<=[\w/.%-])\?[^\s\"'<>]+")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)")
# Candidates only: anything with two colons among hex digits and dots; ipaddress decides.
_IPV6_CANDIDATE = re.compile(r"(?<![\w:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[\w.]+)?")


def _secret_replace(match: re.Match[str]) -> str:
    prefix, segment = match.group(1), match.group(2)
    if segment.lower() in _NOT_SECRET:
        return match.group(0)
    return prefix + REDACTED


def _ipv6_replace(match: re.Match[str]) -> str:
    candidate = match.group(0)
    core = candidate.rstrip(":.")
    try:
        ipaddress.IPv6Address(core.split("%", 1)[0])
    except ValueError:
        return candidate
    return IP_PLACEHOLDER + candidate[len(core) :]


def path_redact(path: str) -> str:
    """``path`` with every secret segment replaced by ``[redacted]``."""
    return _SECRET_SEGMENT.sub(_secret_replace, path)


def addresses_redact(text: str) -> str:
    """``text`` with every IPv4 and IPv6 address replaced by ``[ip]``."""
    return _IPV4.sub(IP_PLACEHOLDER, _IPV6_CANDIDATE.sub(_ipv6_replace, text))


def text_redact(text: str) -> str:
    """A log line without secret path segments, query strings or IP addresses."""
    return addresses_redact(_QUERY.sub("?[query]", path_redact(text)))


class RedactingFormatter(logging.Formatter):
    """Formats a record as usual (or as ``inner`` would), then redacts the whole text, traceback
    included, with ``text_redact``."""

    def __init__(self, *args: Any, inner: logging.Formatter | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record) if self.inner is not None else super().format(record)
        return text_redact(text)
