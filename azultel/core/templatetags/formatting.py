"""``{% load formatting %}``: ``{{ number|phone }}`` writes a telephone number for people."""

from __future__ import annotations

from django import template

from azultel.core.formatting import phone_for_people

register = template.Library()


@register.filter
def phone(value: str | None) -> str:
    """``+13055550100`` becomes ``(305) 555-0100``; never the raw E.164 form."""
    return phone_for_people(value)
