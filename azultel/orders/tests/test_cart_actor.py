"""The cart's services take a typed actor (``core.actors``): a visitor who has not signed in acts
as Django's anonymous user, never as a free string such as ``"visitor"`` (the cart views used
to pass that string). A string actor is refused before anything is written."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from azultel.orders import services
from azultel.orders.models import Cart, CartLine
from azultel.orders.tests.journeys import add_to_cart, cart_id


def test_a_visitor_who_has_not_signed_in_changes_the_cart_through_every_cart_page(
    demo_catalog: None,
) -> None:
    client = Client()
    assert add_to_cart(client, "home-phone-essential", state="FL").status_code == 302
    assert add_to_cart(client, "fiber-300", state="FL").status_code == 302
    cart = Cart.objects.get()
    assert cart.user_id is None

    fiber = CartLine.objects.get(product__slug="fiber-300")
    removed = client.post(
        f"/order/cart/lines/{fiber.pk}/", {"cart_id": cart_id(client), "action": "remove"}
    )
    moved = client.post("/order/cart/state/", {"cart_id": cart_id(client), "state": "GA"})

    assert removed.status_code == 302 and moved.status_code == 302
    assert list(CartLine.objects.values_list("product__slug", flat=True)) == [
        "home-phone-essential"
    ]
    cart.refresh_from_db()
    assert cart.state == "GA"


def test_adding_with_a_string_actor_is_refused_and_writes_nothing(demo_catalog: None) -> None:
    with pytest.raises(TypeError, match="not str"):
        services.cart_add(
            cart=None,
            owner_key="key",
            user=AnonymousUser(),
            product_slug="home-phone-essential",
            state="FL",
            quantity=1,
            actor="visitor",  # type: ignore[arg-type]  # the very mistake the check refuses
        )

    assert Cart.objects.count() == 0
    assert CartLine.objects.count() == 0


def test_changing_a_cart_with_a_string_actor_is_refused_and_changes_nothing(
    demo_catalog: None,
) -> None:
    client = Client()
    add_to_cart(client, "home-phone-essential", state="FL")
    cart = Cart.objects.get()
    line = CartLine.objects.get()

    with pytest.raises(TypeError):
        services.cart_line_remove(cart=cart, line_id=line.pk, actor="visitor")  # type: ignore[arg-type]  # refused on purpose
    with pytest.raises(TypeError):
        services.cart_line_update(cart=cart, line_id=line.pk, quantity=2, actor="visitor")  # type: ignore[arg-type]  # refused on purpose
    with pytest.raises(TypeError):
        services.cart_state_change(cart=cart, state="GA", actor="visitor")  # type: ignore[arg-type]  # refused on purpose

    line.refresh_from_db()
    cart.refresh_from_db()
    assert line.quantity == 1
    assert cart.state == "FL"
    assert CartLine.objects.count() == 1


def test_the_anonymous_user_is_accepted_as_the_actor(demo_catalog: None) -> None:
    cart = services.cart_add(
        cart=None,
        owner_key="key",
        user=AnonymousUser(),
        product_slug="home-phone-essential",
        state="FL",
        quantity=1,
        actor=AnonymousUser(),
    )

    assert cart.user_id is None
    assert CartLine.objects.filter(cart=cart).count() == 1
