"""Unsubscribe tokens: the outbox message's id, signed. No address ever appears in a URL."""

from __future__ import annotations

import uuid

from django.core import signing

_SALT = "azultel.comms.unsubscribe"


def unsubscribe_token(message_id: uuid.UUID) -> str:
    """A signed, URL-safe token naming one outbox message (deterministic: retries match)."""
    return signing.dumps(message_id.hex, salt=_SALT, compress=False)


def unsubscribe_token_read(token: str) -> uuid.UUID | None:
    """The message id a token names, or None when it is forged, altered or malformed."""
    if not isinstance(token, str) or len(token) > 200:
        return None
    try:
        value = signing.loads(token, salt=_SALT)
        return uuid.UUID(hex=value)
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return None


def unsubscribe_url(message_id: uuid.UUID) -> str:
    """The absolute https:// (in production) link, built on SITE_URL."""
    from azultel.core.links import site_reverse

    return site_reverse("comms:unsubscribe", kwargs={"token": unsubscribe_token(message_id)})
