"""Writes and reads of private uploads: the one way a file gets in, out or away.

``stored_file_save`` takes only a ``CheckedUpload`` (bytes that passed ``core.upload_checks``), so
nothing unchecked is ever stored. The owning app keeps a foreign key to the ``StoredFile`` and
decides who may read it (``core.file_serving.stored_file_response`` takes that decision).

Retention (B3), ``stored_files_purge`` (Celery task every hour):

* a file whose ``delete_after`` has passed is deleted (the owner sets it, e.g. a year after the
  hiring decision, with ``stored_file_delete_after``);
* a file no row of any model points at is deleted ``UPLOAD_UNCLAIMED_HOURS`` after upload
  (an application that failed after its résumé was stored leaves nothing behind);
* stored bytes with no ``StoredFile`` row (a rolled-back transaction, a deletion whose storage
  call failed) are deleted once ``UPLOAD_UNCLAIMED_HOURS`` old.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, ForeignObjectRel, OuterRef, ProtectedError, QuerySet
from django.utils import timezone

from azultel.core.actors import Actor
from azultel.core.audit import CoreAudit, audit_record
from azultel.core.file_storage import StorageError, private_storage
from azultel.core.models import StoredFile
from azultel.core.upload_checks import CONTENT_TYPES, CheckedUpload

logger = logging.getLogger(__name__)


def content_digest(content: bytes) -> str:
    """Keyed HMAC-SHA256 of a file's clear bytes (its own key, derived from FIELD_HMAC_KEY)."""
    key = hmac.new(settings.FIELD_HMAC_KEY.encode(), b"stored-file", hashlib.sha256).digest()
    return hmac.new(key, content, hashlib.sha256).hexdigest()


def stored_file_save(*, upload: CheckedUpload, actor: Actor | None) -> StoredFile:
    """Encrypt and store checked bytes; the row is written in the caller's transaction."""
    if not isinstance(upload, CheckedUpload):
        raise TypeError("stored_file_save takes a CheckedUpload (see core.uploads).")
    storage = private_storage()
    key = storage.save(
        upload.content, content_type=CONTENT_TYPES[upload.kind], purpose=upload.purpose
    )
    try:
        with transaction.atomic():
            stored = StoredFile.objects.create(
                key=key,
                purpose=upload.purpose,
                kind=upload.kind,
                size=upload.size,
                content_digest=content_digest(upload.content),
            )
            audit_record(
                actor=actor,
                action=CoreAudit.STORED_FILE_SAVE,
                subject=stored,
                detail={"purpose": upload.purpose, "kind": upload.kind, "size": upload.size},
            )
    except BaseException:
        _storage_delete_quietly(key)
        raise
    return stored


def stored_file_read(*, stored_file: StoredFile) -> bytes:
    """The clear bytes, checked against the row's digest (a row pointed at another file fails)."""
    content = private_storage().open(stored_file.key)
    if not hmac.compare_digest(content_digest(content), stored_file.content_digest):
        raise StorageError(f"Stored file {stored_file.pk} does not match its record.")
    return content


def stored_file_delete_after(
    *, stored_file: StoredFile, when: datetime | None, actor: Actor | None
) -> None:
    """Set (or clear, with None) the time the retention sweep deletes the file."""
    with transaction.atomic():
        stored_file.delete_after = when
        stored_file.save(update_fields=["delete_after", "updated_at"])
        audit_record(
            actor=actor,
            action=CoreAudit.STORED_FILE_RETENTION,
            subject=stored_file,
            detail={"delete_after": when.isoformat() if when else None},
        )


def stored_file_delete(*, stored_file: StoredFile, actor: Actor | None) -> None:
    """Delete the row now and the stored bytes once the caller's transaction commits.

    Fails with ``ProtectedError`` if a row still protects it. Bytes whose deletion fails are left
    to the purge's orphan sweep.
    """
    key = stored_file.key
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=CoreAudit.STORED_FILE_DELETE,
            subject=stored_file,
            detail={"purpose": stored_file.purpose},
        )
        stored_file.delete()
        transaction.on_commit(lambda: _storage_delete_quietly(key))


def _storage_delete_quietly(key: str) -> None:
    try:
        private_storage().delete(key)
    except StorageError:
        logger.warning("Stored file %s not deleted yet; the purge will retry.", key)


@dataclass(frozen=True)
class PurgeResult:
    expired: int
    unclaimed: int
    orphans: int


def stored_files_purge(*, now: datetime | None = None) -> PurgeResult:
    """B3: delete expired and unclaimed files, then stored bytes without a row (see module doc)."""
    now = now or timezone.now()
    grace = now - timedelta(hours=settings.UPLOAD_UNCLAIMED_HOURS)
    expired = _delete_each(StoredFile.objects.filter(delete_after__lte=now), "expired")
    unclaimed = _delete_each(
        _unreferenced(StoredFile.objects.filter(created_at__lt=grace)), "unclaimed"
    )
    return PurgeResult(expired=expired, unclaimed=unclaimed, orphans=_orphans_delete(before=grace))


def _delete_each(files: QuerySet[StoredFile], reason: str) -> int:
    deleted = 0
    # Listed first: rows are deleted one by one, each in its own transaction.
    for stored_file in list(files.order_by("created_at")):
        try:
            stored_file_delete(stored_file=stored_file, actor=None)
        except ProtectedError:
            logger.warning(
                "Stored file %s is %s but still protected; kept.", stored_file.pk, reason
            )
            continue
        deleted += 1
    return deleted


def _unreferenced(files: QuerySet[StoredFile]) -> QuerySet[StoredFile]:
    """Only files no row of any model points at (found from the relations, so an app that adds a
    foreign key later is respected without changing this function)."""
    for relation in StoredFile._meta.get_fields(include_hidden=True):
        if isinstance(relation, ForeignObjectRel):
            pointing = relation.related_model._base_manager.filter(
                **{relation.field.name: OuterRef("pk")}
            )
            files = files.filter(~Exists(pointing))
    return files


def _orphans_delete(*, before: datetime, batch_size: int = 500) -> int:
    storage = private_storage()
    deleted = 0
    batch: list[str] = []

    def flush() -> int:
        known = set(StoredFile.objects.filter(key__in=batch).values_list("key", flat=True))
        gone = 0
        for key in batch:
            if key not in known:
                storage.delete(key)
                gone += 1
        batch.clear()
        return gone

    for stored in storage.stored_objects():
        if stored.modified_at < before:
            batch.append(stored.key)
            if len(batch) >= batch_size:
                deleted += flush()
    if batch:
        deleted += flush()
    return deleted
