"""Writes of the statistics: storing buffered hits with their rollups, retention, exports.

``hits_store`` is the only writer of page views and rollups. It runs once per batch (never per
request): raw rows go in with one bulk insert, and every rollup row the batch touches is
incremented with one upsert per table. Visitors and entries are worked out against what the
same visitor hashes already did today (one query per batch), so the counts stay exact.

One module per job, every public name re-exported here, so callers import from
``azultel.analytics.services`` whichever module holds it:

* ``counting``: a batch's views, visitors and visits per bucket and dimension (``count_views``),
  and its timing bins (``timing_counts``); no writes.
* ``storing``: ``hits_store``, writing a batch's raw rows and rollups.
* ``retention``: ``days_close`` (visitor hashes cleared, P01) and ``analytics_purge`` (B3).
* ``exports``: ``export_record``, the audit record of a download.
"""

from azultel.analytics.services.counting import (
    VISIT_GAP_SECONDS,
    RollupCounts,
    campaign_of,
    count_views,
    dimension_values,
    page_of,
    timing_counts,
)
from azultel.analytics.services.exports import export_record
from azultel.analytics.services.retention import (
    DAY_CLOSE_GRACE,
    PurgeResult,
    analytics_purge,
    days_close,
)
from azultel.analytics.services.storing import StoreResult, hits_store

__all__ = [
    "DAY_CLOSE_GRACE",
    "VISIT_GAP_SECONDS",
    "PurgeResult",
    "RollupCounts",
    "StoreResult",
    "analytics_purge",
    "campaign_of",
    "count_views",
    "days_close",
    "dimension_values",
    "export_record",
    "hits_store",
    "page_of",
    "timing_counts",
]
