"""Vacation suspension and restore: a reduced monthly rate while away, within yearly limits.

Limits (per calendar year of the start day): at most ``MAX_SUSPENSIONS_A_YEAR`` suspensions and
``MAX_SUSPENDED_DAYS_A_YEAR`` days suspended in all. While suspended the service is billed at
``VACATION_MONTHLY_RATE`` (or its own price, if lower), each part of a month to the day.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

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
    day_words,
)
from azultel.lifecycle.services.errors import ChangeRefused
from azultel.orders.models import RateReason, Service, ServiceStatus
from azultel.orders.services import (
    service_billed_as,
    service_rate_add,
    service_rate_remove,
    service_status_set,
)

VACATION_MONTHLY_RATE = Decimal("5.00")
MAX_SUSPENSIONS_A_YEAR = 2
MAX_SUSPENDED_DAYS_A_YEAR = 90
MAX_DAYS_AHEAD = 60


def _open_suspension(service: Service) -> ServiceChange | None:
    return (
        ServiceChange.objects.filter(
            service=service, kind=ChangeKind.SUSPEND, status=ChangeStatus.SCHEDULED
        )
        .order_by("effective_on")
        .first()
    )


def _check_dates(service: Service, starts_on: date, ends_on: date, today: date) -> None:
    if starts_on < today:
        raise ChangeRefused("The first day cannot be in the past.", field="starts_on")
    if starts_on > today + timedelta(days=MAX_DAYS_AHEAD):
        raise ChangeRefused(
            f"The first day can be at most {MAX_DAYS_AHEAD} days from today.", field="starts_on"
        )
    if ends_on <= starts_on:
        raise ChangeRefused("The return day must be after the first day.", field="ends_on")
    year_changes = ServiceChange.objects.filter(
        service=service,
        kind=ChangeKind.SUSPEND,
        effective_on__year=starts_on.year,
    ).exclude(status=ChangeStatus.CANCELLED)
    if year_changes.count() >= MAX_SUSPENSIONS_A_YEAR:
        raise ChangeRefused(
            f"A service can be suspended at most {MAX_SUSPENSIONS_A_YEAR} times a year."
        )
    used = sum(
        ((c.ends_on - c.effective_on).days for c in year_changes if c.ends_on is not None), 0
    )
    asked = (ends_on - starts_on).days
    if used + asked > MAX_SUSPENDED_DAYS_A_YEAR:
        left = max(MAX_SUSPENDED_DAYS_A_YEAR - used, 0)
        raise ChangeRefused(
            f"A service can be suspended at most {MAX_SUSPENDED_DAYS_A_YEAR} days a year; "
            f"{left} days are left this year.",
            field="ends_on",
        )


def service_suspend(
    *,
    actor: Actor,
    service: Service,
    starts_on: date,
    ends_on: date,
    idempotency_key: str,
    today: date | None = None,
) -> ChangeResult:
    """Suspend ``service`` from ``starts_on`` until the day before ``ends_on`` (the return day)
    at the vacation rate, for its customer. Same key again: the first result, nothing new."""
    key = _key_checked(idempotency_key)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(service)
        found = _existing(key, locked)
        if found is not None:
            return found
        _require_running(locked)
        if locked.status == ServiceStatus.SUSPENDED or _open_suspension(locked) is not None:
            raise ChangeRefused("This service already has a vacation suspension.")
        if locked.rates.filter(effective_on__gte=starts_on).exists():
            raise ChangeRefused(
                "A change to this service is already scheduled; suspend it after that change."
            )
        _check_dates(locked, starts_on, ends_on, today)
        plan = service_billed_as(service=locked, day=starts_on, plan_only=True)
        vacation_price = min(VACATION_MONTHLY_RATE, plan.monthly_price)
        service_rate_add(
            service=locked,
            effective_on=starts_on,
            reason=RateReason.SUSPENDED,
            product_id=plan.product_id,
            product_name=f"{plan.product_name}, suspended for vacation"[:120],
            monthly_price=vacation_price,
        )
        service_rate_add(
            service=locked,
            effective_on=ends_on,
            reason=RateReason.RESTORED,
            product_id=plan.product_id,
            product_name=plan.product_name,
            monthly_price=plan.monthly_price,
        )
        if starts_on <= today:
            service_status_set(service=locked, status=ServiceStatus.SUSPENDED)
        change = ServiceChange.objects.create(
            service=locked,
            customer_id=locked.customer_id,
            actor=_actor_user(actor),
            kind=ChangeKind.SUSPEND,
            status=ChangeStatus.SCHEDULED,
            idempotency_key=key,
            effective_on=starts_on,
            ends_on=ends_on,
            from_product_name=plan.product_name,
            old_monthly_price=plan.monthly_price,
            new_monthly_price=vacation_price,
        )
        summary = (
            f"Your service is suspended from {day_words(starts_on)} and comes back on "
            f"{day_words(ends_on)}. While suspended it is billed at ${vacation_price} a month."
        )
        return _recorded(change, actor=actor, summary=summary)


def service_restore(
    *, actor: Actor, service: Service, idempotency_key: str, today: date | None = None
) -> ChangeResult:
    """End a vacation suspension today (or call off one that has not started)."""
    key = _key_checked(idempotency_key)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(service)
        found = _existing(key, locked)
        if found is not None:
            return found
        _require_running(locked)
        suspension = _open_suspension(locked)
        if suspension is None or suspension.ends_on is None:
            raise ChangeRefused("This service is not suspended.")
        service_rate_remove(service=locked, effective_on=suspension.ends_on)
        if suspension.effective_on >= today:
            # Not started (or starting today): no part of it is billed at the vacation rate.
            service_rate_remove(service=locked, effective_on=suspension.effective_on)
            suspension.status = ChangeStatus.CANCELLED
        else:
            plan = service_billed_as(service=locked, day=suspension.effective_on, plan_only=True)
            service_rate_add(
                service=locked,
                effective_on=today,
                reason=RateReason.RESTORED,
                product_id=plan.product_id,
                product_name=plan.product_name,
                monthly_price=plan.monthly_price,
            )
            suspension.ends_on = today
            suspension.status = ChangeStatus.DONE
        suspension.save(update_fields=["ends_on", "status", "updated_at"])
        service_status_set(service=locked, status=ServiceStatus.ACTIVE)
        change = ServiceChange.objects.create(
            service=locked,
            customer_id=locked.customer_id,
            actor=_actor_user(actor),
            kind=ChangeKind.RESTORE,
            status=ChangeStatus.DONE,
            idempotency_key=key,
            effective_on=today,
            from_product_name=suspension.from_product_name,
            old_monthly_price=suspension.new_monthly_price,
            new_monthly_price=suspension.old_monthly_price,
        )
        summary = f"Your service is back from {day_words(today)} at its usual price."
        return _recorded(change, actor=actor, summary=summary)
