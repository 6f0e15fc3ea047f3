"""The cart: it starts only when something is added (P25), follows one state's prices (P26),
explains why ordering needs a cookie, and refuses bad input without writing anything."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.accounts.models import User
from azultel.catalog.models import StatePrice
from azultel.orders.models import Cart, CartLine
from azultel.orders.tests.journeys import add_to_cart, cart_id

Rows = Callable[[], dict[str, int]]
SESSION_COOKIE = "azultel_session"
CSRF_COOKIE = "azultel_csrftoken"


@pytest.mark.promise("P25")
def test_the_product_page_links_to_ordering_and_sets_no_cookie(demo_catalog: None) -> None:
    client = Client()

    response = client.get("/shop/p/home-phone-essential/?state=FL")

    html = response.content.decode()
    assert '<form method="post" action="/order/add/home-phone-essential/"' in html
    assert '<input type="hidden" name="state" value="FL">' in html
    assert dict(response.cookies) == {}
    assert Session.objects.count() == 0


@pytest.mark.promise("P25")
def test_the_order_page_sets_only_the_csrf_cookie_and_starts_no_session(
    demo_catalog: None, order_rows: Rows
) -> None:
    client = Client()
    before = order_rows()

    response = client.get("/order/add/home-phone-essential/?state=FL")

    assert response.status_code == 200
    assert "$24.99" in response.content.decode()
    assert set(response.cookies) == {CSRF_COOKIE}
    assert Session.objects.count() == 0
    assert order_rows() == before


@pytest.mark.promise("P25")
def test_adding_to_the_cart_starts_the_session_holding_only_identifiers(demo_catalog: None) -> None:
    client = Client()

    response = add_to_cart(client, "home-phone-essential", state="FL")

    cart = Cart.objects.get()
    session = Session.objects.get().get_decoded()
    assert response.status_code == 302 and response.url == "/order/cart/"
    assert set(response.cookies) == {SESSION_COOKIE}
    assert {k: v for k, v in session.items() if k.startswith("orders_")} == {
        "orders_cart_id": str(cart.pk),
        "orders_cart_owner_key": session["orders_cart_owner_key"],
        # The header's item count: a number, nothing personal.
        "orders_cart_count": 1,
    }
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", session["orders_cart_owner_key"])
    assert (cart.state, cart.user) == ("FL", None)
    assert list(CartLine.objects.values_list("product__slug", "quantity")) == [
        ("home-phone-essential", 1)
    ]


@pytest.mark.promise("P25")
def test_without_cookies_adding_to_the_cart_explains_why_they_are_needed(
    demo_catalog: None, order_rows: Rows
) -> None:
    client = Client()
    before = order_rows()

    response = client.post("/order/add/home-phone-essential/", {"state": "FL", "quantity": "1"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "Ordering needs a session cookie" in html
    assert "Only a random identifier" in html
    assert "without any cookie" in html
    assert Session.objects.count() == 0
    assert order_rows() == before


@pytest.mark.promise("P25")
def test_checkout_without_any_cookie_explains_instead_of_failing(demo_catalog: None) -> None:
    response = Client().get("/order/checkout/")

    assert response.status_code == 200
    assert "Ordering needs a session cookie" in response.content.decode()
    assert Session.objects.count() == 0


@pytest.mark.promise("P26")
def test_the_cart_shows_the_prices_of_the_state_it_was_filled_in(demo_catalog: None) -> None:
    client = Client()
    add_to_cart(client, "fiber-300", state="GA")

    html = client.get("/order/cart/").content.decode()

    ga = StatePrice.objects.get(product__slug="fiber-300", state="GA")
    assert "Prices for <strong>Georgia</strong>" in html
    assert f"${ga.intro_monthly_price}" in html
    assert Cart.objects.get().state == "GA"


def test_adding_from_another_state_is_refused_while_the_cart_has_lines(
    demo_catalog: None, order_rows: Rows
) -> None:
    client = Client()
    add_to_cart(client, "fiber-300", state="FL")
    before = order_rows()

    response = add_to_cart(client, "wifi-6-mesh-router", state="NY")

    assert response.status_code == 400
    assert "Your cart has Florida prices" in response.content.decode()
    assert order_rows() == before


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("home-phone-essential", {"state": "ZZ", "quantity": "1"}, "not offered"),
        ("dsl-25", {"state": "NY", "quantity": "1"}, "not offered"),
        ("sip-termination", {"state": "FL", "quantity": "1"}, "not ordered online"),
        ("wifi-6-mesh-router", {"state": "FL", "quantity": "9"}, "Choose a quantity"),
        ("wifi-6-mesh-router", {"state": "FL", "quantity": "-1"}, "Choose a quantity"),
        ("home-phone-essential", {"state": "FL", "quantity": "2"}, "one at a time"),
        ("no-such-product", {"state": "FL", "quantity": "1"}, "not offered"),
    ],
    ids=[
        "bad-state",
        "not-in-state",
        "quote-only",
        "too-many",
        "negative",
        "service-twice",
        "unknown",
    ],
)
def test_tampered_or_impossible_additions_are_refused_and_write_nothing(
    demo_catalog: None, order_rows: Rows, slug: str, data: dict[str, str], message: str
) -> None:
    client = Client()
    client.get("/order/add/home-phone-essential/?state=FL")
    before = order_rows()

    response = client.post(f"/order/add/{slug}/", data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert order_rows() == before
    assert Session.objects.count() == 0


def test_an_internet_service_goes_into_the_cart_once(demo_catalog: None, order_rows: Rows) -> None:
    # Phone lines are the exception: several can be ordered (test_cart_lines.py).
    client = Client()
    add_to_cart(client, "fiber-300")
    before = order_rows()

    response = add_to_cart(client, "fiber-300")

    assert response.status_code == 400
    assert "already in your cart" in response.content.decode()
    assert order_rows() == before


def test_devices_add_up_to_five(demo_catalog: None) -> None:
    client = Client()
    add_to_cart(client, "wifi-6-mesh-router", quantity=2)

    add_to_cart(client, "wifi-6-mesh-router", quantity=3)
    refused = add_to_cart(client, "wifi-6-mesh-router", quantity=1)

    assert CartLine.objects.get().quantity == 5
    assert refused.status_code == 400


def test_a_line_can_be_updated_and_removed(demo_catalog: None) -> None:
    client = Client()
    add_to_cart(client, "wifi-6-mesh-router")
    line = CartLine.objects.get()

    client.post(
        f"/order/cart/lines/{line.pk}/",
        {"cart_id": cart_id(client), "action": "update", "quantity": "3"},
    )
    quantity = CartLine.objects.get().quantity
    client.post(f"/order/cart/lines/{line.pk}/", {"cart_id": cart_id(client), "action": "remove"})

    assert quantity == 3
    assert CartLine.objects.count() == 0
    assert "Your cart is empty" in client.get("/order/cart/").content.decode()


def test_someone_elses_cart_id_is_a_404_and_changes_nothing(
    demo_catalog: None, order_rows: Rows
) -> None:
    theirs = Client()
    add_to_cart(theirs, "wifi-6-mesh-router")
    their_line = CartLine.objects.get()
    mine = Client()
    add_to_cart(mine, "battery-backup-phone")
    before = order_rows()

    forged_id = mine.post(
        f"/order/cart/lines/{their_line.pk}/",
        {"cart_id": cart_id(theirs), "action": "remove"},
    )
    own_id_their_line = mine.post(
        f"/order/cart/lines/{their_line.pk}/", {"cart_id": cart_id(mine), "action": "remove"}
    )

    assert forged_id.status_code == 404
    assert own_id_their_line.status_code == 302
    assert order_rows() == before


def test_knowing_a_cart_id_without_its_session_opens_nothing(demo_catalog: None) -> None:
    theirs = Client()
    add_to_cart(theirs, "wifi-6-mesh-router")
    stranger = Client()
    add_to_cart(stranger, "battery-backup-phone")
    session = stranger.session
    session["orders_cart_id"] = cart_id(theirs)
    session.save()

    html = stranger.get("/order/cart/").content.decode()

    assert "Wi-Fi 6 mesh router" not in html
    assert "Your cart is empty" in html


def test_the_cart_survives_signing_in(demo_catalog: None, customer: User) -> None:
    client = Client()
    add_to_cart(client, "home-phone-essential")

    from azultel.accounts.testing import sign_in

    sign_in(client, customer)
    response = client.get("/order/checkout/")

    assert response.status_code == 302 and response.url == "/order/checkout/address/"
    assert Cart.objects.get().user == customer


def test_the_cart_page_needs_a_fixed_number_of_queries(
    demo_catalog: None, django_assert_num_queries: Any
) -> None:
    client = Client()
    for slug in ("home-phone-essential", "fiber-300", "wifi-6-mesh-router"):
        add_to_cart(client, slug)

    # Includes reading and clearing the pending "added to your cart" messages in the session.
    with django_assert_num_queries(8):
        response = client.get("/order/cart/")

    assert response.status_code == 200


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    state=st.text(max_size=6),
    quantity=st.text(max_size=6),
    slug=st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
)
def test_any_add_to_cart_input_is_answered_without_error(
    demo_catalog: None, state: str, quantity: str, slug: str
) -> None:
    client = Client()
    client.get("/order/add/home-phone-essential/?state=FL")

    response = client.post(f"/order/add/{slug}/", {"state": state, "quantity": quantity})

    assert response.status_code in (302, 400)


@pytest.mark.promise("P25")
def test_looking_at_the_cart_without_cookies_starts_nothing(demo_catalog: None) -> None:
    response = Client().get("/order/cart/")

    assert response.status_code == 200
    assert "Your cart is empty" in response.content.decode()
    assert dict(response.cookies) == {}
    assert Session.objects.count() == 0
