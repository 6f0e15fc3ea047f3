from __future__ import annotations

from django.core.management.base import BaseCommand

from azultel.comms.services import outbox_purge


class Command(BaseCommand):
    help = (
        "Apply the outbox retention rules: clear the content and address of emails that ended "
        "more than 90 days ago, delete delivery records older than two years."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = outbox_purge()
        self.stdout.write(
            f"Outbox retention: {result.contents_cleared} message contents cleared, "
            f"{result.records_deleted} old records deleted."
        )
