"""What a monthly bill charges, computed in Python from plain facts (no database access).

The rules, in the words the bill uses:

* **The period** is a calendar month, and a bill charges service *for that month* (issued after it
  ends: the run on the 1st bills the month just ended).
* **Recurring charges**: a service active the whole month is charged its monthly price. A service
  that starts or stops during the month is charged by the day: monthly price x days with service
  / days in the month, from its start day and through its stop day (both included).
* **Introductory price**: it applies for the first ``intro_months`` whole months counted from the
  start day (started March 15 with 3 months: March 15 to June 14); from then on the regular
  price. A month that crosses that date gets two lines, each charged by the day.
* **Taxes and fees** follow ``taxes.py``.
* **Balance**: amount due = previous balance + charges + taxes and fees - credits - payments
  received since the last bill.

Money is ``Decimal`` rounded half up to the cent (``cents``), once per line.

One module per job, every public name re-exported here, so callers import from
``azultel.billing.charges`` whichever module holds it:

* ``money``: ``cents`` (rounding to the cent) and ``usd`` (writing an amount).
* ``period``: ``Period``, one calendar month; ``add_months`` and ``day_text``.
* ``drafts``: the facts rating reads (``BillableService``, ``Adjustment``) and what it writes
  (``BillDraft``, ``LineDraft``, ``LineKind``).
* ``rating``: ``service_lines``, ``usage_states``, ``tax_lines`` and ``bill_compute``.
"""

from azultel.billing.charges.drafts import (
    CHARGE_KINDS,
    TAX_KINDS,
    Adjustment,
    BillableService,
    BillDraft,
    LineDraft,
    LineKind,
)
from azultel.billing.charges.money import CENT, ZERO, cents, usd
from azultel.billing.charges.period import Period, add_months, day_text
from azultel.billing.charges.rating import bill_compute, service_lines, tax_lines, usage_states

__all__ = [
    "CENT",
    "CHARGE_KINDS",
    "TAX_KINDS",
    "ZERO",
    "Adjustment",
    "BillDraft",
    "BillableService",
    "LineDraft",
    "LineKind",
    "Period",
    "add_months",
    "bill_compute",
    "cents",
    "day_text",
    "service_lines",
    "tax_lines",
    "usage_states",
    "usd",
]
