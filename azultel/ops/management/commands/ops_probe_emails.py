from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from azultel.comms.models import MessageCategory
from azultel.comms.selectors import batch_tally
from azultel.comms.services import message_send


class Command(BaseCommand):
    help = (
        "Fault drills: queue COUNT account-maintenance notices to probe addresses "
        "(@probe.azultel.test) as batch TAG, or with --tally print what became of them (JSON)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("tag")
        parser.add_argument("--count", type=int, default=0)
        parser.add_argument("--tally", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        tag = str(options["tag"])
        count = int(str(options["count"]))
        if count:
            with transaction.atomic():
                for n in range(count):
                    message_send(
                        category=MessageCategory.ACCOUNT_MAINTENANCE,
                        to=f"probe-{tag}-{n}@probe.azultel.test",
                        template="notice",
                        context={
                            "title": "Azultel delivery drill",
                            "paragraphs": [f"Drill message {n} of batch {tag}."],
                            "site_url": settings.SITE_URL,
                        },
                        dedupe_key=f"ops-probe:{tag}:{n}",
                        batch=tag,
                    )
        if options["tally"]:
            tally = batch_tally(batch=tag)
            self.stdout.write(
                json.dumps(
                    {
                        "queued": tally.queued,
                        "sent": tally.sent,
                        "failed": tally.failed,
                        "blocked": tally.blocked,
                    }
                )
            )
