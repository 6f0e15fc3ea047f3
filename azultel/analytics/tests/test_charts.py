"""Server-drawn SVG charts: accessible names, escaped labels, marks that match the numbers."""

from __future__ import annotations

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
