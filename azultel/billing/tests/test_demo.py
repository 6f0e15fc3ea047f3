"""The demo data: Maria's bills and call detail, loaded through the real services, idempotent."""

from __future__ import annotations

import pytest

from azultel.billing.models import Bill, BillLine, UsageRecord


@pytest.mark.django_db
def test_demo_bills_maria_once(settings: object) -> None:
    from azultel.accounts.demo import demo_seed as accounts_seed
    from azultel.billing.demo import demo_seed as billing_seed
    from azultel.catalog.demo import demo_seed as catalog_seed
    from azultel.orders.demo import demo_seed as orders_seed

    # Given the demo accounts, catalog and Maria's order
    accounts_seed()
    catalog_seed()
    orders_seed()
    # When the billing demo is loaded twice
    billing_seed()
    counts = (Bill.objects.count(), BillLine.objects.count(), UsageRecord.objects.count())
    billing_seed()
    # Then Maria has her bill (this month: her services start the day the demo is loaded), with
    # call detail for her phone line, and the second load added nothing
    bill = Bill.objects.get(account__customer__email="maria.lopez@demo.azultel.test")
    assert bill.account.paperless
    assert bill.lines.filter(kind__in=["recurring", "proration"]).count() == 2
    assert UsageRecord.objects.filter(bill=bill).count() == 6
    assert (Bill.objects.count(), BillLine.objects.count(), UsageRecord.objects.count()) == counts
