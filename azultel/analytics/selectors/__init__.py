"""Reads of the statistics. Dashboards and exports read rollups only, never raw page views.

A report range is today, the last 7 or 30 days, the last 12 months or a custom range, each with
the period just before it for comparison. Ranges up to 92 days read daily rollups; longer ones
read monthly rollups (a custom range is widened to whole months, and the page says so). The
dashboard costs a fixed number of queries, whatever the amount of data.

One module per job, every public name re-exported here, so callers import from
``azultel.analytics.selectors`` whichever module holds it:

* ``ranges``: ``RangeKind``, ``ReportRange`` and ``report_range`` (the periods a report shows).
* ``dashboard``: ``dashboard_report`` and the rows it is made of (``Change``, ``Breakdown``...).
* ``exports``: ``rollup_export_rows``, the staff CSV download.
* ``partner_report``: ``partner_rows``, k-suppressed daily cells for partners (P16).
"""

from azultel.analytics.selectors.dashboard import (
    Breakdown,
    BreakdownRow,
    Change,
    DashboardReport,
    SeriesPoint,
    dashboard_report,
)
from azultel.analytics.selectors.exports import CSV_HEADER, rollup_export_rows
from azultel.analytics.selectors.partner_report import (
    PARTNER_DIMENSIONS,
    PARTNER_HEADER,
    PartnerRow,
    partner_rows,
)
from azultel.analytics.selectors.ranges import (
    CUSTOM_DAILY_MAX_DAYS,
    TOP_LIMIT,
    RangeKind,
    ReportRange,
    report_range,
)

__all__ = [
    "CSV_HEADER",
    "CUSTOM_DAILY_MAX_DAYS",
    "PARTNER_DIMENSIONS",
    "PARTNER_HEADER",
    "TOP_LIMIT",
    "Breakdown",
    "BreakdownRow",
    "Change",
    "DashboardReport",
    "PartnerRow",
    "RangeKind",
    "ReportRange",
    "SeriesPoint",
    "dashboard_report",
    "partner_rows",
    "report_range",
    "rollup_export_rows",
]
