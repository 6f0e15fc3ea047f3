"""Taxes and fees on a monthly bill: a small, documented table (also in docs/operations.md).

Billing charges them (``billing.charges.tax_lines``); orders estimates them before ordering
(``monthly_taxes_and_fees``, the same rules for one state and one whole month), so the cart and
the review page show what the bill will add. Kept in catalog, below both apps, because like a
price it is a fact about a state.

Azultel sells in Florida, Georgia, New York, Texas and Puerto Rico; any other state uses
``DEFAULT``. The rates are simplified for this site (one state rate, no local add-ons); a real
deployment takes them from a tax engine. Three items, each its own line on the bill:

* **State communications or sales tax**: ``tax_percent`` of the month's service charges
  (recurring charges and prorations). Internet access alone is not taxed: the federal Internet
  Tax Freedom Act forbids it, so internet-only plans are left out of the base; phone lines and
  bundles are in it.
* **911 fee**: ``e911_fee`` for each phone line (a phone-line service, or a bundle that includes
  one) that had service at any time in the month. Not prorated: a line pays it once a month.
* **Federal Universal Service Fee**: ``FEDERAL_USF_PERCENT`` of the month's charges for services
  that include a phone line, whatever the state.

Amounts are rounded half up to the cent once per line (``charges.cents``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class StateTaxes:
    """What one state adds to a bill: its tax on service charges and its 911 fee per line."""

    state: str
    tax_name: str
    tax_percent: Decimal
    e911_name: str
    e911_fee: Decimal


STATE_TAXES: dict[str, StateTaxes] = {
    "FL": StateTaxes(
        "FL", "Florida communications services tax", Decimal("7.44"), "Florida 911 fee",
        Decimal("0.40"),
    ),
    "GA": StateTaxes(
        "GA", "Georgia sales tax on telephone service", Decimal("4.00"), "Georgia 911 charge",
        Decimal("1.50"),
    ),
    "NY": StateTaxes(
        "NY", "New York sales tax on telecommunications", Decimal("4.00"),
        "New York 911 surcharge", Decimal("1.00"),
    ),
    "TX": StateTaxes(
        "TX", "Texas sales tax on telecommunications", Decimal("6.25"), "Texas 911 fee",
        Decimal("0.50"),
    ),
    "PR": StateTaxes(
        "PR", "Puerto Rico sales and use tax (IVU)", Decimal("11.50"), "Puerto Rico 911 charge",
        Decimal("0.50"),
    ),
}  # fmt: skip

DEFAULT = StateTaxes("", "State and local sales tax", Decimal("5.00"), "911 fee", Decimal("0.75"))

FEDERAL_USF_PERCENT = Decimal("3.40")
FEDERAL_USF_NAME = "Federal Universal Service Fee"

# Internet access alone is never taxed (Internet Tax Freedom Act); see the module docstring.
UNTAXED_KINDS = frozenset({"internet"})


def state_taxes(state: str) -> StateTaxes:
    """The table row for a state's two-letter code; ``DEFAULT`` (with the code) for any other."""
    found = STATE_TAXES.get(state)
    if found is not None:
        return found
    return StateTaxes(state, DEFAULT.tax_name, DEFAULT.tax_percent, DEFAULT.e911_name,
                      DEFAULT.e911_fee)  # fmt: skip


@dataclass(frozen=True)
class TaxableCharge:
    """One service's monthly charge, as the tax rules see it."""

    product_kind: str
    includes_phone_line: bool
    amount: Decimal


@dataclass(frozen=True)
class TaxItem:
    label: str
    amount: Decimal


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def monthly_taxes_and_fees(*, state: str, charges: Sequence[TaxableCharge]) -> list[TaxItem]:
    """What a whole month of these services adds on a bill in ``state``: the state tax on the
    taxable charges, the 911 fee per phone line, and the federal fee on phone line charges.
    The rules of ``billing.charges.tax_lines`` for one state and one full month (a test holds
    the two together). Items that come to $0.00 are left out."""
    rates = state_taxes(state)
    taxable = sum(
        (c.amount for c in charges if c.amount > 0 and c.product_kind not in UNTAXED_KINDS),
        Decimal("0.00"),
    )
    lines = sum(1 for c in charges if c.includes_phone_line)
    phone_charges = sum((c.amount for c in charges if c.includes_phone_line), Decimal("0.00"))
    items = [
        TaxItem(
            f"{rates.tax_name} ({rates.tax_percent}%)", _cents(taxable * rates.tax_percent / 100)
        ),
        TaxItem(
            f"{rates.e911_name} ({'1 phone line' if lines == 1 else f'{lines} phone lines'})",
            _cents(rates.e911_fee * lines),
        ),
        TaxItem(
            f"{FEDERAL_USF_NAME} ({FEDERAL_USF_PERCENT}%)",
            _cents(phone_charges * FEDERAL_USF_PERCENT / 100),
        ),
    ]
    return [item for item in items if item.amount > 0]
