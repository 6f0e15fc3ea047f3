"""Suppression for partner reports (P16): no cell under k, and none recoverable by subtraction.

``k_suppress`` (privacy.aggregates) blanks every cell under k. That is not enough when cells add
up to a whole a partner can learn: one day's browser cells add up to the day's visitors, which
the platform or device cells of the same day also give. With 12 Chrome visitors and 1 Opera
visitor, blanking Opera alone tells nothing, since 13 - 12 = 1. So within each such group, once
a cell is blanked, the smallest cells still shown are blanked too until the blanked cells
together hold at least k (or the whole group is blank): what a subtraction then yields is a sum
of at least k, never one small cell.

This is generic (nothing here knows about statistics) and would sit well beside ``k_suppress``
in ``azultel.privacy.aggregates``; it lives here because the privacy app is not this app's to
change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

from azultel.privacy.aggregates import Cell, k_suppress, partner_k


def k_suppress_complementary(
    counts: Iterable[tuple[Sequence[object], Hashable | None, int]], *, k: int | None = None
) -> list[Cell]:
    """Turn (key, group, count) triples into cells, in order, safe against subtraction.

    Every count under ``k`` (default ``PARTNER_REPORT_MIN_CELL``) is blanked, as by
    ``k_suppress``. Then, in each group (cells with the same ``group`` add up to the same whole)
    that has a blanked cell, the shown cells are blanked smallest first (ties in input order)
    until the blanked counts of the group add up to at least ``k``, or every cell is blank.
    ``group`` None marks a cell that adds up to nothing published: only its own count matters.
    """
    threshold = partner_k() if k is None else k
    triples = list(counts)
    cells = k_suppress(((key, count) for key, _group, count in triples), k=threshold)
    members: dict[Hashable, list[int]] = defaultdict(list)
    for index, (_key, group, _count) in enumerate(triples):
        if group is not None:
            members[group].append(index)
    for indexes in members.values():
        if not any(cells[i].suppressed for i in indexes):
            continue
        blanked = sum(triples[i][2] for i in indexes if cells[i].suppressed)
        shown = sorted((i for i in indexes if not cells[i].suppressed), key=lambda i: triples[i][2])
        for i in shown:
            if blanked >= threshold:
                break
            cells[i] = Cell(cells[i].key, None)
            blanked += triples[i][2]
    return cells
