"""The review page and placing the order: identity for the credit check (services only, never
in a session or written back into the page, P24), a signed placement token, and a resubmitted
page sent to the order it placed."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.orders import selectors, services
from azultel.orders.cart_session import cart_forget
from azultel.orders.credit import SANDBOX_DEPOSIT, SANDBOX_SSNS, bureau_get
from azultel.orders.forms import PlaceOrderForm, placement_token, placement_token_read
from azultel.orders.models import OrderStatus
from azultel.orders.money import OrderMoney
from azultel.orders.view_guards import https_required, session_cookie_required
from azultel.orders.views.checkout_steps import CheckoutState, checkout_step
from azultel.payments import services as payments

IDENTITY_FIELDS = ("ssn", "date_of_birth")


def _placed_order_redirect(request: HttpRequest) -> HttpResponse | None:
    """A review page submitted again (double click, refresh, back and resubmit): the order it
    placed, instead of an empty cart."""
    token = placement_token_read(request.POST.get("placement", ""))
    if token is None or not request.user.is_authenticated:
        return None
    order = selectors.order_for_idempotency_key(key=token["k"])
    if order is None:
        return None
    if order.customer_id != request.user.pk:
        raise Http404("No such order.")
    cart_forget(request)
    return redirect("orders:order_detail", order_id=order.pk)


@require_http_methods(["GET", "POST"])
@https_required
@sensitive_post_parameters(*IDENTITY_FIELDS)
@session_cookie_required
def checkout_review(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        placed = _placed_order_redirect(request)
        if placed is not None:
            return placed
    return _checkout_review_page(request)


@checkout_step("review")
def _checkout_review_page(request: SignedInRequest, state: CheckoutState) -> HttpResponse:
    """Review, identity for the credit check (only for services) and "Place order".

    The page shows the itemised money (``OrderMoney``) and its form carries the amount due
    today; placing charges exactly that amount or nothing (then this page again, with the new
    amounts and a message asking to confirm again)."""
    quote = selectors.checkout_quote(checkout=state.checkout)
    needs_identity = state.summary.needs_credit_check
    money = _review_money(state, quote)
    status = 200
    if request.method == "POST":
        status = 400
        form = PlaceOrderForm(request.POST, needs_identity=needs_identity)
        if form.is_valid():
            response = _place(request, state, form)
            if response is not None:
                return response
            if form.review_changed:
                # Prices, items or the deposit changed: show the new amounts, confirm again.
                quote = selectors.checkout_quote(checkout=state.checkout)
                money = _review_money(state, quote)
        if form.placement_expired or form.review_changed:
            reconfirm = form.review_changed
            # Expired, altered or changed: the next attempt gets a fresh token (a new key).
            data = request.POST.copy()
            data["placement"] = _fresh_token(state, quote, money)
            errors = form.non_field_errors()
            form = PlaceOrderForm(data, needs_identity=needs_identity)
            form.is_valid()
            for error in errors:
                form.add_error(None, error)
            form.review_changed = reconfirm
        # The same bound form again: the identity fields never render their values (P24).
    else:
        form = PlaceOrderForm(
            initial={"cart_id": state.cart.pk, "placement": _fresh_token(state, quote, money)},
            needs_identity=needs_identity,
        )
    sandbox_bureau = bureau_get().is_sandbox
    return render(
        request,
        "orders/checkout/review.html",
        {
            **state.context("review"),
            "quote": quote,
            "money": money,
            "deposit_decided": state.checkout.deposit_required is not None,
            "reconfirm": form.review_changed if request.method == "POST" else "",
            "form": form,
            "needs_identity": needs_identity,
            "test_ssns": SANDBOX_SSNS if sandbox_bureau else (),
            "sandbox_deposit": SANDBOX_DEPOSIT,
        },
        status=status,
    )


def _review_money(state: CheckoutState, quote: selectors.CheckoutQuote) -> OrderMoney:
    state.summary = quote.summary
    return state.money()


def _fresh_token(state: CheckoutState, quote: selectors.CheckoutQuote, money: OrderMoney) -> str:
    return placement_token(
        checkout_id=state.checkout.pk,
        key=services.idempotency_key_new(),
        fingerprint=quote.fingerprint,
        confirmation=money.confirmation,
    )


def _place(
    request: SignedInRequest, state: CheckoutState, form: PlaceOrderForm
) -> HttpResponse | None:
    token = form.cleaned_data["placement"]
    if token["c"] != str(state.checkout.pk):
        form.placement_expired = True
        form.add_error(
            None, "This page has expired. Please check your order below and place it again."
        )
        return None
    identity = (
        services.Identity(
            ssn=form.cleaned_data["ssn"], date_of_birth=form.cleaned_data["date_of_birth"]
        )
        if "ssn" in form.fields
        else None
    )
    try:
        order = services.order_place(
            checkout=state.checkout,
            identity=identity,
            payment=state.checkout.card,
            idempotency_key=token["k"],
            actor=request.user,
            reviewed_fingerprint=token["f"],
            confirmed=token["t"],
        )
    except services.OrderNotFound as exc:
        raise Http404("No such order.") from exc
    except services.ReviewChanged as exc:
        # Not an error in what was typed: the amounts changed. Shown as a warning above them.
        form.review_changed = str(exc)
        return None
    except (services.OrderRefused, payments.PaymentError) as exc:
        form.add_error(None, str(exc))
        return None
    cart_forget(request)
    if order.status == OrderStatus.DECLINED:
        messages.error(
            request,
            f"We could not approve order {order.number} after the credit check, so nothing was "
            "charged. We have emailed you what this means and how to reach us.",
        )
    else:
        messages.success(
            request, f"Thank you. Order {order.number} is placed; we have emailed a confirmation."
        )
    return redirect("orders:order_detail", order_id=order.pk)
