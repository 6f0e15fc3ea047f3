"""A cart of several items (issue 14): more than one phone line, internet plus phone, quantities,
removal and change, with the header's count kept right; checkout keeps what was typed when a
step is refused."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from azultel.orders.models import CartLine, ListingChoice, Order
from azultel.orders.tests.journeys import (
    add_to_cart,
    cart_id,
    checkout_to_payment,
    checkout_to_review,
    place,
)

Rows = Callable[[], dict[str, int]]


def _header_count(html: str) -> str:
    found = re.search(r'<span class="cart-count">(.*?)</span></span>', html)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else "empty"


def _line(slug: str) -> CartLine:
    return CartLine.objects.select_related("product").get(product__slug=slug)


def test_two_phone_lines_and_internet_go_into_one_cart(demo_catalog: None) -> None:
    client = Client()

    for slug in ("home-phone-essential", "home-phone-essential", "fiber-300"):
        assert add_to_cart(client, slug).status_code == 302

    lines = list(CartLine.objects.order_by("created_at").values_list("product__slug", "copy"))
    assert lines == [("home-phone-essential", 1), ("home-phone-essential", 2), ("fiber-300", 1)]
    html = client.get("/order/cart/").content.decode()
    assert html.count("Includes a phone line") == 2
    assert _header_count(html) == ", 3 items"
    assert client.session["orders_cart_count"] == 3


def test_a_sixth_phone_line_is_refused_and_writes_nothing(
    demo_catalog: None, order_rows: Rows
) -> None:
    client = Client()
    for _ in range(5):
        add_to_cart(client, "home-phone-essential")
    before = order_rows()

    response = add_to_cart(client, "home-phone-essential")

    assert response.status_code == 400
    assert "up to 5 phone lines" in response.content.decode()
    assert order_rows() == before
    assert client.session["orders_cart_count"] == 5


def test_changing_a_quantity_and_removing_a_line_keep_the_header_count(
    demo_catalog: None,
) -> None:
    client = Client()
    add_to_cart(client, "home-phone-essential")
    add_to_cart(client, "wifi-6-mesh-router")
    router = _line("wifi-6-mesh-router")

    client.post(
        f"/order/cart/lines/{router.pk}/",
        {"cart_id": cart_id(client), "action": "update", "quantity": "3"},
    )
    after_update = client.get("/order/cart/").content.decode()
    phone = _line("home-phone-essential")
    client.post(f"/order/cart/lines/{phone.pk}/", {"cart_id": cart_id(client), "action": "remove"})
    after_remove = client.get("/order/cart/").content.decode()

    assert _header_count(after_update) == ", 4 items"
    assert _header_count(after_remove) == ", 3 items"
    assert list(CartLine.objects.values_list("product__slug", "quantity")) == [
        ("wifi-6-mesh-router", 3)
    ]
    assert "$" in after_remove and "Due today" in after_remove


def test_the_count_goes_when_the_order_is_placed(shopper: Client) -> None:
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper)

    place(shopper, review)

    assert Order.objects.count() == 1
    assert "orders_cart_count" not in shopper.session
    assert _header_count(shopper.get("/order/cart/").content.decode()) == "empty"


def test_each_phone_line_gets_its_own_listing_and_order_line(shopper: Client) -> None:
    add_to_cart(shopper, "home-phone-essential")
    add_to_cart(shopper, "home-phone-essential")
    add_to_cart(shopper, "fiber-300")
    cid = cart_id(shopper)
    shopper.post(
        "/order/checkout/address/",
        {"cart_id": cid, "street": "1200 Brickell Ave", "unit": "", "city": "Miami",
         "zip_code": "33131"},
    )  # fmt: skip
    first, second = CartLine.objects.filter(product__slug="home-phone-essential").order_by("copy")

    listing_page = shopper.get("/order/checkout/listing/").content.decode()
    shopper.post(
        "/order/checkout/listing/",
        {"cart_id": cid, f"choice_{first.pk}": "listed", f"name_{first.pk}": "Maria Lopez",
         f"choice_{second.pk}": "non_published", f"name_{second.pk}": ""},
    )  # fmt: skip

    assert f"choice_{first.pk}" in listing_page and f"choice_{second.pk}" in listing_page
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.listing_choice, second.listing_choice) == (
        ListingChoice.LISTED,
        ListingChoice.NON_PUBLISHED,
    )


@pytest.mark.parametrize("zip_code", ["00000", "1234"])
def test_a_refused_address_step_keeps_what_was_typed(shopper: Client, zip_code: str) -> None:
    add_to_cart(shopper, "home-phone-essential")

    response = shopper.post(
        "/order/checkout/address/",
        {"cart_id": cart_id(shopper), "street": "77 Harbor Lights Way", "unit": "Apt 9",
         "city": "Miami", "zip_code": zip_code},
    )  # fmt: skip

    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="77 Harbor Lights Way"' in html and 'value="Apt 9"' in html
    assert f'value="{zip_code}"' in html
    assert 'aria-current="step"' in html and "Step 1 of" in html


def test_the_payment_page_is_a_numbered_step(shopper: Client) -> None:
    add_to_cart(shopper, "wifi-6-mesh-router")
    checkout_to_payment(shopper)

    html = shopper.get("/order/checkout/payment/").content.decode()

    assert "Step 3 of 4: Payment" in html
    assert '<ol class="steps">' in html
