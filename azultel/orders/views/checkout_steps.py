"""The checkout's steps and the decorator every checkout page goes through: signed in with a
verified email, the visitor's own open cart, every earlier step done (else the first open
step). Also the start page that resumes a checkout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from azultel.accounts.http import SignedInRequest
from azultel.accounts.models import User
from azultel.orders import selectors, services
from azultel.orders.cart_session import cart_current, has_session
from azultel.orders.models import ZERO, Cart, Checkout, LineSetup
from azultel.orders.money import OrderMoney, order_money
from azultel.orders.view_guards import cookies_page
from azultel.orders.views.cart import _cart_id_check


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
    _setups_count: int | None = None

    def steps(self) -> list[CheckoutStep]:
        c, s = self.checkout, self.summary
        card_ok = c.card_id is not None and c.card is not None and c.card.removed_at is None
        steps = [
            CheckoutStep("address", "Service address", reverse("orders:checkout_address"),
                         c.has_service_address),
            CheckoutStep("listing", "Directory listing", reverse("orders:checkout_listing"),
                         all(p.line.listing_choice for p in s.phone_lines)),
            CheckoutStep("numbers", "Phone number and 911", reverse("orders:checkout_numbers"),
                         self._numbers_done()),
            CheckoutStep("billing", "Billing address", reverse("orders:checkout_billing"),
                         c.has_billing_address),
            CheckoutStep("payment", "Payment", reverse("orders:checkout_payment"), card_ok),
            CheckoutStep("review", "Review and place your order",
                         reverse("orders:checkout_review"), False),
        ]  # fmt: skip
        phone_steps = ("listing", "numbers")
        return [step for step in steps if step.key not in phone_steps or s.phone_lines]

    def _numbers_done(self) -> bool:
        """Every phone line has its 911 address (and port-in answers) saved."""
        ids = [p.line.pk for p in self.summary.phone_lines]
        if not ids:
            return True
        if self._setups_count is None:
            self._setups_count = LineSetup.objects.filter(cart_line_id__in=ids).count()
        return self._setups_count == len(ids)

    def money(self) -> OrderMoney:
        """The order's money with the deposit the last credit decision asked for, if any."""
        deposit = self.checkout.deposit_required if self.summary.needs_credit_check else None
        return order_money(summary=self.summary, deposit=deposit or ZERO)

    def first_open_step(self) -> CheckoutStep:
        return next(step for step in self.steps() if not step.done)

    def context(self, current: str) -> dict[str, object]:
        steps = self.steps()
        keys = [step.key for step in steps]
        index = keys.index(current)
        return {
            "section": "home",
            "cart": self.cart,
            "checkout": self.checkout,
            "summary": self.summary,
            "money": self.money(),
            "steps": steps,
            "current_step": current,
            "step_number": index + 1,
            "step_title": steps[index].title,
            "back_url": steps[index - 1].url if index > 0 else reverse("orders:cart"),
        }


CheckoutView = Callable[[SignedInRequest, CheckoutState], HttpResponse]


def _email_verified(user: User) -> bool:
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
