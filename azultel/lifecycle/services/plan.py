"""Changing a service's plan: the plans it can change to, the price effect (quoted before the
customer confirms) and the change itself.

An upgrade (a new plan costing at least as much) starts today: the bill for this month charges
the old plan to yesterday and the new plan from today, each to the day, so the unused part of
the old plan is credited. A downgrade starts on the first day of the next billing month.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from azultel.billing.charges import ZERO, LineDraft, Period, service_lines
from azultel.catalog.pricing import PriceStrategy
from azultel.catalog.selectors import Offer, product_list_offered
from azultel.core.actors import Actor
from azultel.lifecycle.models import ChangeKind, ChangeStatus, ServiceChange
from azultel.lifecycle.services.common import (
    ChangeResult,
    _actor_user,
    _existing,
    _key_checked,
    _locked,
    _recorded,
    _require_running,
    money_text,
)
from azultel.lifecycle.services.errors import ChangeRefused
from azultel.orders.billing_feed import BillableService, RateStep, services_billable_between
from azultel.orders.models import RateReason, Service, ServiceStatus
from azultel.orders.services import service_billed_as, service_plan_apply, service_rate_add


@dataclass(frozen=True)
class PlanQuote:
    """What changing to ``offer`` does to the bill, line by line as the bill will print them.

    ``credit`` is the part of the old plan's charge for this month that is no longer billed;
    ``charge`` the new plan's charge for the rest of the month; ``bill_effect`` their
    difference on the next bill (zero for a downgrade, which starts with a new month).
    """

    service: Service
    offer: Offer
    upgrade: bool
    effective_on: date
    old_name: str
    old_price: Decimal
    new_price: Decimal
    credit: Decimal
    charge: Decimal
    new_lines: tuple[LineDraft, ...]

    @property
    def bill_effect(self) -> Decimal:
        return self.charge - self.credit

    @property
    def bill_effect_text(self) -> str:
        return money_text(self.bill_effect)

    @property
    def monthly_difference(self) -> Decimal:
        return self.new_price - self.old_price


def plan_options(*, service: Service) -> list[Offer]:
    """The plans of the same kind offered where the service is priced, except its own."""
    strategy = PriceStrategy(service.state)
    return [
        offer
        for offer in product_list_offered(strategy=strategy, kind=service.product_kind)
        if offer.product.pk != service.product_id and not offer.price.quote_only
    ]


def _billable(service: Service, period: Period) -> BillableService:
    found = services_billable_between(
        customer_ids=[service.customer_id], start=period.start, end=period.end
    )
    match = next((s for s in found if s.id == service.pk), None)
    if match is None:
        raise ChangeRefused("This service is not running this month; it cannot be changed.")
    return match


def plan_change_quote(*, service: Service, product_id: int, today: date | None = None) -> PlanQuote:
    """The price effect of changing ``service`` to the plan ``product_id``; writes nothing.

    Raises ``ChangeRefused`` for a plan not offered for this service, a suspended service, or
    a plan change already scheduled.
    """
    today = today or timezone.localdate()
    _require_running(service)
    if service.status == ServiceStatus.SUSPENDED:
        raise ChangeRefused("Restore this service from its vacation suspension first.")
    offer = next((o for o in plan_options(service=service) if o.product.pk == product_id), None)
    if offer is None:
        raise ChangeRefused("Choose one of the plans listed.", field="product")
    if service.rates.filter(effective_on__gt=today).exists():
        raise ChangeRefused(
            "A change to this service is already scheduled; it can be changed again after it "
            "takes effect."
        )
    current = service_billed_as(service=service, day=today, plan_only=True)
    new_price = offer.price.monthly
    upgrade = new_price >= current.monthly_price
    period = Period.of(today)
    effective_on = today if upgrade else period.next().start
    if upgrade and service.rates.filter(effective_on=today).exists():
        raise ChangeRefused("This service was already changed today; try again tomorrow.")
    credit = charge = ZERO
    new_lines: tuple[LineDraft, ...] = ()
    if upgrade:
        billable = _billable(service, period)
        step = RateStep(
            effective_on,
            offer.product.name,
            new_price,
            *_previous(service, effective_on),
        )
        changed = dataclasses.replace(
            billable, rates=tuple(sorted((*billable.rates, step), key=lambda r: r.effective_on))
        )
        before = service_lines(billable, period)
        after = service_lines(changed, period)
        new_lines = tuple(line for line in after if (line.period_from or today) >= effective_on)
        charge = sum((line.amount for line in new_lines), ZERO)
        kept = sum((line.amount for line in after), ZERO) - charge
        credit = sum((line.amount for line in before), ZERO) - kept
    return PlanQuote(
        service=service,
        offer=offer,
        upgrade=upgrade,
        effective_on=effective_on,
        old_name=current.product_name,
        old_price=current.monthly_price,
        new_price=new_price,
        credit=credit,
        charge=charge,
        new_lines=new_lines,
    )


def _previous(service: Service, day: date) -> tuple[str, Decimal, Decimal | None, int | None]:
    """What the service is billed as before ``day`` (the ``previous_*`` of a new rate step)."""
    first_rate = service.rates.order_by("effective_on").first()
    if first_rate is not None:
        return (
            first_rate.previous_product_name,
            first_rate.previous_monthly_price,
            first_rate.previous_intro_monthly_price,
            first_rate.previous_intro_months,
        )
    before = service_billed_as(service=service, day=day)
    return (
        before.product_name,
        before.monthly_price,
        before.intro_monthly_price,
        before.intro_months,
    )


def service_plan_change(
    *,
    actor: Actor,
    service: Service,
    product_id: int,
    idempotency_key: str,
    today: date | None = None,
) -> ChangeResult:
    """Change ``service`` to the plan ``product_id`` for its customer, whoever ``actor`` is
    (the customer, or care staff acting for them: the caller checks they may).

    An upgrade starts today, a downgrade on the first day of next month (``PlanQuote``). The
    same ``idempotency_key`` again returns the first change and changes nothing. Emails the
    account holder (P13/P30). Raises ``ChangeRefused`` with nothing saved.
    """
    key = _key_checked(idempotency_key)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(service)
        found = _existing(key, locked)
        if found is not None:
            return found
        quote = plan_change_quote(service=locked, product_id=product_id, today=today)
        service_rate_add(
            service=locked,
            effective_on=quote.effective_on,
            reason=RateReason.PLAN_CHANGE,
            product_id=quote.offer.product.pk,
            product_name=quote.offer.product.name,
            monthly_price=quote.new_price,
        )
        if quote.upgrade:
            service_plan_apply(service=locked, today=today)
        change = ServiceChange.objects.create(
            service=locked,
            customer_id=locked.customer_id,
            actor=_actor_user(actor),
            kind=ChangeKind.PLAN,
            status=ChangeStatus.DONE if quote.upgrade else ChangeStatus.SCHEDULED,
            idempotency_key=key,
            effective_on=quote.effective_on,
            from_product_name=quote.old_name,
            to_product_id=quote.offer.product.pk,
            to_product_name=quote.offer.product.name,
            old_monthly_price=quote.old_price,
            new_monthly_price=quote.new_price,
            bill_effect=quote.bill_effect,
        )
        summary = (
            f"Your plan changes from {quote.old_name} to {quote.offer.product.name}, "
            f"{money_text(quote.monthly_difference)} a month."
        )
        if quote.upgrade:
            summary += (
                f" This month is charged to the day: {money_text(quote.bill_effect)} on your "
                "next bill."
            )
        return _recorded(change, actor=actor, summary=summary)
