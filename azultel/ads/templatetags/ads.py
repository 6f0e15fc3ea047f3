"""``{% ad_slot "placement" %}``: marks where an ad goes; ``AdMiddleware`` fills it per request.

The mark, not the ad, is what a template renders, so the shop's whole-page cache (the same HTML
for every visitor of a state) can hold pages with ad slots: each visitor's ad (their caps and
interests differ) is chosen when the response leaves, from the cached page's marks.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from azultel.ads.slots import slot_mark

register = template.Library()


@register.simple_tag
def ad_slot(placement: str) -> SafeString:
    return mark_safe(slot_mark(placement))  # noqa: S308 - a fixed comment around a slug
