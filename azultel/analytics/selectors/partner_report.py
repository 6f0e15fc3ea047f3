"""The partner report: daily counts per value by dimension, k-suppressed (P16) against
subtraction too (``partner_rows``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from azultel.analytics.models import DailyRollup, Dimension
from azultel.analytics.partner import k_suppress_complementary

# No "total": the day's total beside its cells would let anyone subtract a suppressed cell back.
PARTNER_DIMENSIONS: dict[str, int] = {
    "page": Dimension.PAGE,
    "referrer": Dimension.REFERRER,
    "campaign": Dimension.CAMPAIGN,
    "browser": Dimension.BROWSER,
    "platform": Dimension.PLATFORM,
    "device": Dimension.DEVICE,
    "state": Dimension.STATE,
}
PARTNER_HEADER = ("date", "dimension", "value", "visitors", "page_views")
# Dimensions whose cells of one day add up to a whole a partner can learn from other cells:
# every visitor has one browser, platform and device (the daily hash covers the browser), so
# each of those groups adds up to the day's visitors and views; every page view has one page,
# so the page cells add up to the day's views. Referrer, campaign and state cells cover only
# some views (none is a cell for "no referrer" or "no state"), so they add up to nothing shown.
_PARTNER_ADDITIVE = frozenset(
    {Dimension.PAGE, Dimension.BROWSER, Dimension.PLATFORM, Dimension.DEVICE}
)


@dataclass(frozen=True)
class PartnerRow:
    """One day and value. Both counts are None when fewer than k visitors make up the cell."""

    day: date
    dimension: str
    value: str
    visitors: int | None
    views: int | None

    def csv_row(self) -> tuple[str, str, str, int | str, int | str]:
        """The row as PARTNER_HEADER lists it; a suppressed count is an empty cell."""
        return (
            self.day.isoformat(),
            self.dimension,
            self.value,
            "" if self.visitors is None else self.visitors,
            "" if self.views is None else self.views,
        )


def partner_rows(
    *, start: date, end: date, dimensions: Sequence[str], k: int | None = None
) -> list[PartnerRow]:
    """Daily counts per value for partners, k-suppressed (P16) against subtraction too.

    A cell is a day and a value: its visitors are distinct people that day (the daily hash), so
    the threshold really counts people. A suppressed cell shows no count at all. Within a day's
    page, browser, platform or device cells, a suppressed cell takes the smallest shown cells
    with it until the blanked visitors reach k (``k_suppress_complementary``), so no blank can
    be worked out from the shown cells and a total learnt elsewhere. No total row is given.
    """
    unknown = [d for d in dimensions if d not in PARTNER_DIMENSIONS]
    if unknown:
        raise ValueError(f"Unknown partner report dimension(s): {', '.join(unknown)}.")
    codes = {PARTNER_DIMENSIONS[d]: d for d in dimensions}
    rows = list(
        DailyRollup.objects.filter(bucket__gte=start, bucket__lte=end, dimension__in=list(codes))
        .order_by("bucket", "dimension", "value")
        .values_list("bucket", "dimension", "value", "visitors", "views")
    )
    cells = k_suppress_complementary(
        (
            ((day, dim, value), (day, dim) if dim in _PARTNER_ADDITIVE else None, visitors)
            for day, dim, value, visitors, _v in rows
        ),
        k=k,
    )
    result = []
    for cell, (_day, _dim, _value, _visitors, views) in zip(cells, rows, strict=True):
        day, dim, value = cell.key
        result.append(
            PartnerRow(
                day=day,
                dimension=codes[dim],
                value=value,
                visitors=cell.count,
                views=None if cell.suppressed else views,
            )
        )
    return result
