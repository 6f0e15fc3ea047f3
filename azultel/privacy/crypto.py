"""Authenticated encryption of sensitive field values (AES-256-GCM) and keyed lookup hashes.

Internal to ``privacy``: import-linter forbids every other app from importing this module or
``cryptography``. A token looks like ``enc1$<key id>$<base64url(nonce | ciphertext+tag)>``; the
associated data binds it to one model, field and row, so a token copied elsewhere fails to open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

TOKEN_PREFIX = "enc1$"  # noqa: S105 - a format marker, not a secret


class DecryptionError(ValueError):
    """The token was tampered with, moved to another row, or its key is no longer configured."""


@dataclass(frozen=True)
class KeyRing:
    keys: tuple[tuple[str, bytes], ...]  # newest first

    @property
    def current_id(self) -> str:
        return self.keys[0][0]

    def get(self, key_id: str) -> bytes | None:
        return next((k for kid, k in self.keys if kid == key_id), None)


@lru_cache(maxsize=4)
def _parse_keys(raw: str) -> KeyRing:
    keys = []
    for entry in raw.split(","):
        entry = entry.strip()
        if not entry:
            continue
        key_id, sep, encoded = entry.partition(":")
        if not sep or not key_id or "$" in key_id:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEYS entries look like 'key_id:base64key'."
            )
        try:
            key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except ValueError as exc:
            raise ImproperlyConfigured(f"Key {key_id!r} is not valid base64.") from exc
        if len(key) != 32:
            raise ImproperlyConfigured(f"Key {key_id!r} must be 32 bytes (AES-256).")
        keys.append((key_id, key))
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds no key.")
    return KeyRing(tuple(keys))


def key_ring() -> KeyRing:
    return _parse_keys(settings.FIELD_ENCRYPTION_KEYS)


def new_key_entry(key_id: str) -> str:
    """A fresh 'key_id:base64key' entry for FIELD_ENCRYPTION_KEYS."""
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode()}"


@sensitive_variables()
def encrypt(clear: str, *, associated_data: str) -> str:
    ring = key_ring()
    nonce = os.urandom(12)
    sealed = AESGCM(ring.keys[0][1]).encrypt(nonce, clear.encode(), associated_data.encode())
    body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
    return f"{TOKEN_PREFIX}{ring.current_id}${body}"


def token_key_id(token: str) -> str:
    if not token.startswith(TOKEN_PREFIX):
        raise DecryptionError("Not an encrypted value.")
    return token[len(TOKEN_PREFIX) :].split("$", 1)[0]


@sensitive_variables()
def decrypt(token: str, *, associated_data: str) -> str:
    key_id = token_key_id(token)
    key = key_ring().get(key_id)
    if key is None:
        raise DecryptionError(f"Key {key_id!r} is not configured (retired too early?).")
    encoded = token[len(TOKEN_PREFIX) + len(key_id) + 1 :]
    try:
        raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        clear = AESGCM(key).decrypt(raw[:12], raw[12:], associated_data.encode())
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("The value failed authentication: tampered or moved.") from exc
    return clear.decode()


@sensitive_variables()
def lookup_hash(value: str, *, purpose: str) -> str:
    """Keyed HMAC-SHA256 of a normalised value, for equality lookups. Never a plain hash."""
    key = hmac.new(settings.FIELD_HMAC_KEY.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


# --- Files (private uploads): the same keys, a binary envelope ---------------------------------

BLOB_MAGIC = b"AZF1"


def _blob_header(key_id: str) -> bytes:
    raw_id = key_id.encode()
    return BLOB_MAGIC + bytes([len(raw_id)]) + raw_id


@sensitive_variables()
def encrypt_bytes(clear: bytes, *, associated_data: str) -> bytes:
    """``AZF1 | len(key id) | key id | nonce | ciphertext+tag``, sealed under the newest key.

    The header is authenticated along with ``associated_data`` (a file's storage key), so an
    envelope moved to another key, or with its key id edited, fails to open.
    """
    ring = key_ring()
    header = _blob_header(ring.current_id)
    nonce = os.urandom(12)
    sealed = AESGCM(ring.keys[0][1]).encrypt(nonce, clear, header + associated_data.encode())
    return header + nonce + sealed


def blob_key_id(blob: bytes) -> str:
    if not blob.startswith(BLOB_MAGIC) or len(blob) < len(BLOB_MAGIC) + 1:
        raise DecryptionError("Not an encrypted file.")
    size = blob[len(BLOB_MAGIC)]
    raw_id = blob[len(BLOB_MAGIC) + 1 : len(BLOB_MAGIC) + 1 + size]
    if len(raw_id) != size:
        raise DecryptionError("Not an encrypted file.")
    try:
        return raw_id.decode()
    except UnicodeDecodeError as exc:
        raise DecryptionError("Not an encrypted file.") from exc


@sensitive_variables()
def decrypt_bytes(blob: bytes, *, associated_data: str) -> bytes:
    key_id = blob_key_id(blob)
    key = key_ring().get(key_id)
    if key is None:
        raise DecryptionError(f"Key {key_id!r} is not configured (retired too early?).")
    header = _blob_header(key_id)
    body = blob[len(header) :]
    try:
        return AESGCM(key).decrypt(body[:12], body[12:], header + associated_data.encode())
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("The file failed authentication: tampered or moved.") from exc
