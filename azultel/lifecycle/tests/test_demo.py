"""The demo data: Maria's booked internet downgrade, through the real services, idempotent."""

from __future__ import annotations

import pytest

from azultel.lifecycle.models import ChangeKind, ChangeStatus, ServiceChange


@pytest.mark.django_db
def test_demo_books_a_downgrade_for_maria_once() -> None:
    from azultel.accounts.demo import demo_seed as accounts_seed
    from azultel.catalog.demo import demo_seed as catalog_seed
    from azultel.lifecycle.demo import demo_seed as lifecycle_seed
    from azultel.orders.demo import demo_seed as orders_seed

    accounts_seed()
    catalog_seed()
    orders_seed()
    lifecycle_seed()
    lifecycle_seed()
    change = ServiceChange.objects.get()
    assert change.customer.email == "maria.lopez@demo.azultel.test"
    assert (change.kind, change.status) == (ChangeKind.PLAN, ChangeStatus.SCHEDULED)
    assert change.new_monthly_price < change.old_monthly_price
    assert change.effective_on.day == 1
