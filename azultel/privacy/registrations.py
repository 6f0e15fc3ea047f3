"""What privacy adds at start-up (``core.app_config``): the data-map system check (P04)."""

from __future__ import annotations

from django.core import checks

from azultel.privacy.checks import check_data_map


def register() -> None:
    checks.register(check_data_map, "privacy")
