from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix

from azultel.site.pages import PRIMARY_NAV, SECTIONS


@lru_cache(maxsize=8)
def _nav_urls(script_prefix: str) -> tuple[tuple[Any, str], ...]:
    """The main navigation's addresses, reversed once per process and script prefix.

    Keyed by the prefix because ``reverse`` writes it into every address: a site mounted under a
    path (or a request that set one) must not hand its addresses to the next request.
    """
    return tuple((item, item.url) for item in PRIMARY_NAV)


def site_layout(request: HttpRequest) -> dict[str, object]:
    """What the shared layout needs on every page: navigation and company facts."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    return {
        "nav_sections": SECTIONS,
        "primary_nav": [
            {
                "key": item.key,
                "title": item.title,
                "icon": item.icon,
                "url": url,
                "current": bool(view_name) and item.is_current(view_name),
            }
            for item, url in _nav_urls(get_script_prefix())
        ],
        "company_name": settings.COMPANY_NAME,
        "company_postal_address": settings.COMPANY_POSTAL_ADDRESS,
        "company_phone": settings.COMPANY_PHONE,
    }
