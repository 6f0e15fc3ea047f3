from __future__ import annotations

from django.core.management.base import BaseCommand

from azultel.analytics.recleaning import stored_identifiers_clean


class Command(BaseCommand):
    help = (
        "Rewrite stored statistics (raw page views, rollups, load-time histograms) whose path, "
        "campaign or referrer the current identifier rules would change (P01). Run once after "
        "an upgrade that tightens the rules; a second run finds nothing."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = stored_identifiers_clean()
        self.stdout.write(
            f"Cleaned {result.page_views} page views, {result.rollup_rows} rollup rows, "
            f"{result.timing_rows} histogram rows and {result.seen_rows} visitor-seen rows."
        )
