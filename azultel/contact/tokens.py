"""References and private tokens of contact threads.

The reference (``AZ-7K3P-Q2``) is random but not a secret: people read it out on the phone. The
token in the private link and in the Reply-To address is the thread's id with a keyed MAC
(``salted_hmac`` on SECRET_KEY), lower-case hex only, so a mail server that changes the case of
an address's local part cannot break it and the whole ``reply+<token>`` fits in 64 characters.
"""

from __future__ import annotations

import contextlib
import ipaddress
import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from azultel.core.links import site_reverse

_SALT = "azultel.contact.thread"
_MAC_LENGTH = 20
# No 0/O, 1/I/L: nothing to confuse when read aloud or typed.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REPLY_PREFIX = "reply"


def reference_new() -> str:
    chars = [secrets.choice(REFERENCE_ALPHABET) for _ in range(6)]
    return f"AZ-{''.join(chars[:4])}-{''.join(chars[4:])}"


def _mac(thread_id: uuid.UUID) -> str:
    return salted_hmac(_SALT, thread_id.hex, algorithm="sha256").hexdigest()[:_MAC_LENGTH]


def thread_token(thread_id: uuid.UUID) -> str:
    return f"{thread_id.hex}.{_mac(thread_id)}"


def thread_token_read(token: object) -> uuid.UUID | None:
    """The thread id a token names, or None when it is forged, altered or malformed."""
    if not isinstance(token, str) or len(token) > 80:
        return None
    raw_id, dot, mac = token.strip().lower().partition(".")
    if not dot:
        return None
    try:
        thread_id = uuid.UUID(hex=raw_id)
    except ValueError:
        return None
    if raw_id != thread_id.hex or not constant_time_compare(mac, _mac(thread_id)):
        return None
    return thread_id


def thread_url(thread_id: uuid.UUID) -> str:
    """The private link, on SITE_URL (never on a request's host)."""
    return site_reverse("contact:thread", kwargs={"token": thread_token(thread_id)})


def reply_address(thread_id: uuid.UUID) -> str:
    """``reply+<token>@<domain>``: CONTACT_REPLY_DOMAIN, or the host of SITE_URL."""
    domain = settings.CONTACT_REPLY_DOMAIN or urlsplit(settings.SITE_URL).hostname or "localhost"
    # A site run on a bare IP address (local try-outs): an address literal is valid mail.
    with contextlib.suppress(ValueError):
        domain = f"[{ipaddress.ip_address(domain)}]"
    return f"{REPLY_PREFIX}+{thread_token(thread_id)}@{domain}"
