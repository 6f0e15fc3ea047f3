"""The ways a run starts: ``manage.py billing_run`` and the monthly Celery task on the beat."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from celery.schedules import crontab
from django.core.management import CommandError, call_command
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing import services
from azultel.billing.charges import Period
from azultel.billing.models import Bill
from azultel.billing.tasks import billing_run_previous_month
from azultel.billing.tests.factories import service_make
from azultel.core.periodic import periodic_jobs

pytestmark = pytest.mark.django_db


def test_command_bills_the_month_given(customer: User, other_customer: User) -> None:
    # Given two customers with service in March 2026
    service_make(customer, started_on=date(2026, 3, 1))
    service_make(other_customer, started_on=date(2026, 3, 20))
    out = StringIO()
    # When the command bills March in batches of one
    call_command("billing_run", "--period", "2026-03", "--batch-size", "1", "--no-progress", stdout=out)  # fmt: skip
    # Then both are billed, and the summary says so
    assert Bill.objects.filter(period_start=date(2026, 3, 1)).count() == 2
    assert "March 2026: 2 bills issued" in out.getvalue()
    assert "in 2 batches" in out.getvalue()


@pytest.mark.parametrize("period", ["2026-13", "March", "2999-01"])
def test_command_refuses_a_bad_or_future_month(customer: User, period: str) -> None:
    # Given a customer with a service
    service_make(customer, started_on=date(2026, 1, 1))
    # When the command is given a month it cannot bill, then it refuses and bills nothing
    with pytest.raises(CommandError):
        call_command("billing_run", "--period", period, "--no-progress", stdout=StringIO())
    assert Bill.objects.count() == 0


def test_run_refuses_a_date_that_is_not_a_first_of_month(customer: User) -> None:
    with pytest.raises(ValueError, match="first day"):
        services.billing_run(period_start=date(2026, 3, 5), actor=None)
    assert Bill.objects.count() == 0


def test_monthly_task_bills_the_month_that_just_ended(customer: User) -> None:
    # Given a service that started on the first day of last month
    last_month = Period.of(timezone.localdate()).previous()
    service_make(customer, started_on=last_month.start)
    # When the beat's task runs
    outcome = billing_run_previous_month.apply().get()
    # Then last month is billed
    assert outcome["period"] == last_month.code
    assert list(Bill.objects.values_list("period_start", flat=True)) == [last_month.start]


def test_the_beat_runs_on_the_first_of_the_month_at_two() -> None:
    entry = periodic_jobs()["billing-run-monthly"]
    assert entry["task"] == "azultel.billing.tasks.billing_run_previous_month"
    assert entry["schedule"] == crontab(minute="0", hour="2", day_of_month="1")
