"""Which views are staff pages: decided by what a request resolves to, never by its path.

A staff page is a view marked with ``staff_page`` (in its app's URLconf, beside its route) or any
view of the admin site. ``accounts.middleware.StaffTwoFactorMiddleware`` asks ``is_staff_page``
after URL resolution, so neither a script prefix nor any other part of the request line can
move a staff page out of its protection. A test walks the URLconf and fails on any route under
``staff/`` (or the admin) that is not a staff page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar, cast

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

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


def staff_gate(
    allowed: Callable[[HttpRequest], bool],
    *,
    on_refused: Callable[[HttpRequest], None] | None = None,
) -> Callable[[View], View]:
    """Only signed-in people ``allowed`` reach the view.

    A visitor who is not signed in gets "not found" rather than the usual sign-in redirect:
    nothing confirms where staff work or that an object's address exists (staff sign in from the
    staff home). A signed-in person who is not allowed gets 403 (staff see the "not part of your
    role" page), after ``on_refused`` (e.g. logging the attempt). Two-step sign-in is required
    before any of this by ``accounts.middleware.StaffTwoFactorMiddleware`` on staff pages.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def gated(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            if not request.user.is_authenticated:
                raise Http404("Page not found.")
            if not allowed(request):
                if on_refused is not None:
                    on_refused(request)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, gated)

    return decorator


def staff_permission(
    permission: str, *, on_refused: Callable[[HttpRequest], None] | None = None
) -> Callable[[View], View]:
    """``staff_gate`` for people holding ``permission`` ("app_label.codename")."""
    return staff_gate(lambda request: request.user.has_perm(permission), on_refused=on_refused)
