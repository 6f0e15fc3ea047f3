"""The load mix for `make stack` and `make run` (docs/performance.md, "Load and faults").

70% anonymous browsing (public pages, the shop), 15% signing in and account pages, 5% ordering
(a product page, adding it, the cart, then the whole checkout: address, directory listing,
billing, the sandbox test card, review with the sandbox credit bureau's test SSN, and placing
the order), 5% bills, 5% privacy pages; every page GET is also a statistics hit (the server
counts page views itself). 500s are failures; so is any other 5xx except a 503 with Retry-After
(the database-outage answer), which counts apart.

Every order the site confirmed to the load test (placing it redirected to the order's page) is
appended to the file named by ``AZULTEL_LOAD_ORDERS`` (one order id a line), so
`scripts/stack/check.py` can prove afterwards that none was lost and each email went once.

    locust -f scripts/load/locustfile.py --host https://127.0.0.1:18080 --headless -u 20 -r 5 -t 60s
"""

from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, events, task
from requests.adapters import HTTPAdapter

CUSTOMER = ("maria.lopez@demo.azultel.test", "harbor lights at dusk")
PUBLIC = [
    "/",
    "/carrier/",
    "/retail/",
    "/company/",
    "/careers/",
    "/legal/",
    "/legal/terms/",
    "/legal/privacy/",
    "/legal/cpni/",
    "/privacy-faqs/",
    "/support/",
    "/shop/",
    "/shop/home/",
    "/shop/home/phone/",
    "/shop/home/internet/",
    "/shop/home/bundles/",
    "/site-map/",
]
PRODUCTS = ["home-phone-essential"]
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CART_ID = re.compile(r'name="cart_id" value="([^"]+)"')
_PLACEMENT = re.compile(r'name="placement" value="([^"]+)"')
_LISTING = re.compile(r'name="(choice_[0-9a-f-]+)"')
_ORDER_PAGE = re.compile(r"/account/orders/([0-9a-f-]{36})/$")
# The sandbox card processor's and credit bureau's test values (docs/operations.md).
TEST_CARD = {
    "card": "new",
    "card-number": "4242 4242 4242 4242",
    "card-exp_month": "12",
    "card-exp_year": "2031",
    "card-cvc": "737",
}
TEST_IDENTITY = {"ssn": "111-22-3333", "date_of_birth": "1980-07-04"}
SERVICE_ADDRESS = {
    "street": "1200 Brickell Ave",
    "unit": "Apt 1504",
    "city": "Miami",
    "zip_code": "33131",
}
ORDERS_FILE = os.environ.get("AZULTEL_LOAD_ORDERS", "")
_USERS = {"started": 0}
OUTAGE_503 = {"count": 0}
PLACED = {"count": 0}


def _checked(response: object) -> None:
    status = getattr(response, "status_code", 0)
    if status == 503 and getattr(response, "headers", {}).get("Retry-After"):
        OUTAGE_503["count"] += 1
        response.success()  # type: ignore[attr-defined]
    elif status >= 500 or status == 0:
        response.failure(f"status {status}")  # type: ignore[attr-defined]
    else:
        response.success()  # type: ignore[attr-defined]


class SourceAddressAdapter(HTTPAdapter):
    """Connects from a given loopback address: each simulated visitor comes from an address of
    its own (127.0.1.1, 127.0.1.2, ...), as real visitors do. From one address, thirty visitors
    would share the per-address sign-in limit (allauth, 30 attempts a minute: P22) and the load
    test would measure that limit instead of the site."""

    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]


class Visitor(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.client.verify = False
        n = _USERS["started"]
        _USERS["started"] += 1
        source = SourceAddressAdapter(f"127.0.{1 + n // 250}.{1 + n % 250}")
        self.client.mount("https://", source)
        self.client.mount("http://", source)
        self.signed_in = False

    def _get(self, path: str, name: str | None = None) -> str:
        with self.client.get(path, name=name or path, catch_response=True) as response:
            _checked(response)
            return response.text or ""

    def _sign_in(self) -> None:
        page = self._get("/account/login/")
        token = _CSRF.search(page)
        if not token:
            return
        with self.client.post(
            "/account/login/",
            data={
                "login": CUSTOMER[0],
                "password": CUSTOMER[1],
                "csrfmiddlewaretoken": token.group(1),
            },
            headers={"Referer": f"{self.host}/account/login/"},
            name="/account/login/ (POST)",
            catch_response=True,
        ) as response:
            _checked(response)
            self.signed_in = (
                response.status_code in (200, 302) and "/account/login/" not in response.url
            )

    @task(70)
    def browse(self) -> None:
        self._get(random.choice(PUBLIC), name="public page")

    @task(15)
    def account(self) -> None:
        if not self.signed_in:
            self._sign_in()
        self._get("/account/", name="account page")
        self._get(
            random.choice(["/account/profile/", "/account/orders/", "/account/services/"]),
            name="account page",
        )

    def _post(self, path: str, page: str, data: dict[str, str], name: str) -> tuple[int, str]:
        """POST a form the way a browser does: the CSRF token from the page that showed it.
        Returns (status, where it led); redirects are not followed."""
        token = _CSRF.search(page)
        if not token:
            return 0, ""
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": f"{self.host}{path}"},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            _checked(response)
            return response.status_code, response.headers.get("Location", "")

    @task(5)
    def order(self) -> None:
        """Cart and checkout through to a placed order (paid with the sandbox test card)."""
        if not self.signed_in:
            self._sign_in()
        slug = random.choice(PRODUCTS)
        page = self._get(f"/order/add/{slug}/?state=FL", name="/order/add/<slug>/")
        self._post(
            f"/order/add/{slug}/",
            page,
            {"state": "FL", "quantity": "1"},
            "/order/add/<slug>/ (POST)",
        )
        self._get("/order/cart/", name="/order/cart/")
        self._get("/order/checkout/", name="/order/checkout/")
        page = self._get("/order/checkout/address/", name="checkout step")
        cart = _CART_ID.search(page)
        if not cart or not self.signed_in:
            return
        cid = {"cart_id": cart.group(1)}
        status, _ = self._post(
            "/order/checkout/address/", page, {**cid, **SERVICE_ADDRESS}, "checkout step (POST)"
        )
        page = self._get("/order/checkout/listing/", name="checkout step")
        choices = dict.fromkeys(_LISTING.findall(page), "listed")
        names = {name.replace("choice_", "name_"): "Maria Lopez" for name in choices}
        if choices:
            self._post(
                "/order/checkout/listing/",
                page,
                {**cid, **choices, **names},
                "checkout step (POST)",
            )
        page = self._get("/order/checkout/billing/", name="checkout step")
        self._post(
            "/order/checkout/billing/",
            page,
            {**cid, "same_as_service": "on"},
            "checkout step (POST)",
        )
        page = self._get("/order/checkout/payment/", name="checkout step")
        self._post("/order/checkout/payment/", page, {**cid, **TEST_CARD}, "checkout step (POST)")
        page = self._get("/order/checkout/review/", name="checkout step")
        placement = _PLACEMENT.search(page)
        if not placement:
            return
        data = {**cid, "placement": placement.group(1)}
        if 'name="ssn"' in page:
            data.update(TEST_IDENTITY)
        status, location = self._post("/order/checkout/review/", page, data, "place order (POST)")
        placed = _ORDER_PAGE.search(location) if status == 302 else None
        if placed:
            PLACED["count"] += 1
            if ORDERS_FILE:
                with Path(ORDERS_FILE).open("a") as handle:
                    handle.write(placed.group(1) + "\n")

    @task(5)
    def bills(self) -> None:
        if not self.signed_in:
            self._sign_in()
        self._get("/account/bills/", name="/account/bills/")

    @task(5)
    def privacy(self) -> None:
        self._get("/legal/privacy/", name="public page")
        if self.signed_in:
            self._get("/account/privacy/", name="account page")


@events.quitting.add_listener
def _report(environment: object, **_: object) -> None:
    sys.stdout.write(f"503 with Retry-After (database outage answers): {OUTAGE_503['count']}\n")
    sys.stdout.write(f"orders placed and confirmed to the load test: {PLACED['count']}\n")
