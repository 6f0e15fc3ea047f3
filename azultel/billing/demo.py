"""Demo bills (never loaded in production): the demo customer, on paperless billing, gets call
detail for her phone line and the bills of the two most recent months in which she had service,
issued by the real billing run; then the collections demo (``collections/demo.py``). Idempotent.

Her services come from ``orders/demo.py`` and start on the day the demo is first loaded, so on a
fresh database the only such month is the current one: she gets one bill, for this month so far
and the rest of it (the run bills a whole month). A database seeded earlier gets two. The real
run refuses a month that is not over; the demo alone asks for it with ``allow_open_period``, so
that a fresh demo has a bill to show.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.charges import Period
from azultel.billing.collections.demo import collections_demo_seed
from azultel.billing.models import Bill
from azultel.billing.services import (
    UsageCall,
    billing_account_get_or_create,
    billing_run,
    billing_settings_update,
    usage_records_add,
)
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.orders.selectors import services_for_customer

DEMO_CUSTOMER = "maria.lopez@demo.azultel.test"
# (number called, seconds, charge): calls within the plan cost nothing; Mexico City does not.
CALLS = (
    ("+12125550160", 610, "0.00"),
    ("+13055550199", 45, "0.00"),
    ("+525555550123", 480, "2.40"),
    ("+14045550117", 1260, "0.00"),
    ("+17865550142", 65, "0.00"),
    ("+13055550199", 320, "0.00"),
)


def demo_seed() -> list[DemoSignIn]:
    _maria_seed()
    return collections_demo_seed()


def _maria_seed() -> None:
    customer = User.objects.filter(email=DEMO_CUSTOMER).first()
    if customer is None:
        return
    services = list(services_for_customer(customer=customer))
    if not services:
        return
    account = billing_account_get_or_create(customer=customer, actor=None)
    if Bill.objects.filter(account=account).exists():
        return
    billing_settings_update(
        account=account, paperless=True, autopay=False, autopay_card=None, actor=None
    )
    first_day = min(s.started_on for s in services)
    current = Period.of(timezone.localdate())
    periods = [p for p in (current.previous(), current) if p.end >= first_day]
    line = next((s.phone_line for s in services if getattr(s, "phone_line", None)), None)
    if line is not None:
        # Spread between the service's first day and now, so every call is in a billed month.
        earliest = timezone.make_aware(datetime.combine(first_day, datetime.min.time()))
        step = (timezone.now() - earliest) / (len(CALLS) + 1)
        usage_records_add(
            account=account,
            calls=[
                UsageCall(line.number, earliest + step * (n + 1), to, seconds, Decimal(charge))
                for n, (to, seconds, charge) in enumerate(CALLS)
            ],
            actor=None,
        )
    for period in periods:
        billing_run(period_start=period.start, actor=system_actor("demo"), allow_open_period=True)
