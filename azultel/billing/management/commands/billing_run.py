"""``manage.py billing_run --period 2026-11``: issue a month's bills, with a progress bar.

Safe to run again (or after an interrupted run): accounts already billed for the month are
skipped. Without ``--period`` it bills the month that just ended, like the monthly task.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from azultel.billing.charges import Period
from azultel.billing.services import BillingError, billing_run
from azultel.core.actors import system_actor
from azultel.core.command_options import option_bool, option_int_or_none, option_str_or_none


class Command(BaseCommand):
    help = "Issue one bill per billing account for a month (YYYY-MM; default: last month)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", help="The month to bill, YYYY-MM (default: last month).")
        parser.add_argument(
            "--batch-size", type=int, default=None, help="Accounts per batch (transaction)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: str, **options: object) -> None:
        month = option_str_or_none(options, "period")
        try:
            period = Period.parse(month) if month else Period.of(timezone.localdate()).previous()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        bar = tqdm(
            total=0,
            unit="account",
            desc=f"Billing {period.label}",
            disable=option_bool(options, "no_progress"),
            file=sys.stderr,
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            result = billing_run(
                period_start=period.start,
                actor=system_actor("manage.py billing_run"),
                batch_size=option_int_or_none(options, "batch_size"),
                progress=progress,
            )
        except BillingError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        self.stdout.write(
            f"{period.label}: {result.bills_issued} bills issued ({result.lines_written} lines) "
            f"over {result.accounts_seen} accounts in {result.batches} batches; "
            f"{result.accounts_opened} accounts opened; {result.bill_ready_emails} bill-ready "
            f"emails queued; {result.autopay_bills} automatic payments queued."
        )
