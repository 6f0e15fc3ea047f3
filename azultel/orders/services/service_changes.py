"""Writes to a running service for the lifecycle app (plan changes, vacation suspensions, moves,
disconnects): its price history (``ServiceRate``), its status, its address and its phone line.

These are the only writers of those fields after activation; the lifecycle app decides what is
allowed and calls them inside its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from azultel.orders.models import PhoneLine, RateReason, Service, ServiceRate, ServiceStatus


@dataclass(frozen=True)
class BilledAs:
    """What a service is billed as on a day: the product, its name and monthly price."""

    product_id: int
    product_name: str
    monthly_price: Decimal
    intro_monthly_price: Decimal | None
    intro_months: int | None


def service_billed_as(*, service: Service, day: date, plan_only: bool = False) -> BilledAs:
    """What ``service`` is billed as on ``day`` by its price history (``plan_only``: ignoring
    vacation rates, the plan itself)."""
    rates = list(service.rates.order_by("effective_on"))
    if plan_only:
        rates_in_effect = [
            r for r in rates if r.effective_on <= day and r.reason != RateReason.SUSPENDED
        ]
    else:
        rates_in_effect = [r for r in rates if r.effective_on <= day]
    if rates_in_effect:
        last = rates_in_effect[-1]
        return BilledAs(last.product_id, last.product_name, last.monthly_price, None, None)
    if rates:
        first = rates[0]
        return BilledAs(
            service.product_id if first.reason != RateReason.PLAN_CHANGE else first.product_id,
            first.previous_product_name,
            first.previous_monthly_price,
            first.previous_intro_monthly_price,
            first.previous_intro_months,
        )
    return BilledAs(
        service.product_id,
        service.product_name,
        service.monthly_price,
        service.intro_monthly_price,
        service.intro_months,
    )


def service_rate_add(
    *,
    service: Service,
    effective_on: date,
    reason: str,
    product_id: int,
    product_name: str,
    monthly_price: Decimal,
) -> ServiceRate:
    """Bill ``service`` as ``product_name`` at ``monthly_price`` from ``effective_on``.

    What it was billed as just before that day is kept with the row, so the billing run can
    charge the days before the change at the old price. One change a day per service (a unique
    constraint): the caller checks first and shows a plain refusal.
    """
    before = service_billed_as(service=service, day=effective_on - timedelta(days=1))
    return ServiceRate.objects.create(
        service=service,
        effective_on=effective_on,
        reason=reason,
        product_id=product_id,
        product_name=product_name,
        monthly_price=monthly_price,
        previous_product_name=before.product_name,
        previous_monthly_price=before.monthly_price,
        previous_intro_monthly_price=before.intro_monthly_price,
        previous_intro_months=before.intro_months,
    )


def service_rate_remove(*, service: Service, effective_on: date) -> int:
    """Take back a change that has not started (a cancelled suspension); how many rows went."""
    deleted, _ = ServiceRate.objects.filter(service=service, effective_on=effective_on).delete()
    return deleted


def service_plan_apply(*, service: Service, today: date) -> bool:
    """Bring the service's plan fields up to its price history on ``today``: the product, its
    name and regular price of the last plan change in effect. True when something changed."""
    change = (
        service.rates.filter(reason=RateReason.PLAN_CHANGE, effective_on__lte=today)
        .order_by("-effective_on")
        .first()
    )
    if change is None or (
        service.product_id == change.product_id and service.monthly_price == change.monthly_price
    ):
        return False
    service.product_id = change.product_id
    service.product_name = change.product_name
    service.monthly_price = change.monthly_price
    service.intro_monthly_price = None
    service.intro_months = None
    service.save(
        update_fields=[
            "product",
            "product_name",
            "monthly_price",
            "intro_monthly_price",
            "intro_months",
            "updated_at",
        ]
    )
    return True


def service_status_set(*, service: Service, status: str) -> None:
    """Suspend or restore a service that has not ended."""
    if status not in (ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED):
        raise ValueError("Only active and suspended can be set here; ending is service_end.")
    service.status = status
    service.save(update_fields=["status", "updated_at"])


def service_end(*, service: Service, ended_on: date, release_number: bool) -> bool:
    """End the service on ``ended_on`` (billed through that day). With ``release_number`` its
    phone line goes, so the number is free again; without, the line stays for a port-out.
    True when a number was released."""
    service.status = ServiceStatus.ENDED
    service.ended_on = ended_on
    service.save(update_fields=["status", "ended_on", "updated_at"])
    if not release_number:
        return False
    deleted, _ = PhoneLine.objects.filter(service=service).delete()
    return bool(deleted)


def service_address_set(
    *, service: Service, street: str, unit: str, city: str, state: str, zip_code: str
) -> None:
    """Move the service to a new address (the lifecycle app checked it is served)."""
    service.service_street = street
    service.service_unit = unit
    service.service_city = city
    service.service_state = state
    service.service_zip = zip_code
    service.save(
        update_fields=[
            "service_street",
            "service_unit",
            "service_city",
            "service_state",
            "service_zip",
            "updated_at",
        ]
    )
