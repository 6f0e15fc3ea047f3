"""The ordering pages: add to cart, the cart, the checkout steps, the customer's orders and
services, and the staff order queue. Thin: validate with a form, call a service or selector,
render.

Every POST names its cart; a cart that is not the visitor's own gives a 404 and changes nothing.
Card numbers, security codes, SSNs and dates of birth are never put in the session, a message or
a log, and never written back into a page (P24).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.accounts.http import SignedInRequest
from azultel.catalog.pricing import state_resolve
from azultel.catalog.selectors import product_get_offered, state_for_zip
from azultel.catalog.states import state_name
from azultel.orders import selectors, services
from azultel.orders.cart_session import (
    cart_current,
    cart_forget,
    cart_remember,
    has_session,
    owner_key,
)
from azultel.orders.forms import (
    NEW_CARD,
    AddToCartForm,
    BillingForm,
    CancelForm,
    CartLineForm,
    CartStateForm,
    ListingForm,
    PaymentChoiceForm,
    PlaceOrderForm,
    QueueFilterForm,
    ServiceAddressForm,
    StaffActionForm,
    placement_token,
    placement_token_read,
)
from azultel.orders.models import (
    KIND_WHOLESALE,
    LISTING_EXPLANATIONS,
    SERVICE_KINDS,
    Cart,
    Checkout,
    ListingChoice,
    OrderStatus,
)
from azultel.orders.view_guards import cookies_page, https_required, session_cookie_required
from azultel.payments import selectors as payment_selectors
from azultel.payments import services as payments
from azultel.payments.forms import CardForm, card_form_tokenize

# The names the card form posts (it has prefix="card"): hidden from error reports (P24).
CARD_FIELDS = ("card-number", "card-cvc", "card-exp_month", "card-exp_year")
IDENTITY_FIELDS = ("ssn", "date_of_birth")


def _actor(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else "visitor"


def _cart_id_check(request: HttpRequest, cart: Cart | None) -> None:
    """404 unless the form's cart id is the visitor's own cart (before any validation)."""
    if cart is None or request.POST.get("cart_id", "") != str(cart.pk):
        raise Http404("No such cart.")


# --- Add to cart and the cart -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@session_cookie_required
def cart_add(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the product with its price for the visitor's state and an "Add to cart" button (this
    page sets the first cookie, the CSRF one). POST: add it; the cart and session start here."""
    if request.method == "POST":
        form = AddToCartForm(request.POST)
        state = request.POST.get("state", "")
    else:
        resolution = state_resolve(request)
        state = resolution.state or ""
        form = AddToCartForm(initial={"state": state, "quantity": "1"})
    offered = product_get_offered(slug=slug, state=state) if state else None
    context: dict[str, Any] = {"section": "home", "slug": slug, "form": form, "state": state}
    if not state:
        status = 400 if request.method == "POST" else 200
        return render(
            request, "orders/cart_add.html", {**context, "needs_state": True}, status=status
        )
    if offered is None:
        if request.method == "POST":
            return render(
                request,
                "orders/cart_add.html",
                {**context, "refused": "That product is not offered in the state you chose."},
                status=400,
            )
        raise Http404("Not offered in this state.")
    product, price = offered
    context.update(
        product=product,
        price=price,
        state_name=state_name(state),
        is_device=product.kind not in SERVICE_KINDS,
        quote_only=price.quote_only or product.kind == KIND_WHOLESALE,
    )
    if request.method == "GET":
        return render(request, "orders/cart_add.html", context)
    if not form.is_valid():
        return render(request, "orders/cart_add.html", context, status=400)
    cart = cart_current(request)
    key = owner_key(request) or services.cart_owner_key_new()
    try:
        added_to = services.cart_add(
            cart=cart,
            owner_key=key,
            user=request.user,
            product_slug=slug,
            state=form.cleaned_data["state"],
            quantity=form.cleaned_data["quantity"],
            actor=_actor(request),
        )
    except services.CartRefused as exc:
        return render(request, "orders/cart_add.html", {**context, "refused": str(exc)}, status=400)
    if cart is None:
        cart_remember(request, cart=added_to, key=key)
    messages.success(request, f"{product.name} is in your cart.")
    return redirect("orders:cart")


@require_GET
def cart_view(request: HttpRequest) -> HttpResponse:
    cart = cart_current(request)
    summary = selectors.cart_summary(cart=cart) if cart is not None else None
    return render(
        request,
        "orders/cart.html",
        {"section": "home", "cart": cart, "summary": summary, "has_session": has_session(request)},
    )


@require_POST
@session_cookie_required
def cart_line(request: HttpRequest, line_id: str) -> HttpResponse:
    cart = cart_current(request)
    _cart_id_check(request, cart)
    assert cart is not None
    form = CartLineForm(request.POST)
    try:
        if not form.is_valid():
            raise services.CartRefused("That change could not be made. Please try again.")
        if form.cleaned_data["action"] == "remove":
            name = services.cart_line_remove(cart=cart, line_id=line_id, actor=_actor(request))
            messages.success(request, f"{name} is no longer in your cart.")
        else:
            services.cart_line_update(
                cart=cart,
                line_id=line_id,
                quantity=form.cleaned_data["quantity"] or 0,
                actor=_actor(request),
            )
            messages.success(request, "Your cart is updated.")
    except services.CartRefused as exc:
        messages.error(request, str(exc))
    return redirect("orders:cart")


@require_POST
@session_cookie_required
def cart_state(request: HttpRequest) -> HttpResponse:
    """Switch the cart to the service address's state (prices follow the state, P26)."""
    cart = cart_current(request)
    _cart_id_check(request, cart)
    assert cart is not None
    form = CartStateForm(request.POST)
    if not form.is_valid():
        raise Http404("No such state.")
    try:
        removed = services.cart_state_change(
            cart=cart, state=form.cleaned_data["state"], actor=_actor(request)
        )
    except services.CartRefused as exc:
        messages.error(request, str(exc))
        return redirect("orders:cart")
    note = f"Your cart now shows {state_name(cart.state)} prices."
    if removed:
        note += f" Not offered there, so removed: {', '.join(removed)}."
    messages.success(request, note)
    return redirect("orders:cart")


@require_GET
def cookies_needed(request: HttpRequest) -> HttpResponse:
    return cookies_page(request)


# --- Checkout ---------------------------------------------------------------------------------


@dataclass
class CheckoutStep:
    key: str
    title: str
    url: str
    done: bool


@dataclass
class CheckoutState:
    cart: Cart
    checkout: Checkout
    summary: selectors.CartSummary

    def steps(self) -> list[CheckoutStep]:
        c, s = self.checkout, self.summary
        card_ok = c.card_id is not None and c.card is not None and c.card.removed_at is None
        steps = [
            CheckoutStep("address", "Service address", reverse("orders:checkout_address"),
                         c.has_service_address),
            CheckoutStep("listing", "Directory listing", reverse("orders:checkout_listing"),
                         all(p.line.listing_choice for p in s.phone_lines)),
            CheckoutStep("billing", "Billing address", reverse("orders:checkout_billing"),
                         c.has_billing_address),
            CheckoutStep("payment", "Payment", reverse("orders:checkout_payment"), card_ok),
            CheckoutStep("review", "Review and place your order",
                         reverse("orders:checkout_review"), False),
        ]  # fmt: skip
        return [step for step in steps if step.key != "listing" or s.phone_lines]

    def first_open_step(self) -> CheckoutStep:
        return next(step for step in self.steps() if not step.done)

    def context(self, current: str) -> dict[str, Any]:
        steps = self.steps()
        keys = [step.key for step in steps]
        index = keys.index(current)
        return {
            "section": "home",
            "cart": self.cart,
            "checkout": self.checkout,
            "summary": self.summary,
            "steps": steps,
            "current_step": current,
            "back_url": steps[index - 1].url if index > 0 else reverse("orders:cart"),
        }


CheckoutView = Callable[[SignedInRequest, CheckoutState], HttpResponse]


def _email_verified(user: Any) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def checkout_step(step: str) -> Callable[[CheckoutView], Callable[..., HttpResponse]]:
    """A checkout page: signed in with a verified email, an open cart that is the visitor's
    own, and every earlier step done (otherwise back to the first open step)."""

    def decorate(view: CheckoutView) -> Callable[..., HttpResponse]:
        @wraps(view)
        @login_required
        @never_cache
        def wrapper(request: SignedInRequest) -> HttpResponse:
            if not _email_verified(request.user):
                return render(
                    request, "orders/checkout/verify_email.html", {"section": "home"}, status=403
                )
            cart = cart_current(request)
            if request.method == "POST":
                _cart_id_check(request, cart)
            if cart is None:
                messages.info(request, "Your cart is empty.")
                return redirect("orders:cart")
            try:
                checkout = services.checkout_start(cart=cart, user=request.user)
            except services.CheckoutRefused as exc:
                raise Http404("No such cart.") from exc
            summary = selectors.cart_summary(cart=cart)
            if summary.is_empty:
                messages.info(request, "Your cart is empty.")
                return redirect("orders:cart")
            state = CheckoutState(cart=cart, checkout=checkout, summary=summary)
            keys = [s.key for s in state.steps()]
            if step not in keys:
                return redirect(state.first_open_step().url)
            open_step = state.first_open_step()
            if keys.index(open_step.key) < keys.index(step):
                return redirect(open_step.url)
            return view(request, state)

        return wrapper

    return decorate


@require_GET
def checkout_start(request: HttpRequest) -> HttpResponse:
    """Start or resume the checkout. Without any cookie, explain why ordering needs one (P25)."""
    if not request.user.is_authenticated and not has_session(request):
        return cookies_page(request)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('orders:checkout')}")
    return _checkout_resume(request)  # type: ignore[arg-type]  # signed in: checked above


def _checkout_resume(request: SignedInRequest) -> HttpResponse:
    cart = cart_current(request)
    summary = selectors.cart_summary(cart=cart) if cart is not None else None
    if cart is None or summary is None or summary.is_empty:
        messages.info(request, "Your cart is empty.")
        return redirect("orders:cart")
    try:
        checkout = services.checkout_start(cart=cart, user=request.user)
    except services.CheckoutRefused as exc:
        raise Http404("No such cart.") from exc
    return redirect(CheckoutState(cart, checkout, summary).first_open_step().url)


def _address_initial(request: SignedInRequest, checkout: Checkout) -> dict[str, Any]:
    from azultel.accounts.selectors import profile_get

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
            return redirect("orders:checkout_billing")
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
    initial: dict[str, Any] = {"cart_id": state.cart.pk}
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


def _has_local_profile(user: Any) -> bool:
    from azultel.accounts.selectors import profile_get

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
    """Review, identity for the credit check (only for services) and "Place order"."""
    quote = selectors.checkout_quote(checkout=state.checkout)
    needs_identity = state.summary.needs_credit_check
    status = 200
    if request.method == "POST":
        status = 400
        form = PlaceOrderForm(request.POST, needs_identity=needs_identity)
        if form.is_valid():
            response = _place(request, state, form)
            if response is not None:
                return response
        if form.placement_expired:
            # Expired or altered: the next attempt gets a fresh token (a new idempotency key).
            data = request.POST.copy()
            data["placement"] = _fresh_token(state, quote)
            errors = form.non_field_errors()
            form = PlaceOrderForm(data, needs_identity=needs_identity)
            form.is_valid()
            for error in errors:
                form.add_error(None, error)
        # The same bound form again: the identity fields never render their values (P24).
    else:
        form = PlaceOrderForm(
            initial={"cart_id": state.cart.pk, "placement": _fresh_token(state, quote)},
            needs_identity=needs_identity,
        )
    from azultel.orders.credit import SANDBOX_DEPOSIT, SANDBOX_SSNS, bureau_get

    sandbox_bureau = bureau_get().is_sandbox
    return render(
        request,
        "orders/checkout/review.html",
        {
            **state.context("review"),
            "quote": quote,
            "form": form,
            "needs_identity": needs_identity,
            "test_ssns": SANDBOX_SSNS if sandbox_bureau else (),
            "sandbox_deposit": SANDBOX_DEPOSIT,
        },
        status=status,
    )


def _fresh_token(state: CheckoutState, quote: selectors.CheckoutQuote) -> str:
    return placement_token(
        checkout_id=state.checkout.pk,
        key=services.idempotency_key_new(),
        fingerprint=quote.fingerprint,
    )


def _place(request: SignedInRequest, state: CheckoutState, form: PlaceOrderForm) -> Any:
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
        )
    except services.OrderNotFound as exc:
        raise Http404("No such order.") from exc
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


# --- The customer's orders and services ---------------------------------------------------------


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
        {"account_section": "orders", "order": order, "cancel_form": CancelForm()},
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
        {"account_section": "orders", "order": order, "cancel_form": form},
        status=400,
    )


@require_GET
@login_required
def service_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "orders/account/service_list.html",
        {
            "account_section": "services",
            "services": selectors.services_for_customer(customer=request.user),
        },
    )


# --- Staff ------------------------------------------------------------------------------------


@require_GET
@login_required
@permission_required("orders.view_order_queue", raise_exception=True)
def staff_queue(request: SignedInRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else None
    return render(
        request,
        "orders/staff/queue.html",
        {"form": form, "orders": selectors.order_queue(status=status or None)},
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
    request: SignedInRequest, order: Any, form: StaffActionForm, *, status: int = 200
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
