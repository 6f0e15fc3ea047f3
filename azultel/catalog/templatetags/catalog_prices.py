"""Showing prices: US dollars with cents and thousands separators."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def usd(value: Decimal | int | None) -> str:
    """Decimal("1234.5") -> "$1,234.50"; None -> ""."""
    if value is None:
        return ""
    return f"${Decimal(value).quantize(Decimal('0.01')):,}"
