from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from azultel.core.file_storage import StorageError, private_storage
from azultel.core.models import StoredFile
from azultel.privacy import crypto
from azultel.privacy.file_storage import EncryptingStorage


class Command(BaseCommand):
    help = (
        "Re-encrypt every private upload (core.StoredFile) under the newest key in "
        "FIELD_ENCRYPTION_KEYS. Run it with rotate_field_keys; afterwards the older keys can be "
        "removed from the setting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only count files per key id; change nothing."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        storage = private_storage()
        if not isinstance(storage, EncryptingStorage):
            raise CommandError("PRIVATE_UPLOAD_STORAGE does not encrypt with the field keys.")
        newest = crypto.key_ring().current_id
        by_key: Counter[str] = Counter()
        rotated = failed = 0
        keys = list(StoredFile.objects.order_by("created_at").values_list("key", flat=True))
        for key in tqdm(keys, disable=options["no_progress"] or options["check"], file=self.stderr):
            try:
                by_key[storage.key_id(key)] += 1
                if not options["check"] and storage.rewrap(key):
                    rotated += 1
            except StorageError as exc:
                failed += 1
                self.stderr.write(f"{key}: {exc}")
        summary = ", ".join(f"{k}: {n}" for k, n in sorted(by_key.items())) or "no files"
        if options["check"]:
            self.stdout.write(f"Files per key id (newest is {newest}): {summary}.")
        else:
            self.stdout.write(
                f"Re-encrypted {rotated} files under key {newest}. Seen before: {summary}."
            )
        if failed:
            raise CommandError(f"{failed} files could not be read; keep the older keys.")
