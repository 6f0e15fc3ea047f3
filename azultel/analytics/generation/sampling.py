"""The synthetic site and its days: pages, referrers, visitor traits, and one day's page views.

Pages and referrers are Zipf-distributed; each visitor has a browser, platform, device and state,
and one visit at a time of day (HOURLY_SHAPE); a few views carry campaign links or miss a page.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from azultel.analytics.collection import VIEW, Hit

BROWSERS = (
    ("Chrome", 46),
    ("Mobile Safari", 22),
    ("Chrome Mobile", 14),
    ("Edge", 6),
    ("Firefox", 4),
    ("Safari", 4),
    ("Samsung Internet", 3),
    ("Opera", 1),
)
PLATFORMS = (
    ("Windows", "desktop", 34),
    ("iOS", "mobile", 24),
    ("Android", "mobile", 20),
    ("Mac OS X", "desktop", 12),
    ("iOS", "tablet", 4),
    ("Android", "tablet", 2),
    ("Linux", "desktop", 2),
    ("Chrome OS", "desktop", 2),
)
STATES = (
    ("", 45), ("FL", 12), ("TX", 8), ("CA", 7), ("NY", 6), ("GA", 3), ("NJ", 3), ("IL", 2),
    ("NC", 2), ("AZ", 2), ("MA", 2), ("VA", 2), ("WA", 1), ("CO", 1), ("NV", 1), ("OH", 1),
)  # fmt: skip
CAMPAIGNS = (
    "",
    "utm_source=newsletter&utm_medium=email&utm_campaign=fiber-spring",
    "utm_source=partner&utm_medium=referral&utm_campaign=retail-promo",
    "utm_source=radio&utm_medium=offline&utm_campaign=home-phone",
    "utm_source=search&utm_medium=cpc&utm_campaign=carrier-wholesale",
)
CAMPAIGN_WEIGHTS = (970, 12, 8, 5, 5)
# Share of visits starting in each hour of the local day.
HOURLY_SHAPE = (1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 7, 7, 7, 7, 7, 7, 6, 6, 5, 4, 3, 2)
VIEWS_PER_VISITOR = 2.6
SERVER_TIME_SPREAD = (0.7, 0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 1.6, 2.2, 4.0)

Counts = dict[tuple[date, int, str], list[int]]
Timing = dict[tuple[date, int, str, int], int]


def zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def day_totals(views: int, days: int, rng: random.Random) -> list[int]:
    weights = [(1.15 if (i % 7) < 5 else 0.7) * rng.uniform(0.9, 1.1) for i in range(days)]
    scale = views / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(views - sum(counts)):
        counts[i % days] += 1
    return counts


@dataclass
class Site:
    """What every day draws from: pages, referrers, visitor traits, server speed per page."""

    paths: list[str]
    path_cum: list[float]
    path_ms: list[int]
    referrers: list[str]
    referrer_cum: list[float]


@dataclass
class Day:
    """One day's sampled page views, as parallel lists (index = page view)."""

    minute: list[int]
    page: list[int]
    visitor: list[int]
    referrer: list[str]
    campaign: list[str]
    status: list[int]
    server_ms: list[int]
    hashes: list[str]
    traits: list[tuple[str, str, str, str]]  # browser, platform, device, state per visitor

    def hits(self, site: Site) -> list[Hit]:
        hits = []
        for i, minute in enumerate(self.minute):
            browser, platform, device, state = self.traits[self.visitor[i]]
            path = site.paths[self.page[i]]
            if self.campaign[i]:
                path = f"{path}?{self.campaign[i]}"
            hits.append(
                Hit(VIEW, minute, path, self.referrer[i], browser, platform, device, state,
                    self.status[i], self.server_ms[i], self.hashes[self.visitor[i]])
            )  # fmt: skip
        return hits


def sample_day(site: Site, day: date, count: int, rng: random.Random) -> Day:
    zone = ZoneInfo(settings.TIME_ZONE)
    midnight = int(datetime.combine(day, datetime.min.time(), tzinfo=zone).timestamp())
    next_midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    last_minute = int(next_midnight.timestamp()) - 60  # a 23-hour day has no 23:xx
    people = max(1, round(count / VIEWS_PER_VISITOR))
    hashes = [f"{rng.getrandbits(128):032x}" if rng.random() > 0.08 else "" for _ in range(people)]
    browsers = rng.choices([b for b, _w in BROWSERS], [w for _b, w in BROWSERS], k=people)
    platforms = rng.choices(PLATFORMS, [w for _p, _d, w in PLATFORMS], k=people)
    states = rng.choices([s for s, _w in STATES], [w for _s, w in STATES], k=people)
    traits = [(browsers[v], platforms[v][0], platforms[v][1], states[v]) for v in range(people)]
    starts = [
        midnight + h * 3600 + m * 60
        for h, m in zip(
            rng.choices(range(24), HOURLY_SHAPE, k=people),
            rng.choices(range(60), k=people),
            strict=True,
        )
    ]
    visitor = rng.choices(range(people), k=count)
    later = rng.choices(range(25), k=count)
    minute = [min(starts[v] + 60 * d, last_minute) for v, d in zip(visitor, later, strict=True)]
    page = rng.choices(range(len(site.paths)), cum_weights=site.path_cum, k=count)
    has_referrer = rng.choices((True, False), (25, 75), k=count)
    referrer_pick = rng.choices(site.referrers, cum_weights=site.referrer_cum, k=count)
    spread = rng.choices(SERVER_TIME_SPREAD, k=count)
    return Day(
        minute=minute,
        page=page,
        visitor=visitor,
        referrer=[r if has else "" for r, has in zip(referrer_pick, has_referrer, strict=True)],
        campaign=rng.choices(CAMPAIGNS, CAMPAIGN_WEIGHTS, k=count),
        status=rng.choices((200, 404), (996, 4), k=count),
        server_ms=[max(1, int(site.path_ms[p] * s)) for p, s in zip(page, spread, strict=True)],
        hashes=hashes,
        traits=traits,
    )
