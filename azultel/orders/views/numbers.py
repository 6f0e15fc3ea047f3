"""Numbers and 911 pages: the checkout step (each phone line's 911 address and port-in, and the
911 notice), and the customer's own pages to change a line's 911 address, set the port-out PIN
and freeze, stop a waiting port-out, and acknowledge the yearly 911 notice."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.orders import selectors, services
from azultel.orders.models import Checkout, LineSetup
from azultel.orders.number_forms import (
    E911AddressForm,
    LineSetupForm,
    NoticeAccountForm,
    NoticeForm,
    PortOutFreezeForm,
    PortOutPinForm,
)
from azultel.orders.view_guards import session_cookie_required
from azultel.orders.views.checkout_steps import CheckoutState, checkout_step


def _initial(checkout: Checkout, setup: LineSetup | None) -> dict[str, object]:
    if setup is not None:
        return {
            "street": setup.e911_street,
            "unit": setup.e911_unit,
            "city": setup.e911_city,
            "state": setup.e911_state,
            "zip_code": setup.e911_zip,
            "keep_number": "yes" if setup.keep_number else "no",
            "port_number": setup.port_number,
            "port_carrier": setup.port_carrier,
            "port_account": setup.port_account,
            "authorised_name": setup.authorised_name,
        }
    return {
        "street": checkout.service_street,
        "unit": checkout.service_unit,
        "city": checkout.service_city,
        "state": checkout.service_state,
        "zip_code": checkout.service_zip,
    }


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters()
@session_cookie_required
@checkout_step("numbers")
def checkout_numbers(request: SignedInRequest, state: CheckoutState) -> HttpResponse:
    """Each phone line: keep a number (port-in with a signed authorisation) and its 911
    address; and the 911 and power-cut notice, acknowledged."""
    phone_lines = state.summary.phone_lines
    setups = {
        s.cart_line_id: s
        for s in LineSetup.objects.filter(cart_line_id__in=[p.line.pk for p in phone_lines])
    }
    data = request.POST if request.method == "POST" else None
    forms_ = [
        (
            priced,
            LineSetupForm(
                data,
                prefix=f"line-{priced.line.pk}",
                initial=_initial(state.checkout, setups.get(priced.line.pk)),
            ),
        )
        for priced in phone_lines
    ]
    notice = NoticeForm(data, initial={"cart_id": state.cart.pk})
    if data is not None:
        # Every form is checked, so every error shows at once.
        results = [form.is_valid() for _, form in forms_] + [notice.is_valid()]
        if all(results):
            try:
                services.checkout_line_setups_set(
                    checkout=state.checkout,
                    answers={str(p.line.pk): form.answer() for p, form in forms_},
                    notice_acknowledged=notice.cleaned_data["acknowledge"],
                    actor=request.user,
                )
            except services.CheckoutRefused as exc:
                for problem in exc.problems:
                    notice.add_error(None, problem)
            else:
                return redirect("orders:checkout_billing")
    failed = any(form.errors for _, form in forms_) or bool(notice.errors)
    return render(
        request,
        "orders/checkout/numbers.html",
        {
            **state.context("numbers"),
            "line_forms": forms_,
            "notice_form": notice,
            "has_errors": failed,
        },
        status=400 if failed else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def e911_address_change(request: SignedInRequest, line_id: int) -> HttpResponse:
    line = selectors.phone_line_get_for_customer(customer=request.user, line_id=line_id)
    if line is None:
        raise Http404("No such phone line.")
    form = E911AddressForm(
        request.POST or None,
        initial={
            "street": line.e911_street,
            "unit": line.e911_unit,
            "city": line.e911_city,
            "state": line.e911_state,
            "zip_code": line.e911_zip,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.phone_line_e911_update(
                customer=request.user, phone_line=line, address=form.address(), actor=request.user
            )
        except services.OrderError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The 911 address of this line is saved.")
            return redirect("orders:service_list")
    return render(
        request,
        "orders/account/e911_address.html",
        {"account_section": "services", "line": line, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("pin", "pin_again")
@login_required
def port_out_settings(request: SignedInRequest) -> HttpResponse:
    """The port-out PIN (set or change; never shown) and the freeze switch."""
    protection = services.port_out_protection_get(customer=request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    pin_form = PortOutPinForm(request.POST if action == "pin" else None)
    freeze_form = PortOutFreezeForm(
        request.POST if action == "freeze" else None,
        initial={"frozen": "on" if protection.frozen else "off"},
    )
    if action == "pin" and pin_form.is_valid():
        try:
            services.port_out_pin_set(
                customer=request.user, pin=pin_form.cleaned_data["pin"], actor=request.user
            )
        except services.PortOutRefused as exc:
            pin_form.add_error("pin", str(exc))
        else:
            messages.success(request, "Your port-out PIN is saved.")
            return redirect("orders:port_out_settings")
    if action == "freeze" and freeze_form.is_valid():
        frozen = freeze_form.cleaned_data["frozen"] == "on"
        services.port_out_freeze_set(customer=request.user, frozen=frozen, actor=request.user)
        messages.success(request, "Port-out freeze is on." if frozen else "Port-out freeze is off.")
        return redirect("orders:port_out_settings")
    return render(
        request,
        "orders/account/port_out.html",
        {
            "account_section": "services",
            "protection": protection,
            "pin_form": pin_form,
            "freeze_form": freeze_form,
            "held": selectors.port_out_requests_held_for_customer(customer=request.user),
            "hold_hours": settings.PORT_OUT_HOLD_HOURS,
        },
        status=400 if pin_form.errors or freeze_form.errors else 200,
    )


@require_POST
@login_required
def port_out_stop(request: SignedInRequest, request_id: str) -> HttpResponse:
    try:
        services.port_out_cancel(customer=request.user, request_id=request_id, actor=request.user)
    except services.PortOutRefused as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, "We stopped that request. Your number stays with Azultel.")
    return redirect("orders:port_out_settings")


@require_POST
@login_required
def e911_notice_acknowledge(request: SignedInRequest) -> HttpResponse:
    form = NoticeAccountForm(request.POST)
    if form.is_valid():
        services.e911_notice_acknowledge(customer=request.user, actor=request.user)
        messages.success(request, "Thank you. We will ask you again in a year.")
    else:
        messages.error(request, "Tick the box to confirm you have read the 911 notice.")
    return redirect("orders:service_list")
