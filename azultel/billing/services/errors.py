"""The refusals billing's services raise, and reading an amount of money a person typed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from azultel.billing.charges import cents


class BillingError(ValueError):
    """A request the billing rules refuse; the message is shown to the person as is.

    Raised before anything is written (or with everything rolled back).
    """


class PaymentRefused(BillingError):
    pass


class CreditRefused(BillingError):
    pass


def _money(value: object, *, refuse: type[BillingError]) -> Decimal:
    try:
        amount = cents(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise refuse("Enter an amount in dollars and cents, like 25.00.") from exc
    if not amount.is_finite():
        raise refuse("Enter an amount in dollars and cents, like 25.00.")
    return amount
