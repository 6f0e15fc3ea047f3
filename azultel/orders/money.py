"""What an order costs, computed once: the cart page, the review page, placement and the order
emails all read an ``OrderMoney``, so they cannot disagree (P26: the prices come from the
strategy through ``selectors.cart_summary``; taxes and fees from ``catalog.taxes``).

* **One-time charges**: purchase prices and installation or activation fees.
* **Deposit**: what the credit decision asked for (refundable), known once the check has run.
* **Due today** = one-time charges + deposit: exactly what is charged when the order is
  confirmed, and exactly what the customer confirmed on the review page.
* **Monthly**: the first price of each service (the introductory one where there is one), with
  the taxes and fees a whole month of it adds on the bill; and, when a promotion ends, the
  monthly charges after it. Bills come monthly; the first is prorated from the day service
  starts.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from azultel.catalog.taxes import TaxableCharge, TaxItem, monthly_taxes_and_fees
from azultel.orders.models import SERVICE_KINDS, ZERO, Order, Service
from azultel.orders.selectors import CartSummary


@dataclass(frozen=True)
class MoneyLine:
    """One cart line's money: one-time amount, first and regular monthly amounts."""

    name: str
    product_kind: str
    quantity: int
    includes_phone_line: bool
    one_time: Decimal
    monthly_first: Decimal
    monthly_after: Decimal
    intro_months: int | None

    @property
    def is_recurring(self) -> bool:
        return self.monthly_first > 0 or self.monthly_after > 0

    @property
    def has_promotion(self) -> bool:
        return self.intro_months is not None and self.monthly_first != self.monthly_after


@dataclass(frozen=True)
class OrderMoney:
    state: str
    lines: tuple[MoneyLine, ...]
    deposit: Decimal
    taxes_first: tuple[TaxItem, ...]
    taxes_after: tuple[TaxItem, ...]

    @property
    def one_time_total(self) -> Decimal:
        return sum((line.one_time for line in self.lines), ZERO)

    @property
    def due_today(self) -> Decimal:
        """What is charged when the order is confirmed: one-time charges plus the deposit."""
        return self.one_time_total + self.deposit

    @property
    def monthly_first(self) -> Decimal:
        return sum((line.monthly_first for line in self.lines), ZERO)

    @property
    def taxes_first_total(self) -> Decimal:
        return sum((item.amount for item in self.taxes_first), ZERO)

    @property
    def monthly_first_total(self) -> Decimal:
        """A whole month at the first prices, taxes and fees included."""
        return self.monthly_first + self.taxes_first_total

    @property
    def monthly_after(self) -> Decimal:
        return sum((line.monthly_after for line in self.lines), ZERO)

    @property
    def taxes_after_total(self) -> Decimal:
        return sum((item.amount for item in self.taxes_after), ZERO)

    @property
    def monthly_after_total(self) -> Decimal:
        """A whole month once every promotion has ended, taxes and fees included."""
        return self.monthly_after + self.taxes_after_total

    @property
    def has_promotions(self) -> bool:
        return any(line.has_promotion for line in self.lines)

    @property
    def promotion_months(self) -> int:
        """How long the longest promotion lasts (0 without one)."""
        return max((line.intro_months or 0 for line in self.lines if line.has_promotion), default=0)

    @property
    def is_recurring(self) -> bool:
        return any(line.is_recurring for line in self.lines)

    @property
    def confirmation(self) -> str:
        """The amounts the customer confirms on the review page, as one string: due today, and
        each month with taxes and fees during and after promotions. Placement recomputes it and
        charges nothing unless it is the same."""
        return f"{self.due_today}/{self.monthly_first_total}/{self.monthly_after_total}"


def _taxes(state: str, lines: tuple[MoneyLine, ...], *, after: bool) -> tuple[TaxItem, ...]:
    charges = [
        TaxableCharge(
            product_kind=line.product_kind,
            includes_phone_line=line.includes_phone_line,
            amount=line.monthly_after if after else line.monthly_first,
        )
        for line in lines
        if line.product_kind in SERVICE_KINDS
        for _ in range(line.quantity)
    ]
    return tuple(monthly_taxes_and_fees(state=state, charges=charges))


def order_money(*, summary: CartSummary, deposit: Decimal = ZERO) -> OrderMoney:
    """The money of a priced cart (lines no longer offered count for nothing), with ``deposit``
    the credit decision asked for."""
    lines = tuple(
        MoneyLine(
            name=p.product.name,
            product_kind=p.product.kind,
            quantity=p.line.quantity,
            includes_phone_line=p.includes_phone_line,
            one_time=p.due_at_order,
            monthly_first=p.first_monthly,
            monthly_after=p.price.monthly * p.line.quantity,
            intro_months=p.price.intro_months if p.price.has_intro else None,
        )
        for p in summary.lines
        if p.price is not None
    )
    state = summary.cart.state
    return OrderMoney(
        state=state,
        lines=lines,
        deposit=deposit,
        taxes_first=_taxes(state, lines, after=False),
        taxes_after=_taxes(state, lines, after=True),
    )


def order_money_placed(*, order: Order) -> OrderMoney:
    """The money of a placed order, from the prices its lines recorded (for its emails and
    pages: the numbers the customer confirmed)."""
    lines = tuple(
        MoneyLine(
            name=line.product_name,
            product_kind=line.product_kind,
            quantity=line.quantity,
            includes_phone_line=line.includes_phone_line,
            one_time=(line.one_time_price + line.install_fee) * line.quantity,
            monthly_first=(
                line.intro_monthly_price
                if line.intro_monthly_price is not None and line.intro_months
                else line.monthly_price
            )
            * line.quantity,
            monthly_after=line.monthly_price * line.quantity,
            intro_months=line.intro_months if line.intro_monthly_price is not None else None,
        )
        for line in order.lines.all()
    )
    return OrderMoney(
        state=order.state,
        lines=lines,
        deposit=order.deposit,
        taxes_first=_taxes(order.state, lines, after=False),
        taxes_after=_taxes(order.state, lines, after=True),
    )


def promotion_ends(*, started_on: date, intro_months: int) -> date:
    """The last day of an introductory price that starts on ``started_on`` and lasts
    ``intro_months`` whole months (billing's rule: March 15 with 3 months ends June 14)."""
    month_index = started_on.month - 1 + intro_months
    year, month = started_on.year + month_index // 12, month_index % 12 + 1
    day = min(started_on.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


@dataclass(frozen=True)
class ServicePrice:
    """What a service is billed each month now, and until when (an introductory price)."""

    monthly: Decimal
    regular: Decimal
    promotion_ends_on: date | None


def service_price_now(*, service: Service, today: date) -> ServicePrice:
    """The monthly price the bill charges ``service`` on ``today`` (billing's rule): the
    introductory price through its last day, then the regular one."""
    intro, months = service.intro_monthly_price, service.intro_months
    if intro is not None and months:
        ends = promotion_ends(started_on=service.started_on, intro_months=months)
        if today <= ends:
            return ServicePrice(intro, service.monthly_price, ends)
    return ServicePrice(service.monthly_price, service.monthly_price, None)
