"""Private-upload backends that encrypt every file before it leaves the process (P24).

Each file is one AES-256-GCM envelope under the field-encryption keys (``privacy.crypto``: the
newest key of ``FIELD_ENCRYPTION_KEYS`` seals, every listed key opens, the key id travels in the
envelope) with the file's storage key as associated data, so a file copied or renamed to another
key fails to open. The object store or the disk holds ciphertext only; ``manage.py
rotate_file_keys`` re-seals files under the newest key before an old key is retired.

Selected with ``PRIVATE_UPLOAD_STORAGE`` (``core.file_storage.private_storage``):

* ``EncryptedLocalStorage``: ``PRIVATE_UPLOAD_ROOT`` (``var/private-uploads/``), never inside
  ``STATIC_ROOT`` or ``MEDIA_ROOT``; directories 0700, files 0600, written atomically.
* ``EncryptedS3Storage``: an S3-compatible bucket named by ``PRIVATE_UPLOAD_S3_*`` settings;
  objects are written without any ACL (private to the bucket owner), with server-side encryption
  on top of ours.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from azultel.core.file_storage import (
    KEY_PATTERN,
    StorageError,
    StoredFileMissing,
    StoredObject,
    content_bytes,
    key_checked,
    new_key,
)
from azultel.privacy import crypto


class EncryptingStorage:
    """Encryption on top of a place that keeps opaque blobs under keys."""

    def _read_blob(self, key: str) -> bytes:
        raise NotImplementedError

    def _write_blob(self, key: str, blob: bytes) -> None:
        raise NotImplementedError

    def save(self, content: bytes | IO[bytes], *, content_type: str, purpose: str) -> str:
        # content_type is not kept: the kind detected from the content lives on core.StoredFile,
        # and the stored bytes are ciphertext whatever they hold.
        key = new_key(purpose)
        self._write_blob(key, crypto.encrypt_bytes(content_bytes(content), associated_data=key))
        return key

    def open(self, key: str) -> bytes:
        blob = self._read_blob(key_checked(key))
        try:
            return crypto.decrypt_bytes(blob, associated_data=key)
        except crypto.DecryptionError as exc:
            raise StorageError(f"Stored file {key} cannot be opened: {exc}") from exc

    def key_id(self, key: str) -> str:
        """The id of the encryption key the file is sealed under (for rotation)."""
        try:
            return crypto.blob_key_id(self._read_blob(key_checked(key)))
        except crypto.DecryptionError as exc:
            raise StorageError(f"Stored file {key} is not an encrypted file.") from exc

    def rewrap(self, key: str) -> bool:
        """Re-seal the file under the newest key; False when it already is."""
        if self.key_id(key) == crypto.key_ring().current_id:
            return False
        clear = self.open(key)
        self._write_blob(key, crypto.encrypt_bytes(clear, associated_data=key))
        return True


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or path.is_relative_to(parent)


class EncryptedLocalStorage(EncryptingStorage):
    """Files under ``PRIVATE_UPLOAD_ROOT``, one per key: ``<root>/<purpose>/<hex>``."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root if root is not None else settings.PRIVATE_UPLOAD_ROOT).resolve()
        served: list[Any] = [settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS]
        for public in served:
            if public and _inside(self.root, Path(public).resolve()):
                raise ImproperlyConfigured(
                    f"PRIVATE_UPLOAD_ROOT ({self.root}) is inside a publicly served directory "
                    f"({public}); private uploads must live outside STATIC_ROOT and MEDIA_ROOT."
                )

    def _path(self, key: str) -> Path:
        return self.root / key_checked(key)

    def _read_blob(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as exc:
            raise StoredFileMissing(f"No stored file {key}.") from exc
        except OSError as exc:
            raise StorageError(f"Stored file {key} cannot be read: {exc.strerror}") from exc

    def _write_blob(self, key: str, blob: bytes) -> None:
        path = self._path(key)
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            # Written beside its final name and renamed, so a reader never sees half a file.
            partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(blob)
                    handle.flush()
                    os.fsync(handle.fileno())
                partial.replace(path)
            finally:
                partial.unlink(missing_ok=True)
        except OSError as exc:
            raise StorageError(f"Stored file {key} cannot be written: {exc.strerror}") from exc

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def stored_objects(self) -> Iterator[StoredObject]:
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                key = f"{folder.name}/{path.name}"
                if KEY_PATTERN.match(key) and path.is_file():
                    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
                    yield StoredObject(key, modified)


@lru_cache(maxsize=4)
def _s3_client(
    endpoint_url: str, region: str, access_key_id: str, secret_access_key: str, addressing: str
) -> Any:
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url or None,
        region_name=region or None,
        # Empty: boto3's own chain (instance or task role) supplies credentials.
        aws_access_key_id=access_key_id or None,
        aws_secret_access_key=secret_access_key or None,
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": addressing},
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=30,
        ),
    )


def _missing(error: ClientError) -> bool:
    code = str(error.response.get("Error", {}).get("Code", ""))
    return code in {"404", "NoSuchKey", "NotFound"}


class EncryptedS3Storage(EncryptingStorage):
    """Objects in an S3-compatible bucket: ``<PRIVATE_UPLOAD_S3_PREFIX><purpose>/<hex>``."""

    def __init__(self, client: Any = None) -> None:
        self.bucket = settings.PRIVATE_UPLOAD_S3_BUCKET
        if not self.bucket:
            raise ImproperlyConfigured(
                "PRIVATE_UPLOAD_STORAGE is the S3 backend but PRIVATE_UPLOAD_S3_BUCKET is empty."
            )
        self.prefix = settings.PRIVATE_UPLOAD_S3_PREFIX
        self.server_side_encryption = settings.PRIVATE_UPLOAD_S3_SSE
        self.kms_key_id = settings.PRIVATE_UPLOAD_S3_KMS_KEY_ID
        self.client = client or _s3_client(
            settings.PRIVATE_UPLOAD_S3_ENDPOINT_URL,
            settings.PRIVATE_UPLOAD_S3_REGION,
            settings.PRIVATE_UPLOAD_S3_ACCESS_KEY_ID,
            settings.PRIVATE_UPLOAD_S3_SECRET_ACCESS_KEY,
            settings.PRIVATE_UPLOAD_S3_ADDRESSING_STYLE,
        )

    def _object_name(self, key: str) -> str:
        return self.prefix + key_checked(key)

    def _read_blob(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._object_name(key))
            return bytes(answer["Body"].read())
        except ClientError as exc:
            if _missing(exc):
                raise StoredFileMissing(f"No stored file {key}.") from exc
            raise StorageError(f"Stored file {key} cannot be read: {exc}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"Stored file {key} cannot be read: {exc}") from exc

    def _write_blob(self, key: str, blob: bytes) -> None:
        extra: dict[str, str] = {}
        if self.server_side_encryption:
            extra["ServerSideEncryption"] = self.server_side_encryption
        if self.kms_key_id:
            extra["SSEKMSKeyId"] = self.kms_key_id
        try:
            # No ACL is sent: the object stays private to the bucket owner (and buckets with
            # "bucket owner enforced" ownership refuse ACLs anyway).
            self.client.put_object(
                Bucket=self.bucket,
                Key=self._object_name(key),
                Body=blob,
                ContentType="application/octet-stream",
                **extra,
            )
        except (ClientError, BotoCoreError) as exc:
            raise StorageError(f"Stored file {key} cannot be written: {exc}") from exc

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._object_name(key))
        except (ClientError, BotoCoreError) as exc:
            raise StorageError(f"Stored file {key} cannot be deleted: {exc}") from exc

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._object_name(key))
        except ClientError as exc:
            if _missing(exc):
                return False
            raise StorageError(f"Stored file {key} cannot be checked: {exc}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"Stored file {key} cannot be checked: {exc}") from exc
        return True

    def stored_objects(self) -> Iterator[StoredObject]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        try:
            for page in pages:
                for item in page.get("Contents", []):
                    key = str(item["Key"])[len(self.prefix) :]
                    if KEY_PATTERN.match(key):
                        yield StoredObject(key, item["LastModified"])
        except (ClientError, BotoCoreError) as exc:
            raise StorageError(f"The bucket cannot be listed: {exc}") from exc
