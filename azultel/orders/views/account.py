"""The customer's order history, an order's detail and cancellation, and their services (P11);
another customer's order is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.orders import selectors, services
from azultel.orders.forms import CancelForm
from azultel.orders.money import order_money_placed, service_price_now


@require_GET
@login_required
def order_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "orders/account/order_list.html",
        {
            "account_section": "orders",
            "orders": selectors.orders_for_customer(customer=request.user),
        },
    )


@require_GET
@login_required
def order_detail(request: SignedInRequest, order_id: str) -> HttpResponse:
    order = selectors.order_get_for_customer(customer=request.user, order_id=order_id)
    if order is None:
        raise Http404("No such order.")
    return render(
        request,
        "orders/account/order_detail.html",
        {
            "account_section": "orders",
            "order": order,
            "money": order_money_placed(order=order),
            "cancel_form": CancelForm(),
        },
    )


@require_POST
@login_required
def order_cancel(request: SignedInRequest, order_id: str) -> HttpResponse:
    order = selectors.order_get_for_customer(customer=request.user, order_id=order_id)
    if order is None:
        raise Http404("No such order.")
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.order_cancel(
                order=order,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                by_customer=True,
            )
        except services.TransitionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Order {order.number} is cancelled.")
            return redirect("orders:order_detail", order_id=order.pk)
    return render(
        request,
        "orders/account/order_detail.html",
        {
            "account_section": "orders",
            "order": order,
            "money": order_money_placed(order=order),
            "cancel_form": form,
        },
        status=400,
    )


@require_GET
@login_required
def service_list(request: SignedInRequest) -> HttpResponse:
    """The customer's services at the price the bill charges now (an introductory price with
    the day it ends), not the list price."""
    today = timezone.localdate()
    services_ = list(selectors.services_for_customer(customer=request.user))
    return render(
        request,
        "orders/account/service_list.html",
        {
            "account_section": "services",
            "services": services_,
            "rows": [(s, service_price_now(service=s, today=today)) for s in services_],
            "has_phone_lines": any(getattr(s, "phone_line", None) for s in services_),
            "e911_notice_due": services.e911_notice_due(customer=request.user),
        },
    )
