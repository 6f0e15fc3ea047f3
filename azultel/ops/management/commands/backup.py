from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.ops.backup import backup_make


class Command(BaseCommand):
    help = (
        "Back up the database and uploaded files into a new folder, and the keys, encrypted "
        "under BACKUP_PASSPHRASE, into a separate file (store it somewhere else)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        parser.add_argument("--output", default=f"var/backups/{stamp}", help="a new folder")
        parser.add_argument("--keys-output", default=f"var/backup-keys/{stamp}.keys.bundle")

    def handle(self, *args: object, **options: object) -> None:
        passphrase = os.environ.get("BACKUP_PASSPHRASE", "")
        if not passphrase:
            raise CommandError("Set BACKUP_PASSPHRASE (16 characters or more): it seals the keys.")
        try:
            result = backup_make(
                folder=Path(str(options["output"])),
                keys_file=Path(str(options["keys_output"])),
                passphrase=passphrase,
            )
        except (ValueError, FileExistsError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written to {result.folder} ({result.tables} tables, {result.rows} rows); "
            f"keys sealed in {result.keys_file}."
        )
