"""Backups keep the keys apart and sealed; the restore check finds values that do not decrypt."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from azultel.ops.backup import backup_make, row_counts
from azultel.privacy.backup_keys import (
    KeysBundleError,
    encrypted_values_verify,
    keys_bundle_open,
    keys_bundle_seal,
)
from azultel.privacy.tests.sensitive_app.models import IdentitySample

PASSPHRASE = "a long backup passphrase for tests"


def test_the_keys_bundle_opens_only_with_its_passphrase(settings: Any) -> None:
    sealed = keys_bundle_seal(passphrase=PASSPHRASE)

    assert settings.FIELD_HMAC_KEY.encode() not in sealed
    assert settings.SECRET_KEY.encode() not in sealed
    assert keys_bundle_open(sealed, passphrase=PASSPHRASE) == {
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEYS": settings.FIELD_ENCRYPTION_KEYS,
        "FIELD_HMAC_KEY": settings.FIELD_HMAC_KEY,
    }
    with pytest.raises(KeysBundleError):
        keys_bundle_open(sealed, passphrase="another passphrase entirely")
    with pytest.raises(KeysBundleError):
        keys_bundle_seal(passphrase="short")


@pytest.mark.django_db
def test_a_backup_refuses_to_put_the_keys_beside_the_data(tmp_path: Path) -> None:
    folder = tmp_path / "backup"

    with pytest.raises(ValueError, match="Keep the keys apart"):
        backup_make(folder=folder, keys_file=folder / "keys.bundle", passphrase=PASSPHRASE)

    assert not folder.exists()


@pytest.mark.django_db
def test_the_backup_command_needs_a_passphrase(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("BACKUP_PASSPHRASE", raising=False)

    with pytest.raises(CommandError, match="BACKUP_PASSPHRASE"):
        call_command(
            "backup", "--output", str(tmp_path / "b"), "--keys-output", str(tmp_path / "k")
        )

    assert not (tmp_path / "b").exists()


@pytest.mark.django_db
def test_the_restore_check_decrypts_every_value_and_reports_tampering(settings: Any) -> None:
    # Given two encrypted rows, one moved into another row's place (its associated data differs)
    good = IdentitySample.objects.create(ssn="123-45-6789")
    moved = IdentitySample.objects.create(ssn="987-65-4321")
    token = IdentitySample.objects.filter(pk=good.pk).values_list("ssn", flat=True).get()
    IdentitySample.objects.filter(pk=moved.pk).update(ssn=token)

    result = encrypted_values_verify()

    assert result.by_model[IdentitySample._meta.label] == 2
    assert result.failed == 1


@pytest.mark.django_db
def test_the_manifest_counts_rows_and_the_verify_command_compares_them(tmp_path: Path) -> None:
    IdentitySample.objects.create(ssn="123-45-6789")
    counts = row_counts()
    folder = tmp_path / "backup"
    folder.mkdir()
    label = IdentitySample._meta.label
    wrong = dict(counts, **{label: 5})
    (folder / "manifest.json").write_text(json.dumps({"row_counts": wrong}))

    with pytest.raises(CommandError, match=f"{label}: expected 5, found 1"):
        call_command("backup_verify", str(folder))

    (folder / "manifest.json").write_text(json.dumps({"row_counts": counts}))
    call_command("backup_verify", str(folder))


def test_keys_bundle_is_not_plain_base64_of_the_keys(settings: Any) -> None:
    sealed = keys_bundle_seal(passphrase=PASSPHRASE)

    assert settings.FIELD_ENCRYPTION_KEYS.encode() not in base64.b64decode(base64.b64encode(sealed))
