"""Accessible SVG charts drawn on the server: no JavaScript, no third-party host, no inline style.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``
(``aria-labelledby``); the page puts a table with the same numbers under every chart. Colours and
strokes come from classes in ``static/analytics/analytics.css`` (the CSP allows no style="").
Every mark carries ``data-label`` and ``data-value`` so tests can compare a chart with its table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
LINE_HEIGHT = 260
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 16, 16, 40
BAR_ROW = 26
BAR_LABEL_WIDTH = 250
BAR_VALUE_WIDTH = 70
LABEL_MAX = 38
# The x axis's labels are 12 px text (analytics.css). A character is taken as 7.5 px wide (more
# than the average of the system fonts' digits and letters at that size) and labels keep
# LABEL_GAP between them, so they never touch whatever the number of points.
CHAR_WIDTH = 7.5
LABEL_GAP = 10


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: Sequence[int]
    css_class: str


def nice_ticks(maximum: int, count: int = 4) -> list[int]:
    """Round axis ticks from 0 to at least ``maximum`` (steps of 1, 2 or 5 times a power of ten)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    steps = [m * power for m in (1, 2, 2.5, 5, 10) if float(m * power).is_integer()]
    step = max(1, int(next(s for s in steps if s >= raw)))
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def _fmt(n: int) -> str:
    return f"{n:,}"


def _n(coordinate: float) -> str:
    return f"{coordinate:.1f}"


def label_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def label_extent(text: str, x: float, anchor: str) -> tuple[float, float]:
    """Left and right edge of a label drawn at ``x`` with ``text-anchor`` ``anchor``."""
    width = label_width(text)
    if anchor == "start":
        return x, x + width
    if anchor == "end":
        return x - width, x
    return x - width / 2, x + width / 2


def x_axis_labels(labels: Sequence[str], xs: Sequence[float]) -> list[tuple[int, str]]:
    """Which labels of the x axis to draw, and how to anchor each: (index, text-anchor).

    Every ``n``-th label, ``n`` chosen so the widest label fits between two of them, plus the
    first (anchored at its start) and the last (anchored at its end, so neither leaves the
    chart); a label that would come closer than LABEL_GAP to the one before it is left out.
    """
    count = len(labels)
    if count == 0:
        return []
    if count == 1:
        return [(0, "middle")]
    step = (xs[-1] - xs[0]) / (count - 1) or 1.0
    widest = max(label_width(text) for text in labels) + LABEL_GAP
    every = max(1, math.ceil(widest / step))

    def edges(index: int, anchor: str) -> tuple[float, float]:
        return label_extent(labels[index], xs[index], anchor)

    chosen: list[tuple[int, str]] = []
    for index in range(0, count - 1, every):
        anchor = "start" if index == 0 else "middle"
        left, _right = edges(index, anchor)
        if chosen and left < edges(*chosen[-1])[1] + LABEL_GAP:
            continue
        chosen.append((index, anchor))
    last_left, _last_right = edges(count - 1, "end")
    while len(chosen) > 1 and last_left < edges(*chosen[-1])[1] + LABEL_GAP:
        chosen.pop()
    if last_left >= edges(*chosen[-1])[1] + LABEL_GAP:
        chosen.append((count - 1, "end"))
    return chosen


def _svg_open(chart_id: str, title: str, description: str, height: int, css: str) -> SafeString:
    return format_html(
        '<svg class="chart {}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        css,
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[ChartSeries],
    unit: str,
) -> SafeString:
    """A line per series over the labels (hours, days or months), with a y axis and gridlines."""
    points_count = max(1, len(labels))
    maximum = max([0, *(v for s in series for v in s.values)])
    ticks = nice_ticks(maximum)
    top = ticks[-1] or 1
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = LINE_HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(i: int) -> float:
        return PAD_LEFT + (plot_w * i / (points_count - 1) if points_count > 1 else plot_w / 2)

    def y(v: int) -> float:
        return PAD_TOP + plot_h - plot_h * v / top

    parts = [_svg_open(chart_id, title, description, LINE_HEIGHT, "chart-line")]
    parts.append(
        format_html_join(
            "",
            '<g class="tick"><line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="axis-label" x="{}" y="{}" text-anchor="end">{}</text></g>',
            (
                (
                    PAD_LEFT,
                    WIDTH - PAD_RIGHT,
                    _n(y(t)),
                    _n(y(t)),
                    PAD_LEFT - 6,
                    _n(y(t) + 4),
                    _fmt(t),
                )
                for t in ticks
            ),
        )
    )
    shown = x_axis_labels(labels, [x(i) for i in range(len(labels))])
    parts.append(
        format_html_join(
            "",
            '<text class="axis-label x-label" x="{}" y="{}" text-anchor="{}">{}</text>',
            ((_n(x(i)), LINE_HEIGHT - PAD_BOTTOM + 18, anchor, labels[i]) for i, anchor in shown),
        )
    )
    for s in series:
        coords = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        parts.append(
            format_html(
                '<g class="series {}" data-series="{}"><polyline class="line" points="{}"/>',
                s.css_class,
                s.name,
                coords,
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle class="point" cx="{}" cy="{}" r="3" data-label="{}" '
                'data-value="{}"><title>{}: {} {}</title></circle>',
                (
                    (_n(x(i)), _n(y(v)), labels[i], v, labels[i], _fmt(v), unit)
                    for i, v in enumerate(s.values)
                ),
            )
        )
        parts.append(mark_safe("</g>"))
    legend_x = PAD_LEFT
    for s in series:
        parts.append(
            format_html(
                '<g class="legend {}"><line class="line" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="axis-label" x="{}" y="{}">{}</text></g>',
                s.css_class,
                legend_x,
                legend_x + 18,
                LINE_HEIGHT - 8,
                LINE_HEIGHT - 8,
                legend_x + 24,
                LINE_HEIGHT - 4,
                s.name,
            )
        )
        legend_x += 30 + 8 * len(s.name)
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part was escaped above


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, int]],
    unit: str,
) -> SafeString:
    """Horizontal bars, one per (label, value) row, longest first as given."""
    height = max(1, len(rows)) * BAR_ROW + 8
    maximum = max([1, *(v for _l, v in rows)])
    bar_space = WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH
    parts = [_svg_open(chart_id, title, description, height, "chart-bar")]
    for i, (label, value) in enumerate(rows):
        top = 4 + i * BAR_ROW
        width = max(1.0, bar_space * value / maximum) if value else 0.0
        parts.append(
            format_html(
                '<g class="bar" data-label="{}" data-value="{}"><title>{}: {} {}</title>'
                '<text class="bar-label" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="bar-rect" x="{}" y="{}" width="{}" height="{}" rx="2"/>'
                '<text class="bar-value" x="{}" y="{}">{}</text></g>',
                label,
                value,
                label,
                _fmt(value),
                unit,
                BAR_LABEL_WIDTH - 8,
                top + 17,
                _short(label),
                BAR_LABEL_WIDTH,
                top + 3,
                _n(width),
                BAR_ROW - 8,
                _n(BAR_LABEL_WIDTH + width + 6),
                top + 17,
                _fmt(value),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part was escaped above
