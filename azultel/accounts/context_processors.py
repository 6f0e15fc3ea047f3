"""What the shared layout needs to know about the signed-in person, without a query per page.

Whether the header links to the staff pages is decided at sign-in and kept in the session
(``STAFF_NAV_SESSION_KEY``): a customer's page then needs no permission lookup. The link is
navigation only; every staff page checks its own permissions on each request, so a role given
or taken away while someone is signed in changes what they may do at once and the link at their
next sign-in.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from azultel.core.actors import Person

STAFF_NAV_SESSION_KEY = "_azultel_staff_nav"


def staff_nav_allowed(user: Person) -> bool:
    """Staff by flag, or holding the customer-record permission (care and billing roles)."""
    return bool(user.is_staff or user.has_perm("accounts.view_customer_record"))


def staff_nav_remember(request: HttpRequest, user: Person) -> None:
    request.session[STAFF_NAV_SESSION_KEY] = staff_nav_allowed(user)


def _show_staff_link(request: HttpRequest) -> bool:
    session = request.session
    if STAFF_NAV_SESSION_KEY not in session:  # a session from before this was kept
        staff_nav_remember(request, request.user)
    return bool(session[STAFF_NAV_SESSION_KEY])


def account_nav(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {"show_staff_link": False}
    return {"show_staff_link": SimpleLazyObject(lambda: _show_staff_link(request))}
