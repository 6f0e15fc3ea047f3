"""Backups of the keys, and the restore drill's proof that encrypted values still decrypt.

The keys (SECRET_KEY, FIELD_ENCRYPTION_KEYS, FIELD_HMAC_KEY) never go into the data backup: a
stolen database dump must stay unreadable. ``keys_bundle_seal`` encrypts them under a
passphrase (scrypt, then AES-GCM) into a file that `manage.py backup` writes to a separate
place; ``keys_bundle_open`` reads it back. ``encrypted_values_verify`` decrypts every sensitive
value in the database and counts the failures; it returns no clear text.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from azultel.privacy import crypto
from azultel.privacy.fields import encrypted_fields

BUNDLE_MAGIC = b"AZKEYS1"
KEY_SETTINGS = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "FIELD_HMAC_KEY")
_AAD = b"azultel backup keys"


class KeysBundleError(ValueError):
    """The bundle is damaged or the passphrase is wrong."""


def _kdf(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


@sensitive_variables()
def keys_bundle_seal(*, passphrase: str) -> bytes:
    """The current keys, encrypted under ``passphrase``."""
    if len(passphrase) < 16:
        raise KeysBundleError("The backup passphrase must have at least 16 characters.")
    salt, nonce = os.urandom(16), os.urandom(12)
    clear = json.dumps({name: getattr(settings, name) for name in KEY_SETTINGS}).encode()
    sealed = AESGCM(_kdf(passphrase, salt)).encrypt(nonce, clear, _AAD)
    return BUNDLE_MAGIC + salt + nonce + sealed


@sensitive_variables()
def keys_bundle_open(blob: bytes, *, passphrase: str) -> dict[str, str]:
    """The keys in a bundle, by setting name."""
    if not blob.startswith(BUNDLE_MAGIC):
        raise KeysBundleError("This is not an Azultel keys bundle.")
    rest = blob[len(BUNDLE_MAGIC) :]
    salt, nonce, sealed = rest[:16], rest[16:28], rest[28:]
    try:
        clear = AESGCM(_kdf(passphrase, salt)).decrypt(nonce, sealed, _AAD)
    except Exception as exc:
        raise KeysBundleError("Wrong passphrase, or the bundle is damaged.") from exc
    keys = json.loads(clear)
    return {name: str(keys[name]) for name in KEY_SETTINGS}


def keys_bundle_b64(blob: bytes) -> str:
    return base64.b64encode(blob).decode()


@dataclass(frozen=True)
class DecryptCheck:
    checked: int
    failed: int
    by_model: dict[str, int]


def encrypted_values_verify() -> DecryptCheck:
    """Decrypt every stored sensitive value with the configured keys; count what fails."""
    checked = failed = 0
    by_model: dict[str, int] = {}
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if not fields:
            continue
        count = 0
        for obj in model._base_manager.order_by().iterator(chunk_size=2000):
            for field in fields:
                token = obj.__dict__.get(field.attname)
                if not token:
                    continue
                count += 1
                try:
                    crypto.decrypt(str(token), associated_data=field.associated_data(obj))
                except crypto.DecryptionError:
                    failed += 1
        by_model[model._meta.label] = count
        checked += count
    return DecryptCheck(checked=checked, failed=failed, by_model=by_model)
