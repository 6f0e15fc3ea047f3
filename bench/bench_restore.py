"""Issue 21: the restore drill's time on 100,000 customers (scripts/restore_drill.py).

The customers, orders, services, phone lines and last month's bills are bench_billing's data set;
one customer in ten also has a credit check with an encrypted SSN and date of birth, so the drill
has encrypted values to decrypt. Then the drill runs: backup, a fresh database, restore, row
counts and decryption checked; it prints each step's time. PostgreSQL only by default (the
production database); ``--quick`` uses 5,000 customers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from azultel.config.local_keys import write_missing
from bench.scratch import ROOT, child_run, scratch_databases

PG_DB = "azultel_bench_restore"


def _child_credit_checks() -> None:
    import django

    django.setup()
    from django.db import transaction

    from azultel.orders.models import CreditCheck, CreditOutcome, Order

    orders = list(Order.objects.order_by("number").values_list("id", flat=True)[::10])
    with transaction.atomic():
        checks = []
        for n, order_id in enumerate(orders):
            check = CreditCheck(order_id=order_id, outcome=CreditOutcome.APPROVED)
            check.ssn = f"{100 + n % 600:03d}-{10 + n % 89:02d}-{1000 + n % 8999:04d}"
            check.date_of_birth = "1980-01-01"
            checks.append(check)
        CreditCheck.objects.bulk_create(checks, batch_size=2000)
    sys.stdout.write(f"  {len(checks):,} credit checks with encrypted values\n")


def run(args: object) -> None:
    count = 5_000 if getattr(args, "quick", False) else 100_000
    with scratch_databases(PG_DB) as (tmp, databases):
        for label, url in databases:
            if label != "PostgreSQL":
                continue
            sys.stdout.write(f"{label}:\n")
            sys.stdout.flush()
            child_run(
                "bench.bench_billing", ["--generate", str(count)], database_url=url, var_dir=tmp
            )
            child_run("bench.bench_restore", ["--credit-checks"], database_url=url, var_dir=tmp)
            write_missing(Path(tmp))
            env = {
                **os.environ,
                "AZULTEL_ENV": "local",
                "AZULTEL_VAR_DIR": tmp,
                "DATABASE_URL": url,
                "LOG_LEVEL": "WARNING",
            }
            subprocess.run(
                [sys.executable, "scripts/restore_drill.py"], cwd=ROOT, env=env, check=True
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--credit-checks"]:
        _child_credit_checks()
