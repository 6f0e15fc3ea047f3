from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.ops.backup import backup_restore
from azultel.privacy.backup_keys import KeysBundleError, keys_bundle_open


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an empty database (--database-url), its files under "
        "--files-root, and write the keys (opened with BACKUP_PASSPHRASE) as an env file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder")
        parser.add_argument("--database-url", required=True, help="an empty database")
        parser.add_argument("--files-root", default="", help="where media/ and private/ go")
        parser.add_argument("--keys", default="", help="the sealed keys file of this backup")
        parser.add_argument("--keys-env-output", default="", help="write the keys here (0600)")

    def handle(self, *args: object, **options: object) -> None:
        folder = Path(str(options["folder"]))
        files_root = Path(str(options["files_root"])) if options["files_root"] else None
        try:
            manifest = backup_restore(
                folder=folder, database_url=str(options["database_url"]), files_root=files_root
            )
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if options["keys"]:
            passphrase = os.environ.get("BACKUP_PASSPHRASE", "")
            try:
                keys = keys_bundle_open(
                    Path(str(options["keys"])).read_bytes(), passphrase=passphrase
                )
            except KeysBundleError as exc:
                raise CommandError(str(exc)) from exc
            target = Path(str(options["keys_env_output"]) or "restored-keys.env")
            target.touch(mode=0o600)
            target.write_text("".join(f"export {k}={json.dumps(v)}\n" for k, v in keys.items()))
            self.stdout.write(f"Keys written to {target} (readable by you only).")
        self.stdout.write(f"Restored the backup of {manifest['created']} ({manifest['engine']}).")
