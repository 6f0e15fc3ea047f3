"""Twenty retries of one API order create at the same moment, each on its own thread and
connection. Run in the test process on PostgreSQL (``send_concurrently``); on SQLite, whose
in-memory test database cannot take concurrent writers, ``main`` runs it in a subprocess against
a file database with the production settings (WAL, IMMEDIATE transactions, busy timeout)."""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

RETRIES = 20
ORDERS = "/api/tmf-api/productOrderingManagement/v4/productOrder"


def send_concurrently(token: str, data: dict[str, object], n: int = RETRIES) -> list[Any]:
    """POST ``data`` from ``n`` threads released together; each status or error."""
    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def send(index: int) -> None:
        try:
            client = Client(headers={"Authorization": f"Bearer {token}"})
            barrier.wait(timeout=30)
            response = client.post(ORDERS, data, content_type="application/json")
            results[index] = [response.status_code, response.json().get("id")]
        except Exception as exc:  # reported to the test, which fails on it
            results[index] = ["error", repr(exc)]
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def scenario() -> dict[str, object]:
    """Demo catalog, a partner and its customer, twenty retries; what the database holds."""
    from django.db import connection

    from azultel.accounts.testing import customer_create
    from azultel.api.models import PartnerOrder
    from azultel.api.tests.conftest import card_for, link, make_partner, order_body, token_for
    from azultel.catalog.demo import demo_seed
    from azultel.orders.models import Cart, Order
    from azultel.payments.models import Charge

    demo_seed()
    partner = make_partner("Concurrent")
    customer = customer_create(email="c@example.com", given_name="C", family_name="D")
    link(partner, customer)
    results = send_concurrently(
        token_for(partner), order_body(customer, card_for(customer), "same")
    )
    return {
        "results": results,
        "orders": Order.objects.count(),
        "links": PartnerOrder.objects.count(),
        "carts": Cart.objects.count(),
        "charges": Charge.objects.count(),
        "vendor": connection.vendor,
    }


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azultel.config.settings")
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.PAYMENT_GATEWAY = "azultel.payments.gateway.SandboxGateway"
    json.dump(scenario(), sys.stdout, default=str)


if __name__ == "__main__":
    main()
