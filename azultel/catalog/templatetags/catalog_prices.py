"""Showing prices (US dollars with cents and thousands separators) and plan facts."""

from __future__ import annotations

from decimal import Decimal

from django import template

from azultel.catalog.plan_facts import CompareRow, Fact, key_facts
from azultel.catalog.plan_facts import compare_rows as _compare_rows
from azultel.catalog.plan_facts import kind_label as _kind_label
from azultel.catalog.selectors import Offer

register = template.Library()


@register.filter
def usd(value: Decimal | int | None) -> str:
    """Decimal("1234.5") -> "$1,234.50"; None -> ""."""
    if value is None:
        return ""
    return f"${Decimal(value).quantize(Decimal('0.01')):,}"


@register.simple_tag
def plan_facts(offer: Offer) -> list[Fact]:
    """``{% plan_facts offer as facts %}``: the plan card's key facts (at most five)."""
    return key_facts(offer.product)


@register.simple_tag
def kind_label(kind: str) -> Fact:
    """``{% kind_label product.kind as kind %}``: ``kind.icon`` and ``kind.text``."""
    return _kind_label(kind)


@register.simple_tag
def compare_rows(offers: list[Offer]) -> list[CompareRow]:
    """``{% compare_rows offers as rows %}``: the compare table's rows (facts) and cells."""
    return _compare_rows(offers)
