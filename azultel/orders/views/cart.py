"""Add to cart and the cart page: the first "Add to cart" POST starts the cart and the session
(P25); every POST names its cart, and a cart that is not the visitor's own gives a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azultel.catalog.pricing import state_resolve
from azultel.catalog.selectors import product_get_offered
from azultel.catalog.states import state_name
from azultel.core.same_origin import same_origin_post
from azultel.orders import selectors, services
from azultel.orders.cart_session import (
    cart_count_remember,
    cart_current,
    cart_remember,
    has_session,
    owner_key,
)
from azultel.orders.forms import AddToCartForm, CartLineForm, CartStateForm
from azultel.orders.models import KIND_WHOLESALE, SERVICE_KINDS, Cart
from azultel.orders.money import order_money
from azultel.orders.view_guards import cookies_page, session_cookie_required


def _cart_id_check(request: HttpRequest, cart: Cart | None) -> None:
    """404 unless the form's cart id is the visitor's own cart (before any validation)."""
    if cart is None or request.POST.get("cart_id", "") != str(cart.pk):
        raise Http404("No such cart.")


@require_http_methods(["GET", "POST"])
@same_origin_post(fallback=session_cookie_required)
def cart_add(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the product with its price for the visitor's state and an "Add to cart" button (this
    page sets the first cookie, the CSRF one). POST: add it; the cart and session start here.

    The shop's plan cards post here straight from cached pages, which carry no CSRF token: a
    POST the browser marks as same-origin is accepted without one, one marked as coming from
    another site is refused, and any other POST needs the CSRF cookie and token as before."""
    if request.method == "POST":
        form = AddToCartForm(request.POST)
        state = request.POST.get("state", "")
    else:
        resolution = state_resolve(request)
        state = resolution.state or ""
        form = AddToCartForm(initial={"state": state, "quantity": "1"})
    offered = product_get_offered(slug=slug, state=state) if state else None
    context: dict[str, object] = {"section": "home", "slug": slug, "form": form, "state": state}
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
            actor=request.user,
        )
    except services.CartRefused as exc:
        return render(request, "orders/cart_add.html", {**context, "refused": str(exc)}, status=400)
    if cart is None:
        cart_remember(request, cart=added_to, key=key)
    cart_count_remember(request, cart=added_to)
    messages.success(request, f"{product.name} is in your cart.")
    return redirect("orders:cart")


@require_GET
def cart_view(request: HttpRequest) -> HttpResponse:
    cart = cart_current(request)
    summary = selectors.cart_summary(cart=cart) if cart is not None else None
    if cart is not None and summary is not None:
        count = sum(p.line.quantity for p in summary.lines)
        cart_count_remember(request, cart=cart, count=count)
    return render(
        request,
        "orders/cart.html",
        {
            "section": "home",
            "cart": cart,
            "summary": summary,
            "money": order_money(summary=summary) if summary is not None else None,
            "has_session": has_session(request),
        },
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
            name = services.cart_line_remove(cart=cart, line_id=line_id, actor=request.user)
            messages.success(request, f"{name} is no longer in your cart.")
        else:
            services.cart_line_update(
                cart=cart,
                line_id=line_id,
                quantity=form.cleaned_data["quantity"] or 0,
                actor=request.user,
            )
            messages.success(request, "Your cart is updated.")
    except services.CartRefused as exc:
        messages.error(request, str(exc))
    cart_count_remember(request, cart=cart)
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
            cart=cart, state=form.cleaned_data["state"], actor=request.user
        )
    except services.CartRefused as exc:
        messages.error(request, str(exc))
        return redirect("orders:cart")
    cart_count_remember(request, cart=cart)
    note = f"Your cart now shows {state_name(cart.state)} prices."
    if removed:
        note += f" Not offered there, so removed: {', '.join(removed)}."
    messages.success(request, note)
    return redirect("orders:cart")


@require_GET
def cookies_needed(request: HttpRequest) -> HttpResponse:
    return cookies_page(request)
