from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.comms.services import outbox_deliver_due


class Command(BaseCommand):
    help = (
        "Deliver queued emails that are due (and any a stopped worker left half-sent). "
        "Runs the same sweep as the periodic Celery task; useful without a broker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=None, help="At most this many messages per round."
        )
        parser.add_argument(
            "--until-empty",
            action="store_true",
            help="Repeat rounds until nothing due is left or a round stops on a failure.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        limit = options["limit"]
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        totals: dict[str, int] = {}
        while True:
            tally = outbox_deliver_due(limit=limit)
            for key, value in tally.as_dict().items():
                totals[key] = totals.get(key, 0) + value
            handled = tally.sent + tally.suppressed + tally.failed
            if not options["until_empty"] or tally.stopped_early or handled == 0:
                break
        self.stdout.write(
            "Outbox: {sent} sent, {suppressed} not sent (blocked), {failed} failed, "
            "{deferred} to retry later.".format(**totals)
        )
