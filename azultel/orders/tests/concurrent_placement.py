"""Twenty submissions of one review page at the same moment, each on its own thread and its own
database connection, as a double click, a refresh and an impatient resubmission would send them.

``submit_concurrently`` runs in the test process on PostgreSQL. SQLite's test database lives in
memory, where concurrent writers fail with "table is locked" instead of waiting, so on SQLite the
same scenario runs in a subprocess against a file database (``main``), with the settings the site
uses in production (WAL, IMMEDIATE transactions, busy timeout).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from http.cookies import SimpleCookie
from typing import Any

SUBMISSIONS = 20


def submit_concurrently(client: Any, data: dict[str, str], n: int = SUBMISSIONS) -> list[Any]:
    """POST ``data`` to the review page from ``n`` threads released together; returns each
    response's (status, Location) or the error it raised."""
    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}

    def submit(index: int) -> None:
        try:
            own = Client()
            own.cookies = SimpleCookie(cookies)
            barrier.wait(timeout=30)
            response = own.post("/order/checkout/review/", data)
            results[index] = [response.status_code, response.get("Location", "")]
        except Exception as exc:  # reported to the test, which fails on it
            results[index] = ["error", repr(exc)]
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def prepared_submission(client: Any) -> dict[str, str]:
    """A signed-in client's cart taken to the review page; returns the form it would post."""
    from azultel.orders.tests.journeys import SSN_APPROVE, add_to_cart, checkout_to_review

    add_to_cart(client, "home-phone-essential")
    add_to_cart(client, "cordless-phone-dect-2")
    review = checkout_to_review(client)
    return {
        "cart_id": review.cart_id,
        "placement": review.token,
        "ssn": SSN_APPROVE,
        "date_of_birth": "1980-07-04",
    }


def main() -> None:
    """The SQLite scenario: a fresh file database, the demo catalog, one customer, 20 threads."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azultel.config.settings")
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from azultel.accounts.testing import customer_create
    from azultel.catalog.demo import demo_seed
    from azultel.orders.models import Order
    from azultel.payments.models import Charge, SandboxCharge

    demo_seed()
    client = Client()
    client.force_login(customer_create(email="maria@example.com"))
    data = prepared_submission(client)
    results = submit_concurrently(client, data)
    json.dump(
        {
            "results": results,
            "orders": list(Order.objects.values_list("pk", flat=True).order_by("pk")),
            "charges": Charge.objects.count(),
            "sandbox_charges": SandboxCharge.objects.count(),
            "vendor": django.db.connection.vendor,
        },
        sys.stdout,
        default=str,
    )


if __name__ == "__main__":
    main()
