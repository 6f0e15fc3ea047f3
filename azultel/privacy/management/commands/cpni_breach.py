from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from azultel.core.command_options import (
    option_bool,
    option_date_or_none,
    option_int,
    option_str_or_none,
)
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

    def add_arguments(self, parser: CommandParser) -> None:
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

    def handle(self, *args: str, **options: object) -> None:
        breach = CpniBreach.objects.filter(pk=option_int(options, "breach_id")).first()
        if breach is None:
            raise CommandError("No such breach record.")
        try:
            reference = option_str_or_none(options, "law_enforcement")
            if reference:
                breach = cpni_breach_law_enforcement_notified(
                    breach=breach,
                    actor=None,
                    reference=reference,
                    delay_until=option_date_or_none(options, "delay_until"),
                )
            if option_bool(options, "customers"):
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
