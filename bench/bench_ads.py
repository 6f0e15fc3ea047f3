"""House ads: the shop's internet page with ads on and off, in the same run (target: ads cost at
most 10% of throughput).

A child process per database (a scratch SQLite file and a scratch PostgreSQL database) migrates,
seeds the demo catalog and the demo ads, and then requests ``/shop/home/internet/?state=FL``
through Django's whole middleware stack in process (``django.test.Client``), alternating rounds
with ``ADS_ENABLED`` on and off. Every request comes from a new visitor without cookies, so each
ads-on page selects an ad (from the campaign cache), writes the caps and interests cookies and
counts one impression (one UPDATE): the costly case. The shop's page cache is on, as for any
visitor without a session. Printed: pages per second for each, and their ratio (medians of the
rounds). Query counts are not timed here: tests assert them.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from bench.scratch import child_run, scratch_databases

PG_DB = os.environ.get("BENCH_ADS_DB", "azultel_bench_ads")  # another name for parallel runs
URL = "/shop/home/internet/?state=FL"


def _round(requests: int) -> float:
    from django.test import Client

    start = time.perf_counter()
    for _ in range(requests):
        response = Client(SERVER_NAME="localhost").get(URL)
        if response.status_code != 200:
            raise RuntimeError(f"{URL} answered {response.status_code}")
    return requests / (time.perf_counter() - start)


def _child(requests: int, rounds: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from azultel.ads.demo import demo_seed as ads_seed
    from azultel.catalog.demo import demo_seed as catalog_seed

    # Pages name their static files; no collectstatic here, so no hashed-name manifest either.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    catalog_seed()
    ads_seed()
    settings.ANALYTICS_ENABLED = False  # the same for both; its own benchmark measures it
    page = Client(SERVER_NAME="localhost").get(URL).content.decode()
    if "ad__headline" not in page:
        raise RuntimeError("the demo ad is not on the page")
    on: list[float] = []
    off: list[float] = []
    for _ in range(rounds):
        for enabled, results in ((True, on), (False, off)):
            settings.ADS_ENABLED = enabled
            _round(requests // 10)  # warm
            results.append(_round(requests))
    ratio = statistics.median(on) / statistics.median(off)
    # Each round's on/off pair ran back to back: their ratios show how noisy the machine was.
    pairs = sorted(a / b for a, b in zip(on, off, strict=True))
    print(
        f"  {URL}: ads on {statistics.median(on):,.0f} pages/s, ads off "
        f"{statistics.median(off):,.0f} pages/s (medians of {rounds} rounds of {requests}); "
        f"ads keep {ratio:.2f} of the throughput (target at least 0.90); per-round ratios "
        f"{pairs[0]:.2f} to {pairs[-1]:.2f}, median {statistics.median(pairs):.2f}",
        flush=True,
    )


def run(args: object) -> None:
    quick = bool(getattr(args, "quick", False))
    requests, rounds = (200, 2) if quick else (1000, 5)
    with scratch_databases(PG_DB) as (tmp, databases):
        for label, url in databases:
            print(f"{label}:", flush=True)
            child_run(
                "bench.bench_ads", ["--child", str(requests), str(rounds)], database_url=url,
                var_dir=tmp,
            )  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(int(sys.argv[2]), int(sys.argv[3]))
