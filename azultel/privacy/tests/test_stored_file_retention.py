"""Private uploads are deleted on schedule (B3): expired, unclaimed, and bytes left without a record."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from azultel.core.file_storage import StorageError, private_storage
from azultel.core.models import StoredFile
from azultel.core.stored_files import (
    stored_file_delete,
    stored_file_delete_after,
    stored_file_read,
    stored_file_save,
    stored_files_purge,
)
from azultel.core.tasks import stored_files_purge as purge_task
from azultel.core.testing.sample_files import TEXT_RESUME
from azultel.core.upload_checks import RESUME_UPLOADS, upload_check
from azultel.privacy.tests.factories import UploadOwnerSampleFactory
from azultel.privacy.tests.sensitive_app.models import UploadOwnerSample

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def root(tmp_path: Path, settings: Any) -> Path:
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"
    return tmp_path / "private-uploads"


def _save(content: bytes = TEXT_RESUME) -> StoredFile:
    return stored_file_save(upload=upload_check(content, policy=RESUME_UPLOADS), actor=None)


def _age(stored: StoredFile, root: Path, hours: int) -> None:
    then = timezone.now() - timedelta(hours=hours)
    StoredFile.objects.filter(pk=stored.pk).update(created_at=then)
    os.utime(root / stored.key, (then.timestamp(), then.timestamp()))


@pytest.mark.promise("B3")
def test_a_file_past_its_delete_after_time_is_deleted_with_its_bytes(
    root: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    stored = _save()
    UploadOwnerSampleFactory(upload=stored)
    stored_file_delete_after(
        stored_file=stored, when=timezone.now() - timedelta(minutes=1), actor=None
    )
    kept = _save(b"another applicant")
    UploadOwnerSampleFactory(upload=kept)
    stored_file_delete_after(stored_file=kept, when=timezone.now() + timedelta(days=30), actor=None)

    with django_capture_on_commit_callbacks(execute=True):
        result = stored_files_purge()

    assert result.expired == 1
    assert list(StoredFile.objects.all()) == [kept]
    assert not (root / stored.key).exists()
    assert (root / kept.key).exists()
    assert UploadOwnerSample.objects.filter(upload__isnull=True).count() == 1


@pytest.mark.promise("B3")
def test_a_file_nothing_points_at_is_deleted_after_the_grace_period(
    root: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    unclaimed = _save()
    _age(unclaimed, root, hours=25)
    claimed = _save(b"claimed")
    _age(claimed, root, hours=25)
    UploadOwnerSampleFactory(upload=claimed)
    fresh = _save(b"just uploaded")

    with django_capture_on_commit_callbacks(execute=True):
        result = stored_files_purge()

    assert result.unclaimed == 1
    assert set(StoredFile.objects.all()) == {claimed, fresh}
    assert not (root / unclaimed.key).exists()


@pytest.mark.promise("B3")
def test_stored_bytes_without_a_record_are_deleted_once_old(root: Path) -> None:
    storage = private_storage()
    orphan = storage.save(TEXT_RESUME, content_type="text/plain", purpose="resume")
    then = (timezone.now() - timedelta(hours=25)).timestamp()
    os.utime(root / orphan, (then, then))
    recent_orphan = storage.save(TEXT_RESUME, content_type="text/plain", purpose="resume")
    recorded = _save()
    UploadOwnerSampleFactory(upload=recorded)
    os.utime(root / recorded.key, (then, then))

    result = purge_task()

    assert result == {"expired": 0, "unclaimed": 0, "orphans": 1}
    assert not storage.exists(orphan)
    assert storage.exists(recent_orphan)
    assert storage.exists(recorded.key)


def test_bytes_go_only_once_the_deletion_commits(
    root: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    stored = _save()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored_file_delete(stored_file=stored, actor=None)

    assert (root / stored.key).exists()
    for callback in callbacks:
        callback()
    assert not (root / stored.key).exists()


def test_a_record_pointed_at_another_file_does_not_open(root: Path) -> None:
    first = _save(b"first applicant")
    second = _save(b"second applicant")
    StoredFile.objects.filter(pk=second.pk).delete()
    StoredFile.objects.filter(pk=first.pk).update(key=second.key)
    first.refresh_from_db()

    with pytest.raises(StorageError, match="does not match its record"):
        stored_file_read(stored_file=first)


def test_only_checked_uploads_are_stored() -> None:
    with pytest.raises(TypeError):
        stored_file_save(upload=TEXT_RESUME, actor=None)  # type: ignore[arg-type]

    assert StoredFile.objects.count() == 0
