from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from azultel.privacy.cpni_breach import (
    BreachNoticeRefused,
    cpni_breach_customers_notified,
    cpni_breach_law_enforcement_notified,
    customer_notice_earliest,
    law_enforcement_deadline,
)
from azultel.privacy.models import CpniBreach


class Command(BaseCommand):
    help = "Show a CPNI breach's deadlines, or record that law enforcement or customers were told."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("breach_id", type=int)
        parser.add_argument(
            "--law-enforcement",
            metavar="REFERENCE",
            help="record the reporting facility's reference",
        )
        parser.add_argument(
            "--delay-until",
            type=date.fromisoformat,
            help="law enforcement asked to delay customer notice until (YYYY-MM-DD)",
        )
        parser.add_argument(
            "--customers", action="store_true", help="record that the customers were told"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        breach = CpniBreach.objects.filter(pk=options["breach_id"]).first()
        if breach is None:
            raise CommandError("No such breach record.")
        try:
            if options["law_enforcement"]:
                breach = cpni_breach_law_enforcement_notified(
                    breach=breach,
                    actor=None,
                    reference=options["law_enforcement"],
                    delay_until=options["delay_until"],
                )
            if options["customers"]:
                breach = cpni_breach_customers_notified(breach=breach, actor=None)
        except BreachNoticeRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Law enforcement due by {law_enforcement_deadline(breach)}; notified: "
            f"{breach.law_enforcement_notified_at or 'not yet'}."
        )
        earliest = customer_notice_earliest(breach) or "after law enforcement"
        self.stdout.write(
            f"Customers may be told from: {earliest}; "
            f"notified: {breach.customers_notified_at or 'not yet'}."
        )
