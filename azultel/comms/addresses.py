"""Email addresses: validation, normalisation and the keyed fingerprint kept instead of them."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_ADDRESS_LENGTH = 254


class InvalidAddress(ValueError):
    """The recipient is not a single, valid email address."""


def address_clean(raw: object) -> str:
    """The address stripped of surrounding space, or ``InvalidAddress`` (never echoing it)."""
    if not isinstance(raw, str):
        raise InvalidAddress("The recipient address must be text.")
    address = raw.strip()
    if not address:
        raise InvalidAddress("The recipient address is empty.")
    if len(address) > MAX_ADDRESS_LENGTH:
        raise InvalidAddress(
            f"The recipient address is longer than {MAX_ADDRESS_LENGTH} characters."
        )
    try:
        validate_email(address)
    except ValidationError as exc:
        raise InvalidAddress("The recipient address is not a valid email address.") from exc
    return address


def address_normalise(address: str) -> str:
    return address.strip().lower()


def address_fingerprint(address: str) -> str:
    """A keyed hash of the normalised address (FIELD_HMAC_KEY): the same for every spelling of
    one address, useless without the key, and stable when SECRET_KEY rotates."""

    key = hashlib.sha256(f"comms.address:{settings.FIELD_HMAC_KEY}".encode()).digest()
    return hmac.new(key, address_normalise(address).encode(), hashlib.sha256).hexdigest()
