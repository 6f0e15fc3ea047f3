from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from azultel.core.formatting import phone_for_people
from azultel.site.pages import PRIMARY_NAV, SECTIONS


@lru_cache(maxsize=8)
def _nav_urls(script_prefix: str) -> tuple[tuple[Any, str], ...]:
    """The main navigation's addresses, reversed once per process and script prefix.

    Keyed by the prefix because ``reverse`` writes it into every address: a site mounted under a
    path (or a request that set one) must not hand its addresses to the next request.
    """
    return tuple((item, item.url) for item in PRIMARY_NAV)


# The pages the shared layout (templates/base.html) links to on every page.
LAYOUT_URL_NAMES = (
    "account_login", "account_logout", "account_signup", "accounts:overview",
    "accounts:staff_home", "analytics:timing", "catalog:state", "orders:cart", "site:careers",
    "site:company", "site:contact", "site:cpni", "site:faq", "site:home", "site:privacy_policy",
    "site:sitemap", "site:terms",
)  # fmt: skip


@lru_cache(maxsize=8)
def _layout_urls(script_prefix: str) -> dict[str, str]:
    """The layout's links, reversed once per process and script prefix (about twenty ``{% url
    %}`` tags on every page otherwise): ``layout_url.site_terms`` for ``site:terms``."""
    return {name.replace(":", "_"): reverse(name) for name in LAYOUT_URL_NAMES}


@lru_cache(maxsize=4)
def _company_phone_display(number: str) -> str:
    """The company's own number as people read it, formatted once per process (parsing a
    number costs about 0.3 ms, and the footer shows it on every page). Only the company's
    number, a setting: never a customer's."""
    return phone_for_people(number)


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
        "company_phone_display": _company_phone_display(settings.COMPANY_PHONE),
        "layout_url": _layout_urls(get_script_prefix()),
    }
