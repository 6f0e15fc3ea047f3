"""Unsubscribe tokens: the outbox message's id, signed. No address ever appears in a URL."""

from __future__ import annotations

import uuid

from django.core import signing

from azultel.core.links import site_reverse

_SALT = "azultel.comms.unsubscribe"


def unsubscribe_token(message_id: uuid.UUID) -> str:
    """A signed, URL-safe token naming one outbox message.

    Deterministic (no timestamp): the link in the body, signed when the message is queued, and
    the List-Unsubscribe header, signed when it is delivered, are the same, and a retried
    delivery sends the same bytes.
    """
    return signing.Signer(salt=_SALT).sign(message_id.hex)


def unsubscribe_token_read(token: str) -> uuid.UUID | None:
    """The message id a token names, or None when it is forged, altered or malformed."""
    if not isinstance(token, str) or len(token) > 200:
        return None
    try:
        if token.count(":") == 2:
            # A timestamped token, from emails sent before the links became deterministic.
            value = signing.loads(token, salt=_SALT)
        else:
            value = signing.Signer(salt=_SALT).unsign(token)
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return None
    try:
        return uuid.UUID(hex=value)
    except (TypeError, ValueError, AttributeError):
        return None


def unsubscribe_url(message_id: uuid.UUID) -> str:
    """The absolute https:// (in production) link, built on SITE_URL."""

    return site_reverse("comms:unsubscribe", kwargs={"token": unsubscribe_token(message_id)})
