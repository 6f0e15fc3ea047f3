from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.ops.backup import MANIFEST, row_counts
from azultel.privacy.backup_keys import encrypted_values_verify


class Command(BaseCommand):
    help = (
        "Check a restored database against its backup's manifest: every table's row count, "
        "and every encrypted value decrypts with the configured keys."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="the backup folder (its manifest.json)")

    def handle(self, *args: object, **options: object) -> None:
        manifest = json.loads((Path(str(options["folder"])) / MANIFEST).read_text())
        expected: dict[str, int] = manifest["row_counts"]
        found = row_counts()
        wrong = {
            label: (count, found.get(label))
            for label, count in expected.items()
            if found.get(label) != count
        }
        decrypt = encrypted_values_verify()
        self.stdout.write(
            f"Row counts: {len(expected) - len(wrong)} of {len(expected)} tables match "
            f"({sum(found.values())} rows). Encrypted values: {decrypt.checked} decrypted, "
            f"{decrypt.failed} failed."
        )
        problems = [f"{label}: expected {a}, found {b}" for label, (a, b) in wrong.items()]
        if decrypt.failed:
            problems.append(f"{decrypt.failed} encrypted values did not decrypt")
        if problems:
            raise CommandError("Restore check failed: " + "; ".join(problems))
