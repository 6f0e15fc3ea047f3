"""Encrypted private-upload storage (P24): ciphertext at rest, bound to its key, rotatable keys."""

from __future__ import annotations

import base64
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from azultel.core.file_storage import (
    InvalidStorageKey,
    PrivateFileStorage,
    StorageError,
    StoredFileMissing,
    check_private_storage,
    private_storage,
)
from azultel.core.models import StoredFile
from azultel.core.stored_files import stored_file_read, stored_file_save
from azultel.core.testing.sample_files import RESUME_PHRASE, TEXT_RESUME, pdf_bytes
from azultel.core.upload_checks import RESUME_UPLOADS, upload_check
from azultel.privacy.file_storage import EncryptedLocalStorage

OLD_KEYS = "old-1:" + base64.urlsafe_b64encode(b"o" * 32).decode()
NEW_KEYS = "new-2:" + base64.urlsafe_b64encode(b"n" * 32).decode() + "," + OLD_KEYS


@pytest.fixture
def root(tmp_path: Path, settings: object) -> Path:
    folder = tmp_path / "private-uploads"
    settings.PRIVATE_UPLOAD_ROOT = folder  # type: ignore[attr-defined]
    return folder


@pytest.fixture
def storage(root: Path) -> EncryptedLocalStorage:
    return EncryptedLocalStorage()


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_the_default_backend_is_the_encrypted_local_one(root: Path) -> None:
    backend = private_storage()

    assert isinstance(backend, EncryptedLocalStorage)
    assert isinstance(backend, PrivateFileStorage)
    assert backend.root == root.resolve()


@pytest.mark.promise("P24")
def test_a_file_comes_back_byte_for_byte(storage: EncryptedLocalStorage) -> None:
    content = pdf_bytes()

    key = storage.save(content, content_type="application/pdf", purpose="resume")

    assert key.startswith("resume/") and len(key) == len("resume/") + 32
    assert storage.exists(key)
    assert storage.open(key) == content


@pytest.mark.promise("P24")
def test_the_bytes_on_disk_hold_no_clear_text(storage: EncryptedLocalStorage, root: Path) -> None:
    key = storage.save(TEXT_RESUME, content_type="text/plain", purpose="resume")
    storage.save(pdf_bytes(), content_type="application/pdf", purpose="resume")

    files = _files_under(root)

    assert len(files) == 2
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(b"AZF1\x06test-1")
        assert RESUME_PHRASE.encode() not in raw
        assert b"Palm Lane" not in raw and b"%PDF" not in raw
    assert stat.S_IMODE((root / key).stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "resume").stat().st_mode) == 0o700


@pytest.mark.promise("P24")
def test_a_tampered_file_fails_authentication(storage: EncryptedLocalStorage, root: Path) -> None:
    key = storage.save(TEXT_RESUME, content_type="text/plain", purpose="resume")
    path = root / key
    raw = bytearray(path.read_bytes())
    raw[-20] ^= 0x01
    path.write_bytes(bytes(raw))

    with pytest.raises(StorageError, match="failed authentication"):
        storage.open(key)


@pytest.mark.promise("P24")
def test_a_file_moved_to_another_key_fails_authentication(
    storage: EncryptedLocalStorage, root: Path
) -> None:
    first = storage.save(b"first applicant", content_type="text/plain", purpose="resume")
    second = storage.save(b"second applicant", content_type="text/plain", purpose="resume")
    (root / second).write_bytes((root / first).read_bytes())

    with pytest.raises(StorageError, match="failed authentication"):
        storage.open(second)


@pytest.mark.promise("P24")
def test_files_sealed_under_an_older_key_still_open_and_rotate_to_the_newest(
    root: Path, db: None
) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=OLD_KEYS):
        stored = stored_file_save(
            upload=upload_check(TEXT_RESUME, policy=RESUME_UPLOADS), actor=None
        )
        assert (root / stored.key).read_bytes().startswith(b"AZF1\x05old-1")

    with override_settings(FIELD_ENCRYPTION_KEYS=NEW_KEYS):
        assert stored_file_read(stored_file=stored) == TEXT_RESUME
        out = StringIO()
        call_command("rotate_file_keys", "--no-progress", stdout=out)
        assert "Re-encrypted 1 files under key new-2. Seen before: old-1: 1." in out.getvalue()
        assert (root / stored.key).read_bytes().startswith(b"AZF1\x05new-2")

    only_new = NEW_KEYS.split(",")[0]
    with override_settings(FIELD_ENCRYPTION_KEYS=only_new):
        assert stored_file_read(stored_file=stored) == TEXT_RESUME
        check = StringIO()
        call_command("rotate_file_keys", "--check", stdout=check)
        assert "new-2: 1" in check.getvalue()


def test_a_file_whose_key_was_retired_too_early_cannot_be_opened(root: Path) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=OLD_KEYS):
        key = EncryptedLocalStorage().save(b"cv", content_type="text/plain", purpose="resume")

    with (
        override_settings(FIELD_ENCRYPTION_KEYS=NEW_KEYS.split(",")[0]),
        pytest.raises(StorageError, match="not configured"),
    ):
        EncryptedLocalStorage().open(key)


def test_a_key_no_backend_issued_is_refused(storage: EncryptedLocalStorage) -> None:
    for bad in ["../../etc/passwd", "resume/../../x", "/etc/passwd", "resume/ABC", ""]:
        with pytest.raises(InvalidStorageKey):
            storage.open(bad)


def test_deleting_removes_the_file_and_a_missing_key_is_said_so(
    storage: EncryptedLocalStorage,
) -> None:
    key = storage.save(b"cv", content_type="text/plain", purpose="resume")

    storage.delete(key)
    storage.delete(key)

    assert not storage.exists(key)
    with pytest.raises(StoredFileMissing):
        storage.open(key)
    assert list(storage.stored_objects()) == []


def test_a_root_inside_a_served_directory_is_refused(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "media" / "private"  # type: ignore[attr-defined]

    with pytest.raises(ImproperlyConfigured, match="publicly served"):
        private_storage()
    assert [error.id for error in check_private_storage()] == ["core.E010"]


def test_the_system_check_passes_with_the_default_backend(root: Path) -> None:
    assert check_private_storage() == []


@pytest.mark.django_db
def test_the_stored_file_record_is_in_the_data_map() -> None:
    from azultel.privacy.datamap import Personal, model_declarations

    declared = model_declarations(StoredFile)

    assert isinstance(declared["key"], Personal)
    assert declared["key"].category == "user.employment"
    assert declared["key"].retention == "resume_1y"
    # A new upload purpose needs its own data-map declaration (privacy/datamap.py).
    from azultel.core.upload_checks import UploadPurpose

    # The agent's signed permission for a privacy request (issue 19) is declared with it.
    assert set(UploadPurpose.values) == {"resume", "agent_permission"}
    assert declared["key"].purposes == ("recruiting", "legal")
