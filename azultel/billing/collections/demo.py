"""Collections demo (never loaded in production): three customers with an unpaid $80.00 bill,
taken through the real collections jobs on the days they would have run. Idempotent.

* Rita Reyes: five days past due, reminded, with a late fee for her next bill.
* Arturo Plaza: fifteen days past due, in a payment arrangement of two payments.
* Sara Stone: thirty-five days past due, given notice and then suspended for non-payment.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.collections.arrangements import InstalmentPlan, arrangement_make
from azultel.billing.collections.dunning import reminders_send, suspensions_run
from azultel.billing.models import Bill, BillingAccount, BillLine, BillLineKind
from azultel.billing.services import billing_account_get_or_create
from azultel.core.demo import DemoSignIn

PASSWORD = "azultel demo late payer"  # noqa: S105 - demo only, printed by make run
REMINDED = ("rita.reyes@demo.azultel.test", "Rita", "Reyes")
ARRANGED = ("arturo.plaza@demo.azultel.test", "Arturo", "Plaza")
SUSPENDED = ("sara.stone@demo.azultel.test", "Sara", "Stone")
AMOUNT = Decimal("80.00")


def _account(email: str, given: str, family: str) -> tuple[BillingAccount, bool]:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD, given_name=given, family_name=family)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    account = billing_account_get_or_create(customer=user, actor=None)
    return account, not Bill.objects.filter(account=account).exists()


def _unpaid_bill(account: BillingAccount, due: date) -> Bill:
    start = (due.replace(day=1) - timedelta(days=1)).replace(day=1)
    end = due.replace(day=1) - timedelta(days=1)
    customer = account.customer
    bill = Bill.objects.create(
        account=account,
        period_start=start,
        period_end=end,
        number=f"AZB-DEMO-{account.last4}-{start:%Y%m}",
        issued_at=timezone.make_aware(datetime.combine(due - timedelta(days=21), time(2))),
        due_date=due,
        customer_name=f"{customer.given_name} {customer.family_name}",
        billing_street="801 Ocean Dr",
        billing_city="Miami Beach",
        billing_state="FL",
        billing_zip="33139",
        charges_total=AMOUNT,
        amount_due=AMOUNT,
    )
    BillLine.objects.create(
        bill=bill,
        position=1,
        kind=BillLineKind.RECURRING,
        description="Home Internet 500",
        amount=AMOUNT,
        period_from=start,
        period_to=end,
    )
    return bill


def collections_demo_seed() -> list[DemoSignIn]:
    today = timezone.localdate()
    sara, fresh = _account(*SUSPENDED)
    if fresh:
        due = today - timedelta(days=35)
        _unpaid_bill(sara, due)
        reminders_send(today=due + timedelta(days=1))
        suspensions_run(today=due + timedelta(days=23))
        suspensions_run(today=today)
    arturo, fresh = _account(*ARRANGED)
    if fresh:
        _unpaid_bill(arturo, today - timedelta(days=15))
        reminders_send(today=today)
        arrangement_make(
            account=arturo,
            plan=[
                InstalmentPlan(today + timedelta(days=7), Decimal("40.00")),
                InstalmentPlan(today + timedelta(days=30), Decimal("40.00")),
            ],
            made_by=arturo.customer,
            today=today,
        )
    rita, fresh = _account(*REMINDED)
    if fresh:
        _unpaid_bill(rita, today - timedelta(days=5))
        reminders_send(today=today)
    return [
        DemoSignIn("Customer: past due, reminded", REMINDED[0], PASSWORD),
        DemoSignIn("Customer: in a payment arrangement", ARRANGED[0], PASSWORD),
        DemoSignIn("Customer: suspended for non-payment", SUSPENDED[0], PASSWORD),
    ]
