"""The collections numbers, read from settings at call time (``config/settings/billing.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from azultel.billing.charges import cents


@dataclass(frozen=True)
class Policy:
    reminder_before_days: int
    late_first_days: int
    late_second_days: int
    fee_minimum: Decimal
    fee_percent: Decimal
    suspend_after_days: int
    suspend_notice_days: int
    write_off_after_days: int
    arrangement_max_days: int

    def late_fee(self, overdue: Decimal) -> Decimal:
        """The greater of the minimum fee and the percentage of the overdue amount."""
        return max(self.fee_minimum, cents(overdue * self.fee_percent / Decimal(100)))


def policy() -> Policy:
    return Policy(
        reminder_before_days=int(settings.BILLING_REMINDER_BEFORE_DAYS),
        late_first_days=int(settings.BILLING_LATE_FIRST_DAYS),
        late_second_days=int(settings.BILLING_LATE_SECOND_DAYS),
        fee_minimum=cents(Decimal(str(settings.BILLING_LATE_FEE_MINIMUM))),
        fee_percent=Decimal(str(settings.BILLING_LATE_FEE_PERCENT)),
        suspend_after_days=int(settings.BILLING_SUSPEND_AFTER_DAYS),
        suspend_notice_days=int(settings.BILLING_SUSPEND_NOTICE_DAYS),
        write_off_after_days=int(settings.BILLING_WRITE_OFF_AFTER_DAYS),
        arrangement_max_days=int(settings.BILLING_ARRANGEMENT_MAX_DAYS),
    )
