"""CPNI breach notification (P30, 47 CFR 64.2011) with a frozen clock: law enforcement within
seven business days (weekends and federal holidays skipped), the holding period (or law
enforcement's delay), the customers' notices through the outbox, reminders, the two-year list."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from unittest import mock

import pytest
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.selectors import privacy_office_addresses
from azultel.accounts.testing import customer_create
from azultel.comms.models import OutboxMessage
from azultel.compliance.models import BreachCustomer
from azultel.compliance.services import (
    ComplianceRefused,
    breach_clock,
    breach_customers_notify,
    breach_law_enforcement_record,
    breach_lists_purge,
    breach_open,
    breach_reminders_send,
)
from azultel.compliance.tests.conftest import client_for
from azultel.core.models import AuditEvent
from azultel.privacy.cpni_breach import business_days_after, law_enforcement_deadline
from azultel.privacy.models import CpniBreach
from azultel.privacy.us_holidays import federal_holidays

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_THANKSGIVING = date(2026, 11, 20)


@contextmanager
def frozen(day: date) -> Iterator[None]:
    moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _open(officer: User, customer: User) -> CpniBreach:
    other = customer_create(email="jon@example.com", given_name="Jon", family_name="Diaz")
    with frozen(FRIDAY_BEFORE_THANKSGIVING):
        return breach_open(
            actor=officer,
            determined_on=FRIDAY_BEFORE_THANKSGIVING,
            description="A support export exposed call records.",
            customer_emails=[customer.email, f" {other.email.upper()} ", ""],
        )


def _reminders() -> int:
    return OutboxMessage.objects.filter(subject_line__startswith="CPNI breach").count()


def test_federal_holidays_are_computed_with_their_observed_days() -> None:
    days = federal_holidays(2026)

    assert date(2026, 11, 26) in days  # Thanksgiving, fourth Thursday
    assert date(2026, 7, 3) in days  # July 4 is a Saturday: observed Friday
    assert date(2026, 1, 19) in days  # Martin Luther King, Jr. Day
    assert date(2026, 5, 25) in days  # Memorial Day, last Monday
    assert date(2027, 12, 31) in federal_holidays(2027)  # New Year 2028 is a Saturday
    assert len(days) == 11


@pytest.mark.promise("P30")
def test_law_enforcement_deadline_skips_the_weekend_and_thanksgiving(
    officer: User, customer: User
) -> None:
    breach = _open(officer, customer)

    assert law_enforcement_deadline(breach) == date(2026, 12, 2)
    assert business_days_after(date(2026, 12, 21), 7) == date(2026, 12, 31)  # over Christmas
    steps = breach_clock(breach=breach, today=date(2026, 12, 2))
    assert (steps[1].state, steps[1].when) == ("due", date(2026, 12, 2))
    assert breach_clock(breach=breach, today=date(2026, 12, 3))[1].state == "overdue"
    assert BreachCustomer.objects.filter(breach=breach).count() == 2
    assert breach.customers_affected == 2


@pytest.mark.promise("P30")
def test_reminders_come_before_each_deadline_and_once_a_day(
    officer: User, second_officer: User, customer: User
) -> None:
    breach = _open(officer, customer)

    assert breach_reminders_send(today=FRIDAY_BEFORE_THANKSGIVING) == 0
    assert _reminders() == 0
    with frozen(date(2026, 11, 30)):
        assert breach_reminders_send() == 1
        breach_reminders_send()
    # One to the privacy office and each officer, not repeated the same day.
    assert _reminders() == len(privacy_office_addresses()) == 3

    with frozen(date(2026, 12, 21)):
        breach_law_enforcement_record(
            actor=officer, breach=breach, reference="CRF-26-77", delay_until=None
        )
    breach.refresh_from_db()
    assert breach_reminders_send(today=date(2026, 12, 24)) == 0
    assert breach_reminders_send(today=date(2026, 12, 29)) == 1  # customers from Dec 31


@pytest.mark.promise("P30")
def test_customers_are_told_only_after_the_holding_period(
    officer: User, customer: User, django_capture_on_commit_callbacks: object
) -> None:
    breach = _open(officer, customer)
    with frozen(date(2026, 12, 21)):
        breach = breach_law_enforcement_record(
            actor=officer, breach=breach, reference="CRF-26-77", delay_until=None
        )

    with frozen(date(2026, 12, 30)), pytest.raises(ComplianceRefused, match="December 31"):
        breach_customers_notify(actor=officer, breach=breach)
    assert OutboxMessage.objects.filter(to_address=customer.email).count() == 0

    with frozen(date(2026, 12, 31)):
        assert breach_customers_notify(actor=officer, breach=breach) == 2

    assert OutboxMessage.objects.filter(to_address=customer.email).count() == 1
    assert OutboxMessage.objects.filter(to_address="jon@example.com").count() == 1
    assert not BreachCustomer.objects.filter(breach=breach, queued_at__isnull=True).exists()
    breach.refresh_from_db()
    assert breach_clock(breach=breach, today=date(2026, 12, 31))[3].state == "done"


@pytest.mark.promise("P30")
def test_law_enforcement_may_ask_for_a_longer_wait(officer: User, customer: User) -> None:
    breach = _open(officer, customer)
    with frozen(date(2026, 12, 21)):
        breach = breach_law_enforcement_record(
            actor=officer, breach=breach, reference="CRF-26-77", delay_until=date(2027, 1, 15)
        )

    with frozen(date(2027, 1, 14)), pytest.raises(ComplianceRefused, match="January 15"):
        breach_customers_notify(actor=officer, breach=breach)
    with frozen(date(2027, 1, 15)):
        assert breach_customers_notify(actor=officer, breach=breach) == 2


def test_the_list_of_customers_is_kept_two_years(officer: User, customer: User) -> None:
    breach = _open(officer, customer)

    assert breach_lists_purge(today=date(2028, 11, 20)) == 0
    assert BreachCustomer.objects.filter(breach=breach).count() == 2
    assert breach_lists_purge(today=date(2028, 11, 23)) == 2
    assert CpniBreach.objects.filter(pk=breach.pk).exists()


def test_a_breach_naming_an_unknown_customer_is_refused_and_nothing_saved(
    officer: User, customer: User
) -> None:
    before = AuditEvent.objects.filter(action="compliance.attempt_refused").count()

    with pytest.raises(ComplianceRefused, match="match no open account"):
        breach_open(
            actor=officer,
            determined_on=FRIDAY_BEFORE_THANKSGIVING,
            description="Exposed.",
            customer_emails=[customer.email, "stranger@example.net"],
        )

    assert CpniBreach.objects.count() == 0 and BreachCustomer.objects.count() == 0
    assert AuditEvent.objects.filter(action="compliance.attempt_refused").count() == before + 1


def test_the_breach_page_shows_the_clock(officer: User, customer: User) -> None:
    breach = _open(officer, customer)

    response = client_for(officer).get(f"/staff/compliance/breaches/{breach.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Wednesday, December 2, 2026" in page
    assert "Record the law-enforcement notice" in page


@pytest.mark.promise("P30")
def test_the_submission_day_is_recorded_through_the_page_and_starts_the_holding_period(
    officer: User, customer: User
) -> None:
    breach = _open(officer, customer)

    with frozen(date(2026, 12, 23)):
        client = client_for(officer)
        future = client.post(
            f"/staff/compliance/breaches/{breach.pk}/law-enforcement/",
            {"submitted_on": "2026-12-24", "reference": "CRF-26-77"},
        )
        breach.refresh_from_db()
        assert future.status_code == 400 and breach.law_enforcement_notified_at is None
        response = client.post(
            f"/staff/compliance/breaches/{breach.pk}/law-enforcement/",
            {"submitted_on": "2026-12-21", "reference": "CRF-26-77"},
        )

    assert response.status_code == 302
    breach.refresh_from_db()
    assert timezone.localdate(breach.law_enforcement_notified_at) == date(2026, 12, 21)
    assert breach.law_enforcement_reference == "CRF-26-77"
    assert breach_clock(breach=breach, today=date(2026, 12, 23))[2].when == date(2026, 12, 31)
