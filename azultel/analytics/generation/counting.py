"""Counting an old day fast: what ``services.count_views`` and ``services.timing_counts`` give,
computed from a sampled day's parallel lists without building a Hit per page view.

Same dimensions, distinct visitors per day and value, visits split after 30 minutes without a view.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from azultel.analytics.generation.sampling import CAMPAIGNS, Counts, Day, Site, Timing
from azultel.analytics.models import Dimension, TimingMetric
from azultel.analytics.services import VISIT_GAP_SECONDS, campaign_of
from azultel.analytics.timing_bins import bin_for


def _add(
    table: Counts,
    dimension: int,
    keys: Sequence[Any],
    people: Sequence[Any],
    entries: Iterable[int],
    bucket: date | None,
) -> None:
    """Views, distinct visitors and visits per key (None keys are left out)."""
    views = Counter(k for k in keys if k is not None)
    visitors = Counter(
        k for k, p in set(zip(keys, people, strict=True)) if k is not None and p is not None
    )
    starts = Counter(keys[i] for i in entries if keys[i] is not None)
    for key, n in views.items():
        b, value = key if bucket is None else (bucket, key)
        table[(b, dimension, value)] = [n, visitors.get(key, 0), starts.get(key, 0)]


def day_counts(
    site: Site, sample: Day, day: date, *, hourly: bool
) -> tuple[Counts, Counts, Timing]:
    """What ``count_views`` and ``timing_counts`` give for the day, without per-hit objects."""
    ok = [i for i, s in enumerate(sample.status) if s == 200]
    missing = [i for i, s in enumerate(sample.status) if s != 200]
    person = [v if sample.hashes[v] else None for v in sample.visitor]
    # A visit starts with a visitor's first view, or after 30 minutes without one (a missing
    # page continues a visit but never starts one in the counts).
    entry_set = set()
    previous: tuple[Any, int] | None = None
    hashed = (i for i in range(len(sample.status)) if person[i] is not None)
    for i in sorted(hashed, key=lambda i: (person[i], sample.minute[i], i)):
        key = (person[i], sample.minute[i])
        starts_visit = (
            previous is None or previous[0] != key[0] or key[1] - previous[1] > VISIT_GAP_SECONDS
        )
        if starts_visit and sample.status[i] == 200:
            entry_set.add(i)
        previous = key
    people = [person[i] for i in ok]
    entries = [n for n, i in enumerate(ok) if i in entry_set]
    pages = [site.paths[sample.page[i]] for i in ok]
    traits = [sample.traits[sample.visitor[i]] for i in ok]
    names = {c: campaign_of(f"/?{c}") or None for c in CAMPAIGNS}
    campaigns = [names[sample.campaign[i]] for i in ok]
    columns: list[tuple[int, list[Any]]] = [
        (Dimension.TOTAL, [""] * len(ok)),
        (Dimension.PAGE, pages),
        (Dimension.REFERRER, [sample.referrer[i] or None for i in ok]),
        (Dimension.CAMPAIGN, campaigns),
        (Dimension.BROWSER, [t[0] for t in traits]),
        (Dimension.PLATFORM, [t[1] for t in traits]),
        (Dimension.DEVICE, [t[2] for t in traits]),
        (Dimension.STATE, [t[3] or None for t in traits]),
    ]
    daily: Counts = {}
    for dimension, keys in columns:
        _add(daily, int(dimension), keys, people, entries, day)
    _add(
        daily, int(Dimension.NOT_FOUND), [site.paths[sample.page[i]] for i in missing],
        [person[i] for i in missing], [], day,
    )  # fmt: skip
    hours: Counts = {}
    if hourly:
        hour_of = [
            datetime.fromtimestamp(sample.minute[i] - sample.minute[i] % 3600, tz=UTC) for i in ok
        ]
        for dimension, keys in columns:
            paired = [(h, k) if k is not None else None for h, k in zip(hour_of, keys, strict=True)]
            hour_people = [
                (h, p) if p is not None else None for h, p in zip(hour_of, people, strict=True)
            ]
            _add(hours, int(dimension), paired, hour_people, [], None)
        missing_paired = [
            (
                datetime.fromtimestamp(sample.minute[i] - sample.minute[i] % 3600, tz=UTC),
                site.paths[sample.page[i]],
            )
            for i in missing
        ]
        missing_people = [
            (h, person[i]) if person[i] is not None else None
            for (h, _p), i in zip(missing_paired, missing, strict=True)
        ]
        _add(hours, int(Dimension.NOT_FOUND), missing_paired, missing_people, [], None)
        # Visits are counted where they start, hour by hour too.
        for dimension, keys in columns:
            for n in entries:
                if keys[n] is not None:
                    hours[(hour_of[n], int(dimension), keys[n])][2] += 1
    timing: Timing = defaultdict(int)
    server = int(TimingMetric.SERVER)
    for i in ok:
        slot = bin_for(sample.server_ms[i])
        timing[(day, server, site.paths[sample.page[i]], slot)] += 1
        timing[(day, server, "", slot)] += 1
    return hours, daily, timing
