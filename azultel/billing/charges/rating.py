"""Rating a month: recurring and prorated charges per service, usage states, taxes and fees, and the
whole bill with its balance (``bill_compute``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from azultel.billing.charges.drafts import (
    Adjustment,
    BillableService,
    BillDraft,
    LineDraft,
    LineKind,
)
from azultel.billing.charges.money import ZERO, cents, usd
from azultel.billing.charges.period import Period, add_months, day_text
from azultel.catalog.taxes import FEDERAL_USF_NAME, FEDERAL_USF_PERCENT, UNTAXED_KINDS, state_taxes


def _range_text(first: date, last: date) -> str:
    if first == last:
        return day_text(first)
    return f"{first:%B} {first.day}\N{EN DASH}{last.day}, {first.year}"


class _Rate(NamedTuple):
    """One stretch of a service billed at one price: ``until`` None runs on."""

    since: date
    until: date | None
    name: str
    price: Decimal
    intro_price: Decimal | None
    intro_months: int | None


def _rates(service: BillableService) -> list[_Rate]:
    """The stretches of a service at one price each: the whole service when it never changed,
    else split at each plan change or vacation rate (the introductory price applies only
    before the first change)."""
    steps = sorted(service.rates, key=lambda step: step.effective_on)
    if not steps:
        return [
            _Rate(
                service.started_on,
                service.ended_on,
                service.product_name,
                service.monthly_price,
                service.intro_monthly_price,
                service.intro_months,
            )
        ]
    first = steps[0]
    current = _Rate(
        service.started_on,
        None,
        first.previous_product_name,
        first.previous_monthly_price,
        first.previous_intro_monthly_price,
        first.previous_intro_months,
    )
    stretches = []
    for step in steps:
        stretches.append(current._replace(until=step.effective_on - timedelta(days=1)))
        current = _Rate(step.effective_on, None, step.product_name, step.monthly_price, None, None)
    stretches.append(current)
    ended = service.ended_on
    return [
        r._replace(until=ended if r.until is None or (ended and ended < r.until) else r.until)
        for r in stretches
    ]


def service_lines(service: BillableService, period: Period) -> list[LineDraft]:
    """The recurring and prorated charges of one service for the period (none if not active).

    A month with a plan change or a vacation rate is split at the change: each part is charged
    to the day at its own price (``BillLineKind.PRORATION``)."""
    lines = []
    for rate in _rates(service):
        lines.extend(_rate_lines(service, rate, period))
    return lines


def _rate_lines(service: BillableService, rate: _Rate, period: Period) -> list[LineDraft]:
    first = max(rate.since, period.start)
    last = min(rate.until or period.end, period.end)
    if first > last:
        return []
    segments: list[tuple[date, date, Decimal, bool]] = []
    intro_price = rate.intro_price
    if intro_price is not None and rate.intro_months:
        regular_from = add_months(service.started_on, rate.intro_months)
        if first < regular_from:
            segments.append((first, min(last, regular_from - timedelta(days=1)), intro_price, True))
        if last >= regular_from:
            segments.append((max(first, regular_from), last, rate.price, False))
    else:
        segments.append((first, last, rate.price, False))
    lines = []
    for seg_from, seg_to, price, intro in segments:
        days = (seg_to - seg_from).days + 1
        note = " (introductory price)" if intro else ""
        if days == period.days:
            kind = LineKind.RECURRING
            amount = cents(price)
            text = f"{rate.name}: monthly charge for {period.label}{note}"
        else:
            kind = LineKind.PRORATION
            amount = cents(price * days / period.days)
            text = (
                f"{rate.name}: {_range_text(seg_from, seg_to)}, {days} of "
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
