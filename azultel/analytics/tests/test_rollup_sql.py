"""The threshold top-N over rollups is exact: it always agrees with adding up every row."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.analytics.models import DailyRollup, Dimension
from azultel.analytics.rollup_sql import Window, breakdown_all, top_values, values_counts

pytestmark = pytest.mark.django_db

FIRST = date(2026, 3, 1)
BUCKETS = tuple(FIRST + timedelta(days=i) for i in range(6))
WINDOW = Window(current=BUCKETS[3:], previous_start=BUCKETS[0], previous_end=BUCKETS[2])

rows_strategy = st.dictionaries(
    keys=st.tuples(st.integers(0, 5), st.sampled_from([f"/p{i}/" for i in range(25)])),
    values=st.tuples(
        st.one_of(st.integers(1, 5), st.integers(1, 5000)),  # flat and skewed counts
        st.integers(0, 50),
    ),
    max_size=120,
)


def _load(rows: dict[tuple[int, str], tuple[int, int]]) -> None:
    DailyRollup.objects.all().delete()
    DailyRollup.objects.bulk_create(
        DailyRollup(
            bucket=BUCKETS[b], dimension=Dimension.PAGE, value=v, views=n, visitors=1, entries=e
        )
        for (b, v), (n, e) in rows.items()
    )


def _brute_force(
    rows: dict[tuple[int, str], tuple[int, int]], metric: str, limit: int
) -> list[tuple[str, int, int]]:
    current: dict[str, int] = defaultdict(int)
    previous: dict[str, int] = defaultdict(int)
    for (b, value), (views, entries) in rows.items():
        amount = views if metric == "views" else entries
        (current if b >= 3 else previous)[value] += amount
    ranked = sorted((v for v in current if current[v] > 0), key=lambda v: (-current[v], v))
    return [(v, current[v], previous[v]) for v in ranked[:limit]]


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=rows_strategy, metric=st.sampled_from(["views", "entries"]), limit=st.integers(1, 6))
def test_top_values_equal_the_sum_of_every_row(
    rows: dict[tuple[int, str], tuple[int, int]], metric: str, limit: int
) -> None:
    _load(rows)

    found = top_values(
        DailyRollup, dimension=Dimension.PAGE, window=WINDOW, metric=metric, limit=limit
    )

    assert [(c.value, c.metric(metric), c.metric(f"prev_{metric}")) for c in found] == _brute_force(
        rows, metric, limit
    )


def test_top_values_take_a_fixed_number_of_queries(django_assert_num_queries: object) -> None:
    _load({(b, f"/p{i}/"): (1000 // (i + 1), i % 3) for b in range(6) for i in range(25)})

    with django_assert_num_queries(2):  # type: ignore[operator]
        top = top_values(
            DailyRollup, dimension=Dimension.PAGE, window=WINDOW, metric="views", limit=3
        )

    assert [c.value for c in top] == ["/p0/", "/p1/", "/p2/"]
    assert top[0].views == 3000 and top[0].prev_views == 3000


def test_other_readers_sum_the_current_and_previous_periods() -> None:
    _load({(0, "/a/"): (4, 1), (3, "/a/"): (5, 1), (5, "/b/"): (2, 0)})

    every = breakdown_all(DailyRollup, dimension=Dimension.PAGE, window=WINDOW)
    some = values_counts(DailyRollup, dimension=Dimension.PAGE, window=WINDOW, values=["/a/"])

    assert [(c.value, c.views, c.prev_views) for c in every] == [("/a/", 5, 4), ("/b/", 2, 0)]
    assert (some["/a/"].views, some["/a/"].prev_views) == (5, 4)


def test_ranking_only_by_known_columns() -> None:
    with pytest.raises(ValueError, match="Cannot rank"):
        top_values(DailyRollup, dimension=1, window=WINDOW, metric="value; DROP TABLE x", limit=1)
