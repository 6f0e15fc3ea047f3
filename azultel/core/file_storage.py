"""Where private uploads (résumés) are kept: the interface every backend implements, and its loader.

``core`` defines only the shape; the backends live in ``azultel.privacy.file_storage`` (the one
app allowed to encrypt) and are chosen by ``settings.PRIVATE_UPLOAD_STORAGE`` (a dotted path,
read at call time). A backend is handed bytes that already passed the content checks
(``core.upload_checks``) and returns an opaque key; nothing about a stored file is ever reachable
by a URL. Code outside ``core`` goes through ``core.stored_files`` rather than a backend.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Protocol, runtime_checkable

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# "<purpose>/<32 hex digits>": random, carries nothing about the file or its owner, and is safe
# as a relative path (no dots, no separators beyond the one) and as an object-store name.
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}/[0-9a-f]{32}$")


class StorageError(Exception):
    """The backend could not keep or give back a file (I/O, network, authentication)."""


class StoredFileMissing(StorageError):
    """No file is stored under this key."""


class InvalidStorageKey(StorageError, ValueError):
    """A key that no backend could have issued (path traversal, wrong shape)."""


@dataclass(frozen=True)
class StoredObject:
    """One file as the backend lists it (for the orphan sweep): its key and when it was written."""

    key: str
    modified_at: datetime


@runtime_checkable
class PrivateFileStorage(Protocol):
    """A place for private files. Every backend encrypts before the bytes leave the process."""

    def save(self, content: bytes | IO[bytes], *, content_type: str, purpose: str) -> str:
        """Store ``content``; return the new opaque key (see ``new_key``)."""

    def open(self, key: str) -> bytes:
        """The clear bytes; raises ``StoredFileMissing``, or ``StorageError`` if tampered."""

    def delete(self, key: str) -> None:
        """Remove the file; deleting a missing key is not an error."""

    def exists(self, key: str) -> bool: ...

    def stored_objects(self) -> Iterator[StoredObject]:
        """Every stored file (for the orphan sweep of ``core.stored_files``)."""


def new_key(purpose: str) -> str:
    key = f"{purpose}/{uuid.uuid4().hex}"
    if not KEY_PATTERN.match(key):
        raise ValueError(f"Upload purpose {purpose!r} must be a short lower-case word.")
    return key


def key_checked(key: str) -> str:
    """The key itself, or ``InvalidStorageKey`` when no backend could have issued it."""
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise InvalidStorageKey("Not a storage key.")
    return key


def content_bytes(content: bytes | IO[bytes]) -> bytes:
    if isinstance(content, bytes | bytearray | memoryview):
        return bytes(content)
    if hasattr(content, "seek"):
        content.seek(0)
    data = content.read()
    if not isinstance(data, bytes):
        raise TypeError("A private upload is bytes, or a file opened in binary mode.")
    return data


def private_storage() -> PrivateFileStorage:
    """The backend named by ``settings.PRIVATE_UPLOAD_STORAGE`` (read at call time)."""

    try:
        backend_class = import_string(settings.PRIVATE_UPLOAD_STORAGE)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"PRIVATE_UPLOAD_STORAGE {settings.PRIVATE_UPLOAD_STORAGE!r} cannot be imported."
        ) from exc
    backend = backend_class()
    if not isinstance(backend, PrivateFileStorage):
        raise ImproperlyConfigured("PRIVATE_UPLOAD_STORAGE is not a PrivateFileStorage.")
    return backend


def check_private_storage(
    app_configs: object = None, **kwargs: object
) -> list[checks.CheckMessage]:
    """System check core.E010: the configured backend loads (bucket named, root not public)."""
    try:
        private_storage()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(str(exc), hint="See docs/architecture.md, 'File uploads'.", id="core.E010")
        ]
    return []
