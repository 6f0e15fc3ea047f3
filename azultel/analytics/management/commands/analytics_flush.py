from __future__ import annotations

from django.core.management.base import BaseCommand

from azultel.analytics.buffer import buffer_flush


class Command(BaseCommand):
    help = "Write the hits waiting in the Redis buffer now (ANALYTICS_BUFFER=redis)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Wrote {buffer_flush()} hits.")
