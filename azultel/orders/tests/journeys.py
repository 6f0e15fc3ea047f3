"""Walking a browser-less client through the shop and checkout, for the orders tests.

Every step is a real HTTP request through the same views a browser uses. Test data: the sandbox
card processor's test cards and the sandbox credit bureau's test SSNs (docs/operations.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.test import Client

from azultel.orders.models import CartLine

VISA = "4242 4242 4242 4242"
MASTERCARD = "5555 5555 5555 4444"
CARD_DECLINED = "4000 0000 0000 0002"
INSUFFICIENT_FUNDS = "4000 0000 0000 9995"
CVC = "737"
SSN_APPROVE = "111-22-3333"
SSN_DEPOSIT = "222-33-4444"
SSN_DECLINE = "333-44-5555"
SSN_OTHER = "123-45-6789"
DOB = "1980-07-04"
EXP_YEAR = date.today().year + 3

MIAMI = {"street": "1200 Brickell Ave", "unit": "Apt 1504", "city": "Miami", "zip_code": "33131"}


def add_to_cart(
    client: Client, slug: str = "home-phone-essential", state: str = "FL", quantity: int = 1
) -> Any:
    """Open the product's order page (it sets the CSRF cookie), then press "Add to cart"."""
    client.get(f"/order/add/{slug}/?state={state}")
    return client.post(f"/order/add/{slug}/", {"state": state, "quantity": str(quantity)})  # fmt: skip


def cart_id(client: Client) -> str:
    return str(client.session["orders_cart_id"])


def card_data(
    number: str = VISA, cvc: str = CVC, *, month: int = 12, year: int = EXP_YEAR, save: bool = False
) -> dict[str, str]:
    data = {"card-number": number, "card-exp_month": str(month), "card-exp_year": str(year),
            "card-cvc": cvc, "card": "new"}  # fmt: skip
    if save:
        data["card-save"] = "on"
    return data


def placement_token(html: str) -> str:
    found = re.search(r'name="placement" value="([^"]+)"', html)
    assert found, "the review page has no placement token"
    return found.group(1)


@dataclass
class Review:
    cart_id: str
    token: str
    html: str


E911 = {"street": "1200 Brickell Ave", "unit": "Apt 1504", "city": "Miami", "state": "FL",
        "zip_code": "33131"}  # fmt: skip
PORT_IN = {"keep_number": "yes", "port_number": "305 555 0142", "port_carrier": "Sunshine Telephone",
           "port_account": "88812345", "port_pin": "4321", "authorised_name": "Maria Lopez",
           "authorise": "on"}  # fmt: skip


def numbers_data(
    cid: str, *, port_in: dict[str, str] | None = None, e911: dict[str, str] | None = None
) -> dict[str, str]:
    """The phone number and 911 step's answers for every phone line of the cart: a new number
    (or ``port_in``), the 911 address (``e911``, else Miami) and the notice acknowledged."""
    data = {"cart_id": cid, "acknowledge": "on"}
    for line in CartLine.objects.filter(cart_id=cid, product__kind__in=("phone_line", "bundle")):
        answers = {**(e911 if e911 is not None else E911), **(port_in or {"keep_number": "no"})}
        data.update({f"line-{line.pk}-{key}": value for key, value in answers.items()})
    return data


def checkout_to_payment(
    client: Client,
    *,
    address: dict[str, str] | None = None,
    listing: str = "listed",
    listed_name: str = "Maria Lopez",
) -> str:
    """From a filled cart to the payment page: address, listings, billing. Returns the cart id."""
    cid = cart_id(client)
    response = client.post("/order/checkout/address/", {"cart_id": cid, **(address or MIAMI)})
    assert response.status_code == 302, response.content.decode()[:3000]
    if response.url.endswith("/listing/"):
        lines = list(CartLine.objects.filter(cart_id=cid))
        answers = {f"choice_{line.pk}": listing for line in lines}
        answers.update({f"name_{line.pk}": listed_name for line in lines})
        response = client.post("/order/checkout/listing/", {"cart_id": cid, **answers})
        assert response.status_code == 302, response.content.decode()[:3000]
        response = client.post("/order/checkout/numbers/", numbers_data(cid))
        assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post("/order/checkout/billing/", {"cart_id": cid, "same_as_service": "on"})
    assert response.status_code == 302
    return cid


def checkout_to_review(
    client: Client,
    *,
    address: dict[str, str] | None = None,
    listing: str = "listed",
    listed_name: str = "Maria Lopez",
    card: dict[str, str] | None = None,
) -> Review:
    """From a filled cart to the review page: address, listings, billing, payment."""
    cid = checkout_to_payment(client, address=address, listing=listing, listed_name=listed_name)
    response = client.post("/order/checkout/payment/", {"cart_id": cid, **(card or card_data())})
    assert response.status_code == 302, response.content.decode()[:3000]
    review = client.get("/order/checkout/review/")
    assert review.status_code == 200
    html = review.content.decode()
    return Review(cart_id=cid, token=placement_token(html), html=html)


def place(
    client: Client, review: Review, *, ssn: str = SSN_APPROVE, dob: str = DOB, identity: bool = True
) -> Any:
    data = {"cart_id": review.cart_id, "placement": review.token}
    if identity:
        data.update(ssn=ssn, date_of_birth=dob)
    return client.post("/order/checkout/review/", data)  # fmt: skip
