"""Which views are staff pages: decided by what a request resolves to, never by its path.

A staff page is a view marked with ``staff_page`` (in its app's URLconf, beside its route) or any
view of the admin site. ``accounts.middleware.StaffTwoFactorMiddleware`` asks ``is_staff_page``
after URL resolution, so neither a script prefix nor any other part of the request line can
move a staff page out of its protection. A test walks the URLconf and fails on any route under
``staff/`` (or the admin) that is not a staff page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import admin
from django.http import HttpRequest, HttpResponseBase

STAFF_PAGE_ATTRIBUTE = "azultel_staff_page"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def staff_page(view: View) -> View:
    """Mark ``view`` as a staff page (two-step sign-in required, P23 and B6)."""
    setattr(view, STAFF_PAGE_ATTRIBUTE, True)
    return view


def is_staff_page(request: HttpRequest, view: Callable[..., HttpResponseBase]) -> bool:
    """Whether the view ``request`` resolved to is a staff page."""
    if getattr(view, STAFF_PAGE_ATTRIBUTE, False):
        return True

    match = request.resolver_match
    return match is not None and admin.site.name in match.namespaces
