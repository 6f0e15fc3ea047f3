"""Whole-page caching of the shop for visitors who are not signed in.

A shop page for a visitor without a session is the same for everyone who asks for the same path
with the same state, so its HTML is cached under (catalog version, path, resolved state). Nothing
about the visitor goes into the key or the page: only the state code, which already is in the
address or the state cookie.

The catalog version is a random token in the cache, replaced at any change to a catalog row and
again after its commit (``catalog_changed``, connected to every catalog model's post_save and
post_delete in ``CatalogConfig.ready``), so staff edits show at once. A write that bypasses model
signals (``QuerySet.update``, raw SQL; the catalog's services never do that) shows within
``settings.CATALOG_CACHE_SECONDS``. ``CATALOG_CACHE_SECONDS=0`` turns the page cache off.

Signed-in visitors get pages rendered for them (the header holds their own sign-out form), but
the part of a listing that is the same for everyone, its product cards, comes from
``fragment_cached`` under the same catalog version, so their pages skip the catalog queries.
Fragments have their own switch, ``CATALOG_FRAGMENT_CACHE_SECONDS``: with the page cache off
they still spare every visitor the catalog queries and the cards' rendering (issue 23).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe

from azultel.catalog.pricing import state_resolve

VERSION_KEY = "catalog:version"
# django.contrib.messages keeps pending messages for visitors without a session in this cookie.
MESSAGES_COOKIE = "messages"


def catalog_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), None)
        version = cache.get(VERSION_KEY) or "unknown"
    return str(version)


def _bump() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), None)


def catalog_changed(**kwargs: object) -> None:
    """Signal receiver: every cached shop page is stale from now, and again after the commit.

    The second bump drops any page rendered between the change and its commit, when other
    requests could still read the old rows and cache them under the first new version.
    """
    _bump()
    transaction.on_commit(_bump)


def page_cache_key(request: HttpRequest) -> str | None:
    """The cache key of this request's page, or None when it must be rendered for the visitor
    (cache off, a signed-in or session-holding visitor, pending messages, not a GET)."""

    if settings.CATALOG_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return None
    resolution = state_resolve(request)
    # The page within the site (path_info) and the prefix its links were reversed with: a page
    # rendered under another script prefix can never be served for this one.
    parts = (
        get_script_prefix(),
        request.path_info,
        resolution.state or "",
        resolution.source or "",
        str(int(resolution.rejected_query)),
        str(int(resolution.rejected_cookie)),
    )
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"catalog:page:{catalog_version()}:{digest}"


def fragment_cached(*, name: str, parts: tuple[str, ...], render: Callable[[], str]) -> SafeString:
    """HTML that is the same for every visitor (``parts`` name everything it depends on), from
    the cache under the current catalog version, or rendered by ``render`` and stored."""

    if settings.CATALOG_FRAGMENT_CACHE_SECONDS <= 0:
        return mark_safe(render())  # noqa: S308 - ``render`` returns template output
    # Links in the fragment are reversed with the current script prefix: it is part of the key.
    digest = hashlib.sha256("\x1f".join((get_script_prefix(), *parts)).encode()).hexdigest()[:40]
    key = f"catalog:fragment:{name}:{catalog_version()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, settings.CATALOG_FRAGMENT_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by a template, stored as it was


def cached_for_visitors(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Serve a shop page from the cache when ``page_cache_key`` allows; store 200 responses that
    set no cookie."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        key = page_cache_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        body = cache.get(key)
        if body is not None:
            return HttpResponse(body)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, response.content, settings.CATALOG_CACHE_SECONDS)
        return response

    return wrapper
