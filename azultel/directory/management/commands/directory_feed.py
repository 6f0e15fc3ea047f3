from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from azultel.core.actors import system_actor
from azultel.directory.services import directory_feed_publish


class Command(BaseCommand):
    help = "Write the directory publisher's file (listed entries only) as a recorded disclosure."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True, help="where to write the CSV file")
        parser.add_argument("--recipient", default="Regional Directory Publisher LLC")
        parser.add_argument(
            "--reference",
            required=True,
            help="the publishing agreement relied on (goes in the log)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = directory_feed_publish(
                actor=system_actor("directory-feed"),
                recipient=options["recipient"],
                reference=options["reference"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        Path(options["out"]).write_bytes(result.payload)
        self.stdout.write(
            f"Wrote {result.feed.entry_count} listed entries to {options['out']}; disclosure "
            f"#{result.feed.disclosure.seq} recorded."
        )
