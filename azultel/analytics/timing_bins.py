"""Fixed histogram bins for response times, so percentiles can be added up across days.

A time ``t`` (whole milliseconds) falls in the first bin whose upper edge is >= t. Edges follow
1-1.25-1.5-2-2.5-3-4-5-6-8 per decade: a percentile read from the bins is at most ~25% high.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

UPPER_EDGES_MS: tuple[int, ...] = (
    1,
    2,
    3,
    4,
    5,
    6,
    8,
    10,
    12,
    15,
    20,
    25,
    30,
    40,
    50,
    60,
    80,
    100,
    125,
    150,
    200,
    250,
    300,
    400,
    500,
    600,
    800,
    1000,
    1250,
    1500,
    2000,
    2500,
    3000,
    4000,
    5000,
    6000,
    8000,
    10000,
    15000,
    20000,
    30000,
    60000,
    120000,
)
BIN_COUNT = len(UPPER_EDGES_MS) + 1  # the last bin holds everything slower than two minutes


def bin_for(ms: int) -> int:
    return bisect_left(UPPER_EDGES_MS, max(0, ms))


def bin_upper_ms(index: int) -> int:
    """The bin's upper edge; the overflow bin reports the last edge."""
    return UPPER_EDGES_MS[min(index, len(UPPER_EDGES_MS) - 1)]


def percentile_ms(counts: Sequence[int], q: float) -> int | None:
    """The ``q`` percentile (0-1) of a histogram, as the upper edge of the bin that holds it."""
    total = sum(counts)
    if total <= 0:
        return None
    rank = q * total
    running = 0
    for index, count in enumerate(counts):
        running += count
        if running >= rank and count:
            return bin_upper_ms(index)
    return bin_upper_ms(len(counts) - 1)
