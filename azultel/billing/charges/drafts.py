"""What rating reads and writes: the facts of a service, adjustments, and the drafts of a bill and
its lines (plain data, no database).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from azultel.billing.charges.money import ZERO
from azultel.billing.charges.period import Period


class RateStep(Protocol):
    """A change of what a service is billed as, from a day (``orders.billing_feed.RateStep``)."""

    @property
    def effective_on(self) -> date: ...
    @property
    def product_name(self) -> str: ...
    @property
    def monthly_price(self) -> Decimal: ...
    @property
    def previous_product_name(self) -> str: ...
    @property
    def previous_monthly_price(self) -> Decimal: ...
    @property
    def previous_intro_monthly_price(self) -> Decimal | None: ...
    @property
    def previous_intro_months(self) -> int | None: ...


class BillableService(Protocol):
    """The facts of one service that a bill needs (``orders.billing_feed.BillableService``)."""

    @property
    def id(self) -> UUID: ...
    @property
    def product_name(self) -> str: ...
    @property
    def product_kind(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def monthly_price(self) -> Decimal: ...
    @property
    def intro_monthly_price(self) -> Decimal | None: ...
    @property
    def intro_months(self) -> int | None: ...
    @property
    def started_on(self) -> date: ...
    @property
    def ended_on(self) -> date | None: ...
    @property
    def includes_phone_line(self) -> bool: ...
    @property
    def phone_number(self) -> str: ...
    @property
    def rates(self) -> Sequence[RateStep]: ...


@dataclass(frozen=True)
class Adjustment:
    """A one-time charge, credit or payment waiting for the next bill (amount above zero)."""

    ref: int | UUID  # the primary key of the charge, credit or payment
    description: str
    amount: Decimal
    on: date


class LineKind:
    """The kinds of bill line (``models.BillLineKind`` has the same values)."""

    RECURRING = "recurring"
    PRORATION = "proration"
    ONE_TIME = "one_time"
    TAX = "tax"
    FEE = "fee"
    CREDIT = "credit"
    PAYMENT = "payment"
    PREVIOUS_BALANCE = "previous_balance"


CHARGE_KINDS = (LineKind.RECURRING, LineKind.PRORATION, LineKind.ONE_TIME)
TAX_KINDS = (LineKind.TAX, LineKind.FEE)


@dataclass(frozen=True)
class LineDraft:
    """One line of a bill before it is saved: credits and payments are negative amounts."""

    kind: str
    description: str
    amount: Decimal
    service_id: object = None
    period_from: date | None = None
    period_to: date | None = None


@dataclass
class BillDraft:
    period: Period
    lines: list[LineDraft] = field(default_factory=list)
    previous_balance: Decimal = ZERO
    has_previous_bill: bool = False

    def _sum(self, kinds: tuple[str, ...]) -> Decimal:
        return sum((line.amount for line in self.lines if line.kind in kinds), ZERO)

    @property
    def charges_total(self) -> Decimal:
        return self._sum(CHARGE_KINDS)

    @property
    def taxes_total(self) -> Decimal:
        return self._sum(TAX_KINDS)

    @property
    def credits_total(self) -> Decimal:
        return -self._sum((LineKind.CREDIT,))

    @property
    def payments_total(self) -> Decimal:
        return -self._sum((LineKind.PAYMENT,))

    @property
    def amount_due(self) -> Decimal:
        return (
            self.previous_balance
            + self.charges_total
            + self.taxes_total
            - self.credits_total
            - self.payments_total
        )

    @property
    def worth_issuing(self) -> bool:
        """Something happened this month, or a balance is carried: otherwise no bill is issued."""
        return any(line.kind != LineKind.PREVIOUS_BALANCE for line in self.lines) or (
            self.previous_balance != ZERO
        )
