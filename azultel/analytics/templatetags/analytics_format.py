"""Words and numbers for the statistics dashboard."""

from __future__ import annotations

from django import template

from azultel.analytics.selectors import Change

register = template.Library()


@register.filter
def change_text(change: Change) -> str:
    """'up 12%', 'down 3%', 'no change', or 'none before' when the previous period had none."""
    percent = change.percent
    if percent is None:
        return "none in the previous period" if change.current else "no change"
    if percent > 0:
        return f"up {percent}%"
    if percent < 0:
        return f"down {-percent}%"
    return "no change"


@register.filter
def ms(value: int | None) -> str:
    return "no data" if value is None else f"{value:,} ms"


@register.filter
def metric(row: object, name: str) -> int:
    return int(row.metric(name))  # type: ignore[attr-defined]


@register.filter
def row_change(row: object, name: str) -> Change:
    return row.change(name)  # type: ignore[attr-defined,no-any-return]


@register.filter
def item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key, "")
