"""Money on a bill: ``Decimal`` rounded half up to the cent, once per line; written in dollars."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal | int | str) -> Decimal:
    """Round half up to the cent: Decimal("2.345") -> Decimal("2.35")."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def usd(value: Decimal) -> str:
    """Decimal("1234.5") -> "$1,234.50"; a negative amount reads "-$5.00"."""
    amount = cents(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,}"
