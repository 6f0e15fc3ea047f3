"""P30: a CPNI breach record with its notification deadlines (47 CFR 64.2011)."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.testing import staff_create
from azultel.privacy.cpni_breach import (
    BreachNoticeRefused,
    business_days_after,
    cpni_breach_customers_notified,
    cpni_breach_law_enforcement_notified,
    cpni_breach_record,
    customer_notice_earliest,
    law_enforcement_deadline,
)
from azultel.privacy.models import CpniBreach


def test_business_days_skip_weekends() -> None:
    friday = date(2026, 11, 27)

    assert business_days_after(friday, 1) == date(2026, 11, 30)
    assert business_days_after(friday, 7) == date(2026, 12, 8)


@pytest.mark.promise("P30")
@pytest.mark.django_db
def test_law_enforcement_first_then_customers_after_seven_business_days() -> None:
    breach = cpni_breach_record(
        actor=None,
        determined_on=date(2026, 11, 27),
        description="Call records exposed by a misconfigured export.",
        customers_affected=42,
    )
    le_day = timezone.make_aware(timezone.datetime(2026, 11, 30, 10, 0))

    with pytest.raises(BreachNoticeRefused, match="Notify law enforcement first"):
        cpni_breach_customers_notified(breach=breach, actor=None)
    with mock.patch("django.utils.timezone.now", return_value=le_day):
        breach = cpni_breach_law_enforcement_notified(
            breach=breach, actor=None, reference="CRF-2026-0042"
        )
        with pytest.raises(BreachNoticeRefused, match="Customers may be told from December 9"):
            cpni_breach_customers_notified(breach=breach, actor=None)
    with mock.patch("django.utils.timezone.now", return_value=le_day + timedelta(days=9)):
        breach = cpni_breach_customers_notified(breach=breach, actor=None)

    assert law_enforcement_deadline(breach) == date(2026, 12, 8)
    assert customer_notice_earliest(breach) == date(2026, 12, 9)
    assert breach.customers_notified_at is not None


@pytest.mark.promise("P30")
@pytest.mark.django_db
def test_a_delay_asked_by_law_enforcement_postpones_customer_notice() -> None:
    breach = cpni_breach_record(
        actor=None,
        determined_on=timezone.localdate(),
        description="Stolen call-detail report.",
        customers_affected=3,
    )
    later = timezone.localdate() + timedelta(days=30)

    breach = cpni_breach_law_enforcement_notified(
        breach=breach, actor=None, reference="CRF-1", delay_until=later
    )

    assert customer_notice_earliest(breach) == later
    with pytest.raises(BreachNoticeRefused):
        cpni_breach_customers_notified(breach=breach, actor=None)


@pytest.mark.promise("P30")
@pytest.mark.django_db
def test_breach_records_are_kept_in_the_admin(client: Client) -> None:
    breach = cpni_breach_record(
        actor=None,
        determined_on=timezone.localdate(),
        description="Misdirected bill.",
        customers_affected=1,
    )
    officer = staff_create(role="privacy_officer")
    client.force_login(officer)

    listing = client.get("/staff/admin/privacy/cpnibreach/")
    delete = client.post(f"/staff/admin/privacy/cpnibreach/{breach.pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200 and "Law enforcement due by" in listing.content.decode()
    assert delete.status_code == 403
    assert CpniBreach.objects.filter(pk=breach.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("description", "determined", "message"),
    [("  ", 0, "Describe what happened"), ("Something", 5, "cannot be in the future")],
)
def test_an_incomplete_breach_record_is_refused(
    description: str, determined: int, message: str
) -> None:
    with pytest.raises(BreachNoticeRefused, match=message):
        cpni_breach_record(
            actor=None,
            description=description,
            customers_affected=1,
            determined_on=timezone.localdate() + timedelta(days=determined),
        )

    assert CpniBreach.objects.count() == 0
