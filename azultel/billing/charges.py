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
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from azultel.catalog.taxes import (
    FEDERAL_USF_NAME,
    FEDERAL_USF_PERCENT,
    UNTAXED_KINDS,
    state_taxes,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
_PERIOD_TEXT = re.compile(r"^([0-9]{4})-([0-9]{2})$")


def cents(value: Decimal | int | str) -> Decimal:
    """Round half up to the cent: Decimal("2.345") -> Decimal("2.35")."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def usd(value: Decimal) -> str:
    """Decimal("1234.5") -> "$1,234.50"; a negative amount reads "-$5.00"."""
    amount = cents(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,}"


def day_text(day: date) -> str:
    """date(2026, 11, 5) -> "November 5, 2026"."""
    return f"{day:%B} {day.day}, {day.year}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, order=True)
class Period:
    """A billing period: one calendar month, named by its first day."""

    start: date

    def __post_init__(self) -> None:
        if self.start.day != 1:
            raise ValueError("A billing period starts on the first day of a month.")

    @classmethod
    def of(cls, day: date) -> Period:
        """The period containing ``day``."""
        return cls(day.replace(day=1))

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2026-11" -> the period of November 2026; raises ValueError on anything else."""
        found = _PERIOD_TEXT.match(str(text).strip())
        if found is None:
            raise ValueError(f"Write the period as YYYY-MM, for example 2026-11 (got {text!r}).")
        year, month = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12 or year < 2000:
            raise ValueError(f"{text!r} is not a month this site can bill.")
        return cls(date(year, month, 1))

    @property
    def days(self) -> int:
        return calendar.monthrange(self.start.year, self.start.month)[1]

    @property
    def end(self) -> date:
        """The last day of the month (included in the period)."""
        return self.start.replace(day=self.days)

    @property
    def label(self) -> str:
        return f"{self.start:%B %Y}"

    @property
    def code(self) -> str:
        return f"{self.start:%Y-%m}"

    def previous(self) -> Period:
        return Period(add_months(self.start, -1))

    def next(self) -> Period:
        return Period(add_months(self.start, 1))


class BillableService(Protocol):
    """The facts of one service that a bill needs (``orders.billing_feed.BillableService``)."""

    @property
    def id(self) -> Any: ...
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


@dataclass(frozen=True)
class Adjustment:
    """A one-time charge, credit or payment waiting for the next bill (amount above zero)."""

    ref: Any
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


def _range_text(first: date, last: date) -> str:
    if first == last:
        return day_text(first)
    return f"{first:%B} {first.day}\N{EN DASH}{last.day}, {first.year}"


def service_lines(service: BillableService, period: Period) -> list[LineDraft]:
    """The recurring and prorated charges of one service for the period (none if not active)."""
    first = max(service.started_on, period.start)
    last = min(service.ended_on or period.end, period.end)
    if first > last:
        return []
    segments: list[tuple[date, date, Decimal, bool]] = []
    intro_price = service.intro_monthly_price
    if intro_price is not None and service.intro_months:
        regular_from = add_months(service.started_on, service.intro_months)
        if first < regular_from:
            segments.append((first, min(last, regular_from - timedelta(days=1)), intro_price, True))
        if last >= regular_from:
            segments.append((max(first, regular_from), last, service.monthly_price, False))
    else:
        segments.append((first, last, service.monthly_price, False))
    lines = []
    for seg_from, seg_to, price, intro in segments:
        days = (seg_to - seg_from).days + 1
        note = " (introductory price)" if intro else ""
        if days == period.days:
            kind = LineKind.RECURRING
            amount = cents(price)
            text = f"{service.product_name}: monthly charge for {period.label}{note}"
        else:
            kind = LineKind.PRORATION
            amount = cents(price * days / period.days)
            text = (
                f"{service.product_name}: {_range_text(seg_from, seg_to)}, {days} of "
                f"{period.days} days at {usd(price)} a month{note}"
            )
        if amount > ZERO:
            lines.append(LineDraft(kind, text, amount, service.id, seg_from, seg_to))
    return lines


def _lines_word(count: int) -> str:
    return "1 phone line" if count == 1 else f"{count} phone lines"


def usage_states(
    services: Sequence[BillableService], usage: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    """The charged calls of each state: a call is taxed where the line it was made from is.

    A number no service of the account carries now (a line ended and its number reused) is
    taxed with the account's first phone line, or, with none, at the default rate."""
    line_state = {s.phone_number: s.state for s in services if s.phone_number}
    fallback = next((s.state for s in services if s.includes_phone_line), "")
    by_state: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for number, amount in sorted(usage.items()):
        if amount > ZERO:
            by_state[line_state.get(number, fallback)] += amount
    return dict(by_state)


def tax_lines(
    services: Sequence[BillableService],
    charged: dict[object, Decimal],
    period: Period,
    usage: Mapping[str, Decimal] | None = None,
) -> list[LineDraft]:
    """State taxes, 911 fees and the federal fee for the services charged this period.

    ``charged`` maps each service id to what it was charged this period (recurring plus
    prorations); ``usage`` maps each line's number to its charged calls, which are phone line
    charges of that line's state. A phone line pays its state's 911 fee if it had any service
    in the period.
    """
    taxable: dict[str, Decimal] = defaultdict(lambda: ZERO)
    phone_lines: dict[str, int] = defaultdict(int)
    phone_charges = ZERO
    for service in services:
        amount = charged.get(service.id, ZERO)
        if amount > ZERO and service.product_kind not in UNTAXED_KINDS:
            taxable[service.state] += amount
        if service.includes_phone_line and service_lines(service, period):
            phone_lines[service.state] += 1
            phone_charges += amount
    for state, amount in usage_states(services, usage or {}).items():
        taxable[state] += amount
        phone_charges += amount
    lines = []
    for state in sorted(set(taxable) | set(phone_lines)):
        rates = state_taxes(state)
        base = taxable.get(state, ZERO)
        tax = cents(base * rates.tax_percent / 100)
        if tax > ZERO:
            lines.append(
                LineDraft(
                    LineKind.TAX,
                    f"{rates.tax_name}: {rates.tax_percent}% of {usd(base)} in service charges",
                    tax,
                )
            )
        count = phone_lines.get(state, 0)
        if count and rates.e911_fee > ZERO:
            lines.append(
                LineDraft(
                    LineKind.FEE,
                    f"{rates.e911_name}: {usd(rates.e911_fee)} a month for each phone line, "
                    f"{_lines_word(count)}",
                    cents(rates.e911_fee * count),
                )
            )
    usf = cents(phone_charges * FEDERAL_USF_PERCENT / 100)
    if usf > ZERO:
        lines.append(
            LineDraft(
                LineKind.FEE,
                f"{FEDERAL_USF_NAME}: {FEDERAL_USF_PERCENT}% of {usd(phone_charges)} in phone "
                "line charges",
                usf,
            )
        )
    return lines


def bill_compute(
    *,
    period: Period,
    services: Sequence[BillableService],
    previous_balance: Decimal | None,
    previous_period: Period | None = None,
    one_time: Sequence[Adjustment] = (),
    credits: Sequence[Adjustment] = (),
    payments: Sequence[Adjustment] = (),
    usage: Mapping[str, Decimal] | None = None,
) -> BillDraft:
    """The bill of one account for one period, line by line, in the order it is printed.

    ``previous_balance`` is the last bill's amount due (None: this is the first bill);
    ``one_time``, ``credits`` and ``payments`` are what happened since the last bill;
    ``usage`` maps each line's number to the total of its calls this period that the plan does
    not include (one bill line for all of them, taxed where each line is).
    """
    draft = BillDraft(period=period)
    if previous_balance is not None:
        draft.has_previous_bill = True
        draft.previous_balance = cents(previous_balance)
        label = f"your {previous_period.label} bill" if previous_period else "your last bill"
        draft.lines.append(
            LineDraft(LineKind.PREVIOUS_BALANCE, f"Balance from {label}", draft.previous_balance)
        )
    for payment in sorted(payments, key=lambda p: (p.on, str(p.ref))):
        draft.lines.append(
            LineDraft(
                LineKind.PAYMENT,
                payment.description or f"Payment received {day_text(payment.on)}, thank you",
                -cents(payment.amount),
            )
        )
    ordered = sorted(services, key=lambda s: (s.started_on, s.product_name, str(s.id)))
    charged: dict[object, Decimal] = {}
    for service in ordered:
        lines = service_lines(service, period)
        charged[service.id] = sum((line.amount for line in lines), ZERO)
        draft.lines.extend(lines)
    for charge in sorted(one_time, key=lambda c: (c.on, str(c.ref))):
        draft.lines.append(LineDraft(LineKind.ONE_TIME, charge.description, cents(charge.amount)))
    usage = {number: cents(amount) for number, amount in (usage or {}).items()}
    usage_total = sum(usage.values(), ZERO)
    if usage_total > ZERO:
        draft.lines.append(
            LineDraft(
                LineKind.ONE_TIME,
                "Calls your plan does not include (listed in the call detail)",
                usage_total,
            )
        )
    draft.lines.extend(tax_lines(ordered, charged, period, usage))
    for credit in sorted(credits, key=lambda c: (c.on, str(c.ref))):
        draft.lines.append(
            LineDraft(LineKind.CREDIT, f"Credit: {credit.description}", -cents(credit.amount))
        )
    return draft
