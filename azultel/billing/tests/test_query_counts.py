"""Staff customer lookup: a constant number of queries whatever the number of matches (issue 23)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.testing import customer_create, staff_create
from azultel.billing import services
from azultel.billing.tests.factories import service_make

pytestmark = pytest.mark.django_db


def _accounts(count: int, start: int) -> None:
    for n in range(start, start + count):
        customer = customer_create(
            email=f"lookup{n}@example.com", given_name="Lee", family_name=f"Lookup{n}"
        )
        service_make(customer, started_on=date(2026, 1, 1))
    services.billing_run(period_start=date(2026, 3, 1), actor=None)


def _count(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/staff/billing/", {"q": "lookup"})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_customer_lookup_runs_the_same_queries_for_one_or_many_matches() -> None:
    client = Client()
    client.force_login(staff_create(role="billing"))
    _accounts(1, 0)
    client.get("/staff/billing/")  # the session's first request does its upkeep
    one = _count(client)
    _accounts(4, 1)

    many = _count(client)

    assert many == one
    assert client.get("/staff/billing/", {"q": "lookup"}).content.decode().count("lookup") >= 5
