"""The load mix for `make stack` and `make run` (docs/performance.md, "Load and faults").

70% anonymous browsing (public pages, the shop), 15% signing in and account pages, 5% cart
(a product page, adding it, the cart, the start of checkout), 5% bills, 5% privacy pages; every
page GET is also a statistics hit (the server counts page views itself). 500s are failures; so
is any other 5xx except a 503 with Retry-After (the database-outage answer), which counts apart.

    locust -f scripts/load/locustfile.py --host https://127.0.0.1:18080 --headless -u 20 -r 5 -t 60s
"""

from __future__ import annotations

import random
import re
import sys

from locust import HttpUser, between, events, task

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
OUTAGE_503 = {"count": 0}


def _checked(response: object) -> None:
    status = getattr(response, "status_code", 0)
    if status == 503 and getattr(response, "headers", {}).get("Retry-After"):
        OUTAGE_503["count"] += 1
        response.success()  # type: ignore[attr-defined]
    elif status >= 500 or status == 0:
        response.failure(f"status {status}")  # type: ignore[attr-defined]
    else:
        response.success()  # type: ignore[attr-defined]


class Visitor(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.client.verify = False
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

    @task(5)
    def cart(self) -> None:
        slug = random.choice(PRODUCTS)
        page = self._get(f"/order/add/{slug}/", name="/order/add/<slug>/")
        token = _CSRF.search(page)
        if token:
            with self.client.post(
                f"/order/add/{slug}/",
                data={"csrfmiddlewaretoken": token.group(1)},
                headers={"Referer": f"{self.host}/order/add/{slug}/"},
                name="/order/add/<slug>/ (POST)",
                catch_response=True,
            ) as response:
                _checked(response)
        self._get("/order/cart/", name="/order/cart/")
        self._get("/order/checkout/", name="/order/checkout/")

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
