"""Single-use, expiring links of privacy requests: one to verify a request, one to download the
copy of the data.

A link is the request's id, a random nonce and its purpose, signed (``django.core.signing`` on
SECRET_KEY, its own salt) with its expiry. It is accepted only within ``DSR_LINK_HOURS`` and
while its nonce is still the one stored on the request; using it clears the nonce, so a second
use (a replay) is refused.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.utils import timezone

from azultel.core.links import site_reverse

_SALT = "azultel.dsr.link"


class LinkPurpose(StrEnum):
    VERIFY = "verify"
    DOWNLOAD = "download"


@dataclass(frozen=True)
class LinkClaim:
    request_id: uuid.UUID
    nonce: str
    purpose: LinkPurpose


class LinkRefused(ValueError):
    """A link that is forged, altered, expired, used or for another purpose; ``reason`` is logged
    (never the token itself)."""

    def __init__(self, reason: str, request_id: uuid.UUID | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.request_id = request_id


def nonce_new() -> str:
    return secrets.token_hex(16)


def link_token(*, request_id: uuid.UUID, nonce: str, purpose: LinkPurpose) -> str:
    # The expiry is in the signed payload, on the site's clock (``timezone.now``).
    expires = int(timezone.now().timestamp()) + int(settings.DSR_LINK_HOURS) * 3600
    payload = {"r": request_id.hex, "n": nonce, "p": str(purpose), "e": expires}
    return signing.dumps(payload, salt=_SALT)


def link_url(*, request_id: uuid.UUID, nonce: str, purpose: LinkPurpose) -> str:
    """The link on SITE_URL (never on a request's host)."""
    name = "dsr:verify" if purpose == LinkPurpose.VERIFY else "dsr:download"
    token = link_token(request_id=request_id, nonce=nonce, purpose=purpose)
    return site_reverse(name, kwargs={"token": token})


def link_read(token: object, *, purpose: LinkPurpose) -> LinkClaim:
    """What a token claims, or ``LinkRefused`` (forged, expired, other purpose)."""
    if not isinstance(token, str) or len(token) > 300:
        raise LinkRefused("malformed")
    try:
        raw = signing.loads(token, salt=_SALT)
        request_id = uuid.UUID(hex=str(raw["r"]))
        expires = int(raw["e"])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise LinkRefused("forged") from None
    if raw.get("p") != str(purpose):
        raise LinkRefused("wrong_purpose", request_id)
    if timezone.now().timestamp() > expires:
        raise LinkRefused("expired", request_id)
    return LinkClaim(request_id=request_id, nonce=str(raw.get("n", "")), purpose=purpose)
