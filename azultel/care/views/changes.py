"""Plan changes made on the customer desk for a verified caller: the caller's services, the plan
they choose, the review showing the same proration quote the customer sees
(``lifecycle.plan_change_quote``), and the change itself (``lifecycle.service_plan_change``, with
the care agent as ``actor``, so the customer's notice says customer care made it: P13/P30).

Every view is behind ``require_verified_caller``: an agent who has not verified this caller gets
the "Verify the caller first" page and nothing is read or changed. A service is looked up among
the customer's own services (another customer's service id is a 404).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts import selectors as account_selectors
from azultel.accounts.http import SignedInRequest
from azultel.accounts.models import User
from azultel.care.verification import (
    GATE_PERMISSION,
    customer_from_public_id,
    require_verified_caller,
)
from azultel.catalog.selectors import Offer
from azultel.core.staff_pages import staff_permission
from azultel.lifecycle import selectors as lifecycle_selectors
from azultel.lifecycle import services as lifecycle
from azultel.lifecycle.forms import PlanChooseForm, PlanConfirmForm
from azultel.orders.models import Service, ServiceStatus
from azultel.orders.selectors import services_for_customer


def customer_or_404(public_id: str) -> User:
    customer = account_selectors.customer_get_for_staff(public_id=public_id)
    if customer is None:
        raise Http404("No such customer.")
    return customer


def service_or_404(customer: User, service_id: UUID) -> Service:
    service = lifecycle_selectors.service_get_for_customer(customer=customer, service_id=service_id)
    if service is None:
        raise Http404("No such service.")
    return service


def _choices(options: list[Offer]) -> list[tuple[int, str]]:
    return [(o.product.pk, f"{o.product.name}: ${o.price.monthly} a month") for o in options]


def _choose_page(
    request: SignedInRequest,
    customer: User,
    service: Service,
    *,
    form: PlanChooseForm | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    options = lifecycle.plan_options(service=service)
    return render(
        request,
        "care/staff/plan_choose.html",
        {
            "customer": customer,
            "service": service,
            "form": form or PlanChooseForm(choices=_choices(options)),
            "has_options": bool(options),
            "refused": refused,
            "scheduled": lifecycle_selectors.scheduled_changes_for_customer(customer=customer).get(
                service.pk, []
            ),
        },
        status=status,
    )


@require_GET
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def caller_services(request: SignedInRequest, public_id: str) -> HttpResponse:
    """The verified caller's services, each with what is scheduled for it."""
    customer = customer_or_404(public_id)
    held = list(services_for_customer(customer=customer))
    scheduled = lifecycle_selectors.scheduled_changes_for_customer(customer=customer)
    return render(
        request,
        "care/staff/caller_services.html",
        {
            "customer": customer,
            "rows": [(s, scheduled.get(s.pk, [])) for s in held],
            "changeable": {s.pk for s in held if s.status != ServiceStatus.ENDED},
        },
    )


@require_GET
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def plan_choose(request: SignedInRequest, public_id: str, service_id: UUID) -> HttpResponse:
    customer = customer_or_404(public_id)
    return _choose_page(request, customer, service_or_404(customer, service_id))


@require_GET
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def plan_review(request: SignedInRequest, public_id: str, service_id: UUID) -> HttpResponse:
    """The price effect of the chosen plan, to read to the caller before anything changes."""
    customer = customer_or_404(public_id)
    service = service_or_404(customer, service_id)
    choose = PlanChooseForm(request.GET, choices=_choices(lifecycle.plan_options(service=service)))
    if not choose.is_valid():
        return _choose_page(request, customer, service, form=choose, status=400)
    try:
        quote = lifecycle.plan_change_quote(
            service=service, product_id=choose.cleaned_data["product"]
        )
    except lifecycle.ChangeRefused as refusal:
        choose.add_error("product" if refusal.field else None, refusal.message)
        return _choose_page(request, customer, service, form=choose, status=400)
    confirm = PlanConfirmForm(
        initial={"product": quote.offer.product.pk, "idempotency_key": lifecycle.change_key_new()}
    )
    return render(
        request,
        "care/staff/plan_review.html",
        {"customer": customer, "service": service, "quote": quote, "form": confirm},
    )


@require_POST
@staff_permission(GATE_PERMISSION)
@require_verified_caller(customer_from_public_id)
def plan_confirm(request: SignedInRequest, public_id: str, service_id: UUID) -> HttpResponse:
    customer = customer_or_404(public_id)
    service = service_or_404(customer, service_id)
    form = PlanConfirmForm(request.POST)
    if not form.is_valid():
        return _choose_page(
            request,
            customer,
            service,
            refused="This form has expired. Choose the plan again.",
            status=400,
        )
    try:
        result = lifecycle.service_plan_change(
            actor=request.user,
            service=service,
            product_id=form.cleaned_data["product"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except lifecycle.ChangeRefused as refusal:
        return _choose_page(request, customer, service, refused=refusal.message, status=400)
    change = result.change
    messages.success(
        request,
        f"The plan changes to {change.to_product_name} on {change.effective_on:%B} "
        f"{change.effective_on.day}, {change.effective_on.year}. The customer has been emailed.",
    )
    return redirect("care:desk_services", public_id=customer.public_id)
