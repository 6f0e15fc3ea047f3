from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.core.actors import system_actor
from azultel.core.command_options import option_str
from azultel.directory.services import directory_feed_publish


class Command(BaseCommand):
    help = "Write the directory publisher's file (listed entries only) as a recorded disclosure."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="where to write the CSV file")
        parser.add_argument("--recipient", default="Regional Directory Publisher LLC")
        parser.add_argument(
            "--reference",
            required=True,
            help="the publishing agreement relied on (goes in the log)",
        )

    def handle(self, *args: str, **options: object) -> None:
        out = option_str(options, "out")
        try:
            result = directory_feed_publish(
                actor=system_actor("directory-feed"),
                recipient=option_str(options, "recipient"),
                reference=option_str(options, "reference"),
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        Path(out).write_bytes(result.payload)
        self.stdout.write(
            f"Wrote {result.feed.entry_count} listed entries to {out}; disclosure "
            f"#{result.feed.disclosure.seq} recorded."
        )
