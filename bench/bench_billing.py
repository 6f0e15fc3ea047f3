"""Issue 7 at scale: one month's billing run over 100,000 accounts with 1-3 services each.

Runs against a scratch SQLite file and a scratch PostgreSQL database (``azultel_bench_billing``,
created and dropped here). The data (customers with an address of record, one order each with
1-3 service lines, the services and their phone lines) is generated with bulk inserts in one
child process; about a tenth of the services start during the month and a tenth stop during it,
a third of the customers have a bill for the month before (half of them paid since) and every
account is paperless, so each bill queues its bill-ready email. Delivery tasks go to a Redis
database no worker reads, flushed afterwards.

The run itself happens in a second child process, which prints: accounts per second, total
seconds, bills, lines and emails written, peak memory of that process (``resource.getrusage``),
its resident memory sampled after every batch (first, middle, last, max: it stays flat), the
machine's load average (other work on the shared 2 cores slows the run), and a baseline: the
time to bulk-insert the same number of bill rows computing nothing, and the ratio.

``--quick`` bills 5,000 accounts.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bench.scratch import child_run, scratch_databases

PG_DB = "azultel_bench_billing"
PERIOD = date(2026, 10, 1)
CHUNK = 5000
STATES = ("FL", "GA", "NY", "TX", "PR")
# (kind, name, monthly price, intro price, intro months)
PLANS = (
    ("phone_line", "Home Phone Essential", "24.99", None, None),
    ("internet", "Fiber 300 Internet", "55.00", "40.00", 12),
    ("internet", "DSL 25 Internet", "39.99", None, None),
    ("bundle", "Phone + Fiber 300", "69.99", "59.99", 12),
)


def _rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB."""
    with Path("/proc/self/statm").open() as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _generate(count: int) -> tuple[float, int]:
    """Customers, profiles, orders, lines, services and phone lines; returns (seconds, services)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from azultel.accounts.models import CustomerProfile, User
    from azultel.catalog.models import Line, Product
    from azultel.orders.models import (
        ListingChoice,
        Order,
        OrderLine,
        OrderStatus,
        PhoneLine,
        Service,
        ServiceStatus,
    )

    rng = random.Random(7)
    start = time.perf_counter()
    products = [
        Product.objects.create(
            line=Line.HOME, kind=kind, slug=f"bench-{n}", name=name, summary="Bench product."
        )
        for n, (kind, name, *_) in enumerate(PLANS)
    ]
    unusable = make_password(None)
    services_made = 0
    phone_seq = 0
    month_end = PERIOD.replace(day=31)
    for first in range(0, count, CHUNK):
        ids = range(first, min(first + CHUNK, count))
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"c{i}@bench.example",
                        given_name="Bench",
                        family_name=f"Customer {i}",
                        password=unusable,
                    )
                    for i in ids
                ]
            )
            CustomerProfile.objects.bulk_create(
                [
                    CustomerProfile(
                        user=u,
                        street=f"{i} Ocean Drive",
                        city="Miami",
                        state="FL",
                        zip_code="33139",
                    )
                    for i, u in zip(ids, users, strict=True)
                ]
            )
            orders, lines, plans = [], [], []
            for i, user in zip(ids, users, strict=True):
                state = rng.choice(STATES)
                order = Order(
                    number=f"AZ-BENCH-{i:07d}",
                    customer=user,
                    state=state,
                    status=OrderStatus.ACTIVE,
                    idempotency_key=f"bench-{i}",
                    service_street=f"{i} Ocean Drive",
                    service_city="Miami",
                    service_state=state,
                    service_zip="33139",
                    billing_street=f"{i} Ocean Drive",
                    billing_city="Miami",
                    billing_state=state,
                    billing_zip="33139",
                )
                orders.append(order)
                for position, p in enumerate(rng.sample(range(len(PLANS)), rng.randint(1, 3))):
                    kind, name, monthly, intro, months = PLANS[p]
                    phone = kind in ("phone_line", "bundle")
                    lines.append(
                        OrderLine(
                            order=order,
                            product=products[p],
                            product_name=name,
                            product_kind=kind,
                            monthly_price=Decimal(monthly),
                            intro_monthly_price=Decimal(intro) if intro else None,
                            intro_months=months,
                            includes_phone_line=phone,
                            listing_choice=ListingChoice.NON_PUBLISHED if phone else "",
                            position=position,
                        )
                    )
                    roll = rng.random()
                    started = (
                        PERIOD + timedelta(days=rng.randint(1, 30))
                        if roll < 0.1
                        else PERIOD - timedelta(days=rng.randint(1, 700))
                    )
                    ended = (
                        PERIOD + timedelta(days=rng.randint(0, 30)) if 0.1 <= roll < 0.2 else None
                    )
                    plans.append((user, state, started, min(ended, month_end) if ended else None))
            Order.objects.bulk_create(orders)
            OrderLine.objects.bulk_create(lines)
            services = [
                Service(
                    customer=user,
                    product_id=line.product_id,
                    product_name=line.product_name,
                    product_kind=line.product_kind,
                    state=state,
                    order_line=line,
                    monthly_price=line.monthly_price,
                    intro_monthly_price=line.intro_monthly_price,
                    intro_months=line.intro_months,
                    service_street="Ocean Drive",
                    service_city="Miami",
                    service_state=state,
                    service_zip="33139",
                    started_on=started,
                    ended_on=ended,
                    status=ServiceStatus.ENDED if ended else ServiceStatus.ACTIVE,
                )
                for line, (user, state, started, ended) in zip(lines, plans, strict=True)
            ]
            Service.objects.bulk_create(services)
            phones = []
            for service in services:
                if service.product_kind in ("phone_line", "bundle"):
                    phone_seq += 1
                    phones.append(
                        PhoneLine(
                            service=service,
                            number=f"+1{200 + phone_seq // 10**7}{phone_seq % 10**7:07d}",
                            listing_choice=ListingChoice.NON_PUBLISHED,
                        )
                    )
            PhoneLine.objects.bulk_create(phones)
            services_made += len(services)
    return time.perf_counter() - start, services_made


def _previous_month(count: int) -> None:
    """A bill for September for a third of the accounts, half of them paid since (not timed)."""
    from django.db import transaction
    from django.utils import timezone

    from azultel.accounts.models import User
    from azultel.billing.account_numbers import account_number_for
    from azultel.billing.models import Bill, BillingAccount, Payment, PaymentStatus
    from azultel.payments.models import Charge, StoredCard

    with transaction.atomic():
        ids = list(User.objects.order_by("pk").values_list("pk", flat=True)[: count // 3])
        BillingAccount.objects.bulk_create(
            [BillingAccount(customer_id=c, account_number=account_number_for(c)) for c in ids],
            batch_size=CHUNK,
        )
        accounts = list(BillingAccount.objects.order_by("pk"))
        now = timezone.now()
        bills = [
            Bill(
                account=a,
                period_start=date(2026, 9, 1),
                period_end=date(2026, 9, 30),
                number=f"{a.account_number}-2609",
                issued_at=now,
                due_date=date(2026, 10, 21),
                customer_name="Bench Customer",
                charges_total=Decimal("80.00"),
                taxes_total=Decimal("4.00"),
                amount_due=Decimal("84.00"),
            )
            for a in accounts
        ]
        Bill.objects.bulk_create(bills, batch_size=CHUNK)
        paid = accounts[::2]
        cards = StoredCard.objects.bulk_create(
            [
                StoredCard(
                    customer_id=a.customer_id,
                    token=f"tok_bench_{a.pk}",
                    brand="visa",
                    last4="4242",
                    exp_month=12,
                    exp_year=2030,
                )
                for a in paid
            ],
            batch_size=CHUNK,
        )
        charges = Charge.objects.bulk_create(
            [
                Charge(
                    idempotency_key=f"bench-pay-{a.pk}",
                    customer_id=a.customer_id,
                    card=card,
                    amount=Decimal("84.00"),
                    processor_ref=f"ch_bench_{a.pk}",
                    description="Bench",
                )
                for a, card in zip(paid, cards, strict=True)
            ],
            batch_size=CHUNK,
        )
        by_account = {b.account_id: b for b in bills}
        Payment.objects.bulk_create(
            [
                Payment(
                    account=a,
                    bill=by_account[a.pk],
                    amount=Decimal("84.00"),
                    idempotency_key=f"bench-{a.pk}",
                    charge=charge,
                    card=charge.card,
                    status=PaymentStatus.SUCCEEDED,
                )
                for a, charge in zip(paid, charges, strict=True)
            ],
            batch_size=CHUNK,
        )


def _baseline(count: int) -> float:
    """Seconds to bulk-insert ``count`` bill rows computing nothing (then removed, untimed)."""
    from django.db import transaction
    from django.utils import timezone

    from azultel.billing.models import Bill, BillingAccount

    accounts = list(BillingAccount.objects.order_by("pk").values_list("pk", "account_number"))
    now = timezone.now()
    start = time.perf_counter()
    for first in range(0, len(accounts), 1000):
        with transaction.atomic():
            Bill.objects.bulk_create(
                [
                    Bill(
                        account_id=pk,
                        period_start=date(2026, 11, 1),
                        period_end=date(2026, 11, 30),
                        number=f"{number}-2611",
                        issued_at=now,
                        due_date=date(2026, 12, 21),
                        customer_name="Bench Customer",
                        amount_due=Decimal("84.00"),
                    )
                    for pk, number in accounts[first : first + 1000]
                ]
            )
    elapsed = time.perf_counter() - start
    Bill.objects.filter(period_start=date(2026, 11, 1)).delete()
    return elapsed


def _child_generate(count: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generated, services = _generate(count)
    _previous_month(count)
    print(
        f"  data: {count:,} customers, {services:,} services generated in {generated:.1f} s",
        flush=True,
    )


def _child_run(count: int) -> None:
    """The measured run, in its own process so peak memory is the run's alone."""
    import django

    django.setup()
    import resource

    from azultel.billing.models import Bill, BillLine
    from azultel.billing.services import billing_run
    from azultel.comms.models import OutboxMessage

    samples: list[float] = []

    def progress(done: int, total: int) -> None:
        samples.append(_rss_mb())

    load = os.getloadavg()[0]
    start = time.perf_counter()
    result = billing_run(period_start=PERIOD, actor=None, batch_size=1000, progress=progress)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    baseline = _baseline(count)
    bills = Bill.objects.filter(period_start=PERIOD).count()
    lines = BillLine.objects.filter(bill__period_start=PERIOD).count()
    emails = OutboxMessage.objects.filter(template="billing_bill_ready").count()
    print(
        f"  billing run, {PERIOD:%B %Y}: {result.accounts_seen:,} accounts in {elapsed:.1f} s "
        f"({result.accounts_seen / elapsed:,.0f} accounts/s, {result.batches} batches of 1,000); "
        f"{bills:,} bills, {lines:,} lines, {emails:,} bill-ready emails queued; "
        f"{result.accounts_opened:,} accounts opened by the run "
        f"(machine load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)",
        flush=True,
    )
    middle = samples[len(samples) // 2]
    print(
        f"  memory: peak {peak_mb:.0f} MB (getrusage, the run's process); resident after batch 1 "
        f"{samples[0]:.0f} MB, middle {middle:.0f} MB, last {samples[-1]:.0f} MB, "
        f"max {max(samples):.0f} MB",
        flush=True,
    )
    print(
        f"  baseline: bulk-inserting {count:,} bill rows computing nothing took {baseline:.1f} s "
        f"(the run costs {elapsed / baseline:.1f}x that)",
        flush=True,
    )


def run(args: object) -> None:
    count = 5_000 if getattr(args, "quick", False) else 100_000
    with scratch_databases(PG_DB) as (tmp, databases):
        for label, url in databases:
            print(f"{label}:", flush=True)
            for step in ("--generate", "--run"):
                child_run("bench.bench_billing", [step, str(count)], database_url=url, var_dir=tmp)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--generate"]:
        _child_generate(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--run"]:
        _child_run(int(sys.argv[2]))
