"""The staff order queue, an order's page (credit check masked, P23), and advancing or
cancelling it with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.core.paging import list_page
from azultel.orders import selectors, services
from azultel.orders.forms import QueueFilterForm, StaffActionForm
from azultel.orders.models import Order, OrderStatus


@require_GET
@login_required
@permission_required("orders.view_order_queue", raise_exception=True)
def staff_queue(request: SignedInRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(
            request, "orders/staff/queue.html", {"form": form, "listing": None}, status=400
        )
    filters = form.cleaned_data if form.is_bound else {}
    rows = selectors.order_queue(
        status=filters.get("status") or None,
        text=filters.get("q", ""),
        placed_from=filters.get("placed_from"),
        placed_to=filters.get("placed_to"),
    )
    return render(
        request, "orders/staff/queue.html", {"form": form, "listing": list_page(request, rows)}
    )


@require_GET
@login_required
@permission_required("orders.view_order", raise_exception=True)
def staff_order(request: SignedInRequest, order_id: str) -> HttpResponse:
    order = selectors.order_get_for_staff(order_id=order_id)
    if order is None:
        raise Http404("No such order.")
    return _staff_order_page(request, order, StaffActionForm())


def _staff_order_page(
    request: SignedInRequest, order: Order, form: StaffActionForm, *, status: int = 200
) -> HttpResponse:
    credit_check = getattr(order, "credit_check", None)
    return render(
        request,
        "orders/staff/order.html",
        {
            "order": order,
            "credit_check": credit_check,
            "form": form,
            "can_change": request.user.has_perm("orders.change_order"),
            "next_step": services.NEXT_STEP.get(OrderStatus(order.status)),
        },
        status=status,
    )


@require_POST
@login_required
@permission_required("orders.change_order", raise_exception=True)
def staff_order_action(request: SignedInRequest, order_id: str) -> HttpResponse:
    order = selectors.order_get_for_staff(order_id=order_id)
    if order is None:
        raise Http404("No such order.")
    form = StaffActionForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data["action"] == "cancel":
                services.order_cancel(
                    order=order, actor=request.user, reason=reason, by_customer=False
                )
            else:
                services.order_advance(order=order, actor=request.user, reason=reason)
        except services.TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Order {order.number} is now {order.get_status_display().lower()}."
            )
            return redirect("orders:staff_order", order_id=order.pk)
    return _staff_order_page(request, order, form, status=400)
