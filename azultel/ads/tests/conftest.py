from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _ads_settings(settings: object) -> None:
    settings.ADS_ENABLED = True  # type: ignore[attr-defined]
    settings.ADS_CACHE_SECONDS = 60  # type: ignore[attr-defined]
    settings.CATALOG_CACHE_SECONDS = 60  # type: ignore[attr-defined]
    settings.ADS_IMPRESSION_FLUSH_SECONDS = 0  # type: ignore[attr-defined]
    cache.clear()
