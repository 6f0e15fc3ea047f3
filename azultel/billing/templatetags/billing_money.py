"""Amounts on bills: "$1,234.50", and "-$5.00" for credits and payments."""

from __future__ import annotations

from decimal import Decimal

from django import template

from azultel.billing.charges import usd

register = template.Library()


@register.filter(name="money")
def money(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return usd(Decimal(value))


@register.filter(name="duration")
def duration(seconds: int | None) -> str:
    """125 -> "2 min 5 s"."""
    if seconds is None:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
