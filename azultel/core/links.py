"""Absolute links to this site, for anything read away from the current request.

Emails, feeds, robots.txt and sitemap.xml name pages by address. Those addresses are built on the
configured ``SITE_URL``, never on what a request says about itself (its Host, X-Forwarded-*
headers or script prefix), so a crafted request cannot put another address into a message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.conf import settings
from django.urls import get_script_prefix, reverse, set_script_prefix


def site_path(
    viewname: str,
    *,
    args: Sequence[object] | None = None,
    kwargs: Mapping[str, object] | None = None,
) -> str:
    """The path of a named URL from the site's root ("/account/..."), whatever script prefix
    the request being served carries."""
    current = get_script_prefix()
    set_script_prefix("/")
    try:
        return reverse(viewname, args=args, kwargs=dict(kwargs) if kwargs is not None else None)
    finally:
        set_script_prefix(current)


def site_url(path: str) -> str:
    """``SITE_URL`` followed by ``path``, a path from the site's root."""
    if not path.startswith("/"):
        raise ValueError(f"A path from the site's root starts with '/': {path!r}")
    return str(settings.SITE_URL).rstrip("/") + path


def site_reverse(
    viewname: str,
    *,
    args: Sequence[object] | None = None,
    kwargs: Mapping[str, object] | None = None,
) -> str:
    """The public address of a named URL on ``SITE_URL``."""
    return site_url(site_path(viewname, args=args, kwargs=kwargs))
