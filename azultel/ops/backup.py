"""Backups: the database, the uploaded files and, kept apart and encrypted, the keys.

A backup is a folder: ``database.dump`` (pg_dump custom format) or ``database.sqlite3`` (SQLite's
online backup API), ``files.tar`` (MEDIA_ROOT and PRIVATE_UPLOAD_ROOT; private uploads are
already encrypted by the site) and ``manifest.json`` (engine, time, row count of every table).
The keys go to a different file (``keys.bundle``, sealed under BACKUP_PASSPHRASE by
privacy.backup_keys), which the operator stores somewhere else than the data.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

from azultel.privacy.backup_keys import keys_bundle_seal

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    keys_file: Path
    tables: int
    rows: int


def row_counts() -> dict[str, int]:
    """Rows in every table the project's models keep, by model label."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _engine() -> str:
    return "sqlite" if connections["default"].vendor == "sqlite" else "postgresql"


def database_dump(folder: Path) -> Path:
    database = settings.DATABASES["default"]
    if _engine() == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(str(database["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    target = folder / "database.dump"
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(target),
            settings.DATABASE_URL,
        ],
        check=True,
    )
    return target


def files_archive(folder: Path) -> Path:
    target = folder / "files.tar"
    with tarfile.open(target, "w") as archive:
        for name, root in (
            ("media", settings.MEDIA_ROOT),
            ("private", settings.PRIVATE_UPLOAD_ROOT),
        ):
            if Path(root).is_dir():
                archive.add(str(root), arcname=name)
    return target


def backup_make(*, folder: Path, keys_file: Path, passphrase: str) -> BackupResult:
    """Back up the database and files into ``folder``, the sealed keys into ``keys_file``."""
    if keys_file.resolve().parent == folder.resolve():
        raise ValueError("Keep the keys apart: the keys file must not go into the backup folder.")
    sealed = keys_bundle_seal(passphrase=passphrase)
    folder.mkdir(parents=True, exist_ok=False)
    counts = row_counts()
    dump = database_dump(folder)
    files_archive(folder)
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "engine": _engine(),
        "database_file": dump.name,
        "row_counts": counts,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    keys_file.parent.mkdir(parents=True, exist_ok=True)
    keys_file.write_bytes(sealed)
    keys_file.chmod(0o600)
    return BackupResult(folder, keys_file, len(counts), sum(counts.values()))


def backup_restore(
    *, folder: Path, database_url: str, files_root: Path | None
) -> dict[str, object]:
    """Load a backup into an empty database (and its files under ``files_root``)."""
    manifest = json.loads((folder / MANIFEST).read_text())
    dump = folder / str(manifest["database_file"])
    if manifest["engine"] == "sqlite":
        target = Path(database_url.removeprefix("sqlite:///"))
        if target.exists() and target.stat().st_size > 0:
            raise ValueError("The target SQLite file exists: restore only into a fresh database.")
        shutil.copyfile(dump, target)
    else:
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--jobs=2",
                "--dbname",
                database_url,
                str(dump),
            ],
            check=True,
        )
    if files_root is not None:
        with tarfile.open(folder / "files.tar") as archive:
            archive.extractall(files_root, filter="data")
    return manifest
