"""Demo statistics for `make run`: two months of synthetic page views of the site's own pages."""

from __future__ import annotations

import io

from django.core.management import call_command

from azultel.analytics.models import DailyRollup
from azultel.core.demo import DemoSignIn

DEMO_PAGES = (
    "/", "/retail/", "/carrier/", "/company/", "/careers/", "/contact/", "/legal/",
    "/legal/privacy/", "/legal/terms/", "/legal/cpni/", "/privacy-faqs/", "/site-map/",
)  # fmt: skip


def demo_seed() -> list[DemoSignIn]:
    """Fill the dashboard once (idempotent: nothing happens when statistics exist)."""
    if DailyRollup.objects.exists():
        return []
    call_command(
        "analytics_generate",
        "--views", "30000", "--days", "60", "--pages", ",".join(DEMO_PAGES),
        stdout=io.StringIO(),
    )  # fmt: skip
    return []
