"""The caller-verification gate (47 CFR 64.2010(b)): a care agent on a phone call reaches call
detail and account changes for a customer only within a verified window with that caller.

Who is gated: anyone holding ``care.verify_caller`` (the customer care role), the people who
take customers' calls. Two ways to put a view behind the gate, both decided by what the request
resolved to, never by its path:

* ``require_verified_caller(customer_of)`` on a view the app owns (the care desk's call detail,
  and any later "change for a caller" view)::

      @require_verified_caller(customer_from_public_id)
      def staff_plan_change(request, public_id): ...

* ``caller_gated_view_register("orders:staff_order_action", customer_of, when=...)`` for a view
  of an app below care (which cannot import care): ``care.middleware.CallerVerificationMiddleware``
  checks the resolved view name before the view runs; ``when(request)`` narrows the gate to the
  requests that change the account (an order's cancellation, not its provisioning steps).

``customer_of(request, kwargs)`` returns the customer the view is about, or None (404). A gated
person without a window gets the "verify the caller first" page (403) with a link to the desk,
and the refusal is audited.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import TypeVar, cast

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from azultel.accounts import selectors as account_selectors
from azultel.accounts.models import User
from azultel.care.audit import CareAudit
from azultel.care.selectors import caller_verification_active
from azultel.core.audit import audit_record

GATE_PERMISSION = "care.verify_caller"

CustomerOf = Callable[[HttpRequest, Mapping[str, object]], User | None]
View = TypeVar("View", bound=Callable[..., HttpResponseBase])

Applies = Callable[[HttpRequest], bool]

_gated_views: dict[str, tuple[CustomerOf, Applies | None]] = {}


def customer_from_public_id(request: HttpRequest, kwargs: Mapping[str, object]) -> User | None:
    """The customer named by the ``public_id`` URL argument (the care desk's addresses)."""
    public_id = kwargs.get("public_id")
    if public_id is None:
        return None
    return account_selectors.customer_get_for_staff(public_id=str(public_id))


def caller_gated_view_register(
    view_name: str, customer_of: CustomerOf, *, when: Applies | None = None
) -> None:
    """Gate a view of another app by its resolved name ("namespace:name"), for every request or
    only those ``when`` accepts."""
    _gated_views[view_name] = (customer_of, when)


def caller_gated_view(request: HttpRequest, view_name: str) -> CustomerOf | None:
    """How to find the customer when this request to ``view_name`` is gated, else None."""
    found = _gated_views.get(view_name)
    if found is None:
        return None
    customer_of, when = found
    return customer_of if when is None or when(request) else None


def caller_gate_applies(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.has_perm(GATE_PERMISSION))


def caller_gate_refusal(request: HttpRequest, customer: User | None) -> HttpResponse | None:
    """None when the request may go on; otherwise the page to answer with."""
    if not caller_gate_applies(request):
        return None
    if customer is None:
        raise Http404("No such customer.")
    if caller_verification_active(staff=request.user, customer=customer) is not None:
        return None
    match = request.resolver_match
    audit_record(
        actor=request.user,
        action=CareAudit.CALLER_GATE_REFUSED,
        subject=customer,
        detail={"view": match.view_name if match else ""},
    )
    return render(request, "care/staff/verify_first.html", {"customer": customer}, status=403)


def require_verified_caller(customer_of: CustomerOf) -> Callable[[View], View]:
    """Run the view only for a caller the signed-in care agent has verified (see module doc)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def gated(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            refusal = caller_gate_refusal(request, customer_of(request, kwargs))
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        return cast(View, gated)

    return decorator
