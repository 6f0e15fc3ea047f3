"""House advertising (azultel.ads; docs/architecture.md "House advertising").

The roll-up's schedule is ads.tasks.PERIODIC.
"""

from __future__ import annotations

from azultel.config.env import env_bool, env_int
from azultel.config.settings.base import TESTING

# Off: ad slots render empty, no ad cookie is written and nothing is counted.
ADS_ENABLED = env_bool("ADS_ENABLED", True)
# A click counts an order or sign-up as its conversion within this many days (the click cookie's
# lifetime; it holds campaign, creative, placement and state, nothing about the visitor).
ADS_CONVERSION_DAYS = env_int("ADS_CONVERSION_DAYS", 7)
# Interest categories older than this many days are forgotten (the "last 30 days").
ADS_INTEREST_DAYS = env_int("ADS_INTEREST_DAYS", 30)
# Active campaigns are cached per (placement, state) for this many seconds (0: no cache).
ADS_CACHE_SECONDS = env_int("ADS_CACHE_SECONDS", 60)
# Impressions are added up in each process and written at most this often (seconds); 0 writes
# each page view's at once. A crash loses at most this long of one process's impressions.
ADS_IMPRESSION_FLUSH_SECONDS = env_int("ADS_IMPRESSION_FLUSH_SECONDS", 10)
# Each process holds the campaigns' version (a shared-cache read) this many milliseconds: a staff
# edit reaches other processes within it. Tests read it every time (their cache is cleared often).
ADS_VERSION_MILLISECONDS = env_int("ADS_VERSION_MILLISECONDS", 0 if TESTING else 1000)
