"""B2: a customer's service changes are in "my data" and a deletion erases the move's address."""

from __future__ import annotations

from datetime import date

import pytest

from azultel.accounts.models import User
from azultel.lifecycle import services
from azultel.lifecycle.models import ServiceChange
from azultel.lifecycle.selectors import service_changes_export
from azultel.lifecycle.services.erasure import customer_changes_erase
from azultel.orders.models import Service


@pytest.mark.promise("B2")
def test_B2_changes_are_exported_and_a_moves_address_erased(
    customer: User, fiber: Service, served_zip: str
) -> None:
    services.service_move(
        actor=customer, service=fiber, street="500 Collins Ave", unit="", city="Miami Beach",
        zip_code=served_zip, appointment_on=None, idempotency_key="m" * 20,
        today=date(2026, 3, 11),
    )  # fmt: skip
    exported = service_changes_export(customer=customer)["service_changes"]
    assert exported[0]["new_address"]["street"] == "500 Collins Ave"  # type: ignore[index]
    customer_changes_erase(customer=customer)
    change = ServiceChange.objects.get()
    assert (change.new_street, change.new_city, change.new_zip) == ("erased", "", "")
