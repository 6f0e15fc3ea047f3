from __future__ import annotations

from django.core.management.base import BaseCommand

from azultel.analytics.services import analytics_purge


class Command(BaseCommand):
    help = (
        "Close past days (clear their raw page views' visitor hashes), delete raw page views "
        "older than ANALYTICS_RAW_RETENTION_DAYS, every salt of a past day and hourly rollups "
        "older than ANALYTICS_HOURLY_RETENTION_DAYS (B3). Daily and monthly rollups are kept."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = analytics_purge()
        self.stdout.write(
            f"Deleted {result.page_views} page views, {result.salts} salts and "
            f"{result.hourly_rollups} hourly rollup rows; cleared {result.visitor_hashes} "
            "visitor hashes."
        )
