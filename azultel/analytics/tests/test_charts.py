"""Server-drawn SVG charts: accessible names, escaped labels, marks that match the numbers."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azultel.analytics.charts import ChartSeries, bar_chart, line_chart, nice_ticks


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [(0, [0, 1]), (3, [0, 1, 2, 3]), (10, [0, 5, 10]), (873, [0, 250, 500, 750, 1000])],
)
def test_axis_ticks_are_round_and_cover_the_maximum(maximum: int, ticks: list[int]) -> None:
    assert nice_ticks(maximum) == ticks


@settings(deadline=None, derandomize=True)
@given(maximum=st.integers(0, 10**9))
def test_ticks_always_reach_the_maximum_in_a_few_steps(maximum: int) -> None:
    ticks = nice_ticks(maximum)

    assert ticks[0] == 0 and ticks[-1] >= maximum
    assert 2 <= len(ticks) <= 11


def test_a_bar_chart_names_itself_and_carries_each_value() -> None:
    svg = str(
        bar_chart(
            chart_id="c1",
            title="Top pages",
            description="Bars of page views.",
            rows=[("/", 12), ("<b>/x</b>", 3)],
            unit="page views",
        )
    )

    assert svg.startswith('<svg class="chart chart-bar"')
    assert 'role="img" aria-labelledby="c1-title c1-desc"' in svg
    assert (
        '<title id="c1-title">Top pages</title><desc id="c1-desc">Bars of page views.</desc>' in svg
    )
    assert re.findall(r'data-label="([^"]*)" data-value="(\d+)"', svg) == [
        ("/", "12"),
        ("&lt;b&gt;/x&lt;/b&gt;", "3"),
    ]
    assert "<b>" not in svg and "style=" not in svg


def test_a_line_chart_draws_a_point_per_value_and_a_legend() -> None:
    svg = str(
        line_chart(
            chart_id="c2",
            title="Over time",
            description="Lines.",
            labels=["a", "b", "c"],
            series=[
                ChartSeries("Page views", [1, 5, 2], "series-views"),
                ChartSeries("Visitors", [1, 2, 2], "series-visitors"),
            ],
            unit="page views",
        )
    )

    assert re.findall(r'data-series="([^"]+)"', svg) == ["Page views", "Visitors"]
    assert re.findall(r'<circle class="point"[^>]*data-label="(\w)" data-value="(\d+)"', svg)[
        :3
    ] == [
        ("a", "1"),
        ("b", "5"),
        ("c", "2"),
    ]
    assert svg.count("<polyline") == 2
    assert "style=" not in svg


def test_an_empty_chart_still_renders() -> None:
    svg = str(bar_chart(chart_id="c3", title="None", description="Empty.", rows=[], unit="x"))

    assert svg.endswith("</svg>")


def _x_labels(svg: str) -> list[tuple[float, str, str]]:
    return [
        (float(x), anchor, text)
        for x, anchor, text in re.findall(
            r'<text class="axis-label x-label" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">'
            r"([^<]*)</text>",
            svg,
        )
    ]


def _day_labels(count: int) -> list[str]:
    from datetime import date, timedelta

    start = date(2026, 1, 1)
    return [f"{d:%b} {d.day}" for d in (start + timedelta(days=n) for n in range(count))]


@pytest.mark.parametrize(
    "labels",
    [
        [f"{h:02d}:00" for h in range(24)],
        _day_labels(7),
        _day_labels(30),
        _day_labels(31),
        _day_labels(90),
        _day_labels(180),
        _day_labels(366),
        [f"{m} 2026" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun")] * 2,
        ["September 30, 2026 and a long label", "x", "y"],
    ],
    ids=["24 hours", "7 days", "30 days", "31 days", "90 days", "180 days", "366 days", "12 months",
         "a long label"],
)  # fmt: skip
def test_x_axis_labels_are_spaced_at_least_their_width_apart_and_stay_in_the_chart(
    labels: list[str],
) -> None:
    from azultel.analytics.charts import CHAR_WIDTH, WIDTH, label_extent

    svg = str(
        line_chart(
            chart_id="t",
            title="T",
            description="D",
            labels=labels,
            series=[ChartSeries("Views", list(range(len(labels))), "series-views")],
            unit="views",
        )
    )

    shown = _x_labels(svg)
    edges = [label_extent(text, x, anchor) for x, anchor, text in shown]
    assert len(shown) >= 2
    assert shown[0][2] == labels[0] and shown[-1][2] == labels[-1]
    for (_left, right), (next_left, _right) in itertools.pairwise(edges):
        assert next_left - right >= 10
    assert edges[0][0] >= 0 and edges[-1][1] <= WIDTH
    # the estimate is generous: wider than the 12 px system fonts' characters
    assert CHAR_WIDTH >= 12 * 0.6


def test_many_days_still_label_about_every_week_not_every_day() -> None:
    svg = str(
        line_chart(
            chart_id="t",
            title="T",
            description="D",
            labels=_day_labels(90),
            series=[ChartSeries("Views", [1] * 90, "series-views")],
            unit="views",
        )
    )

    assert 5 <= len(_x_labels(svg)) <= 12
