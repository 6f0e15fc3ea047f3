"""The checkout pages that collect the order's details: service address, directory listing
(P06), billing address and payment (a saved card, or a new one sent straight to the processor;
its fields never reach the session, a message, a log or a page, P24)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from azultel.accounts.http import SignedInRequest
from azultel.accounts.models import User
from azultel.accounts.selectors import profile_get
from azultel.catalog.selectors import state_for_zip
from azultel.catalog.states import state_name
from azultel.orders import services
from azultel.orders.forms import (
    NEW_CARD,
    BillingForm,
    ListingForm,
    PaymentChoiceForm,
    ServiceAddressForm,
)
from azultel.orders.models import LISTING_EXPLANATIONS, Checkout, ListingChoice
from azultel.orders.view_guards import https_required, session_cookie_required
from azultel.orders.views.checkout_steps import CheckoutState, checkout_step
from azultel.payments import selectors as payment_selectors
from azultel.payments.forms import CardForm, card_form_tokenize

# The names the card form posts (it has prefix="card"): hidden from error reports (P24).
CARD_FIELDS = ("card-number", "card-cvc", "card-exp_month", "card-exp_year")


def _address_initial(request: SignedInRequest, checkout: Checkout) -> dict[str, object]:
    if checkout.service_zip:
        return {
            "street": checkout.service_street,
            "unit": checkout.service_unit,
            "city": checkout.service_city,
            "zip_code": checkout.service_zip,
        }
    profile = profile_get(user=request.user)
    if profile is None:
        return {}
    return {
        "street": profile.street,
        "unit": profile.unit,
        "city": profile.city,
        "zip_code": profile.zip_code,
    }


@require_http_methods(["GET", "POST"])
@session_cookie_required
@checkout_step("address")
def checkout_address(request: SignedInRequest, state: CheckoutState) -> HttpResponse:
    checkout = state.checkout
    form = ServiceAddressForm(
        request.POST or None,
        initial={"cart_id": state.cart.pk, **_address_initial(request, checkout)},
    )
    switch_to = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.checkout_service_address_set(
                checkout=checkout,
                street=data["street"],
                unit=data["unit"],
                city=data["city"],
                zip_code=data["zip_code"],
                actor=request.user,
            )
        except services.CheckoutRefused as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
            address_state = state_for_zip(zip_code=data["zip_code"])
            if address_state and address_state != state.cart.state:
                switch_to = {"code": address_state, "name": state_name(address_state)}
        else:
            return redirect(
                CheckoutState(state.cart, checkout, state.summary).first_open_step().url
            )
    return render(
        request,
        "orders/checkout/address.html",
        {**state.context("address"), "form": form, "switch_to": switch_to},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@session_cookie_required
@checkout_step("listing")
def checkout_listing(request: SignedInRequest, state: CheckoutState) -> HttpResponse:
    phone_lines = state.summary.phone_lines
    form = ListingForm(
        request.POST or None,
        initial={"cart_id": state.cart.pk},
        phone_lines=phone_lines,
        default_name=request.user.get_full_name(),
    )
    if request.method == "POST" and form.is_valid():
        answers = {
            str(p.line.pk): services.ListingAnswer(
                choice=form.cleaned_data[f"choice_{p.line.pk}"],
                listed_name=form.cleaned_data[f"name_{p.line.pk}"],
            )
            for p in phone_lines
        }
        try:
            services.checkout_listings_set(
                checkout=state.checkout, answers=answers, actor=request.user
            )
        except services.CheckoutRefused as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            return redirect("orders:checkout_numbers")
    return render(
        request,
        "orders/checkout/listing.html",
        {
            **state.context("listing"),
            "form": form,
            "explanations": [
                (label, LISTING_EXPLANATIONS[value]) for value, label in ListingChoice.choices
            ],
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@session_cookie_required
@checkout_step("billing")
def checkout_billing(request: SignedInRequest, state: CheckoutState) -> HttpResponse:
    checkout = state.checkout
    initial: dict[str, object] = {"cart_id": state.cart.pk}
    if checkout.billing_zip:
        initial.update(
            same_as_service=checkout.billing_same_as_service,
            street=checkout.billing_street,
            unit=checkout.billing_unit,
            city=checkout.billing_city,
            state=checkout.billing_state,
            zip_code=checkout.billing_zip,
        )
    form = BillingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.checkout_billing_set(
            checkout=checkout,
            same_as_service=data["same_as_service"],
            street=data["street"],
            unit=data["unit"],
            city=data["city"],
            state=data["state"],
            zip_code=data["zip_code"] or "",
            actor=request.user,
        )
        return redirect("orders:checkout_payment")
    return render(
        request,
        "orders/checkout/billing.html",
        {**state.context("billing"), "form": form},
        status=400 if form.errors else 200,
    )


def _has_local_profile(user: User) -> bool:
    profile = profile_get(user=user)
    return bool(profile is not None and profile.has_local_profile)


@require_http_methods(["GET", "POST"])
@https_required
@sensitive_post_parameters(*CARD_FIELDS)
@session_cookie_required
@checkout_step("payment")
@sensitive_variables("data")
def checkout_payment(request: SignedInRequest, state: CheckoutState) -> HttpResponse:
    """The card: a saved one (local profile, P10) or a new one sent straight to the processor."""
    local_profile = _has_local_profile(request.user)
    saved = payment_selectors.cards_saved_for(customer=request.user)
    data = request.POST if request.method == "POST" else None
    choice_form = PaymentChoiceForm(data, initial={"cart_id": state.cart.pk}, saved_cards=saved)
    card_form = CardForm(data, can_save=local_profile, prefix="card")
    if request.method == "POST" and choice_form.is_valid():
        chosen = choice_form.cleaned_data["card"]
        card = None
        if chosen != NEW_CARD:
            card = next((c for c in saved if str(c.pk) == chosen), None)
            if card is None:
                choice_form.add_error("card", "Choose one of your saved cards or a new card.")
        elif card_form.is_valid():
            card = card_form_tokenize(
                card_form,
                customer=request.user,
                postal_code=state.checkout.billing_zip,
                actor=request.user,
            )
        if card is not None:
            services.checkout_card_set(checkout=state.checkout, card=card, actor=request.user)
            return redirect("orders:checkout_review")
    failed = request.method == "POST"
    return render(
        request,
        "orders/checkout/payment.html",
        {
            **state.context("payment"),
            "choice_form": choice_form,
            "card_form": card_form,
            "saved_cards": saved,
            "local_profile": local_profile,
            "test_cards": payment_selectors.sandbox_test_cards(),
        },
        status=400 if failed else 200,
    )
