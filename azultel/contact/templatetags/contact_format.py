from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def duration_words(seconds: int | None) -> str:
    """3 minutes, 5 hours, 2 days: a response time for reading ("No replies yet" without one)."""
    if seconds is None:
        return "No replies yet"
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(seconds / 3600)
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = round(seconds / 86400)
    return f"{days} days"
