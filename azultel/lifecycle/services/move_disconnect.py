"""Moving a service to a new address, and disconnecting it.

A move is checked against the network (``catalog.selectors.product_available_at``): an address
we do not serve is refused with the reason, nothing saved. Services that need a technician
(fiber, DSL, copper) move on an appointment day; the others move at once. When the address
changes, a phone line's 911 address follows in the same transaction, and
``signals.service_moved`` is sent after commit.

A disconnect ends the service today: the billing run then issues its final bill with the last
month charged to the day. The number is released, or kept for a port-out to another carrier.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from azultel.catalog.selectors import product_available_at, zip_five
from azultel.core.actors import Actor, system_actor
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
from azultel.lifecycle.signals import service_moved
from azultel.orders.models import PhoneLine, Service
from azultel.orders.services import (
    Address,
    phone_line_e911_update,
    service_address_set,
    service_end,
)

NO_VISIT_TECHNOLOGY = "none"
APPOINTMENT_DAYS_AHEAD = 60


def move_needs_appointment(*, service: Service) -> bool:
    """True when moving this service needs a technician at the new address."""
    return bool(service.product.technology != NO_VISIT_TECHNOLOGY)


def _line_911_follows(service: Service, change: ServiceChange) -> None:
    """A phone line's registered 911 address is where the service now is (47 CFR 9.16): set it
    in the move's own transaction; the customer is told it changed (P30)."""
    line = PhoneLine.objects.filter(service=service).first()
    if line is None:
        return
    phone_line_e911_update(
        customer=service.customer,
        phone_line=line,
        address=Address(
            street=change.new_street,
            unit=change.new_unit,
            city=change.new_city,
            state=change.new_state,
            zip_code=change.new_zip,
        ),
        actor=system_actor("lifecycle"),
    )


def _address_moved(service: Service, change: ServiceChange) -> None:
    service_address_set(
        service=service,
        street=change.new_street,
        unit=change.new_unit,
        city=change.new_city,
        state=change.new_state,
        zip_code=change.new_zip,
    )
    _line_911_follows(service, change)
    transaction.on_commit(lambda: service_moved.send(sender=Service, service=service))


def service_move(
    *,
    actor: Actor,
    service: Service,
    street: str,
    unit: str,
    city: str,
    zip_code: str,
    appointment_on: date | None,
    idempotency_key: str,
    today: date | None = None,
) -> ChangeResult:
    """Move ``service`` to a new address for its customer. Refused (nothing saved) for an
    address we do not serve, another state (prices are per state: that is a new order), a
    missing or impossible appointment day."""
    key = _key_checked(idempotency_key)
    today = today or timezone.localdate()
    street, unit, city = street.strip(), unit.strip(), city.strip()
    with transaction.atomic():
        locked = _locked(service)
        found = _existing(key, locked)
        if found is not None:
            return found
        _require_running(locked)
        if not street:
            raise ChangeRefused("Enter the street address.", field="street")
        if not city:
            raise ChangeRefused("Enter the city.", field="city")
        five = zip_five(zip_code)
        if five is None:
            raise ChangeRefused("Enter a five-digit ZIP code, like 33131.", field="zip_code")
        availability = product_available_at(product=locked.product, zip_code=five, street=street)
        if availability is None:
            raise ChangeRefused(f"We could not find ZIP code {five}.", field="zip_code")
        if not availability.orderable or availability.price is None:
            raise ChangeRefused(
                f"We cannot move {locked.product_name} there: {availability.reason}",
                field="zip_code",
            )
        if availability.price.state != locked.state:
            raise ChangeRefused(
                "That address is in another state, where prices differ: please order new "
                "service there, then disconnect this one.",
                field="zip_code",
            )
        needs_visit = move_needs_appointment(service=locked)
        if needs_visit:
            if appointment_on is None:
                raise ChangeRefused(
                    "Choose a day for the technician's visit.", field="appointment_on"
                )
            if not today < appointment_on <= today + timedelta(days=APPOINTMENT_DAYS_AHEAD):
                raise ChangeRefused(
                    f"Choose a day from tomorrow to {APPOINTMENT_DAYS_AHEAD} days from today.",
                    field="appointment_on",
                )
        effective_on = appointment_on if needs_visit and appointment_on else today
        change = ServiceChange.objects.create(
            service=locked,
            customer_id=locked.customer_id,
            actor=_actor_user(actor),
            kind=ChangeKind.MOVE,
            status=ChangeStatus.DONE if effective_on <= today else ChangeStatus.SCHEDULED,
            idempotency_key=key,
            effective_on=effective_on,
            from_product_name=locked.product_name,
            old_monthly_price=locked.monthly_price,
            new_monthly_price=locked.monthly_price,
            new_street=street,
            new_unit=unit.strip(),
            new_city=city,
            new_state=availability.price.state,
            new_zip=five,
            appointment_on=appointment_on if needs_visit else None,
        )
        if effective_on <= today:
            _address_moved(locked, change)
            summary = "Your service has moved to the new address you gave us."
        else:
            summary = (
                f"Your service moves to the new address you gave us on {day_words(effective_on)}, "
                "when our technician visits."
            )
        return _recorded(change, actor=actor, summary=summary)


def move_apply(*, change: ServiceChange) -> None:
    """A scheduled move whose day has come: the service takes the new address."""
    service = _locked(change.service)
    _address_moved(service, change)
    change.status = ChangeStatus.DONE
    change.save(update_fields=["status", "updated_at"])


def service_disconnect(
    *,
    actor: Actor,
    service: Service,
    keep_number_for_port_out: bool,
    idempotency_key: str,
    today: date | None = None,
) -> ChangeResult:
    """End ``service`` today for its customer: billed through today on the final bill; its
    number released, or kept for a port-out. Scheduled changes to it are called off."""
    key = _key_checked(idempotency_key)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(service)
        found = _existing(key, locked)
        if found is not None:
            return found
        _require_running(locked)
        if locked.started_on > today:
            raise ChangeRefused("This service has not started; cancel its order instead.")
        locked.rates.filter(effective_on__gt=today).delete()
        ServiceChange.objects.filter(service=locked, status=ChangeStatus.SCHEDULED).update(
            status=ChangeStatus.CANCELLED, updated_at=timezone.now()
        )
        has_line = hasattr(locked, "phone_line")
        keep = keep_number_for_port_out and has_line
        service_end(service=locked, ended_on=today, release_number=not keep)
        change = ServiceChange.objects.create(
            service=locked,
            customer_id=locked.customer_id,
            actor=_actor_user(actor),
            kind=ChangeKind.DISCONNECT,
            status=ChangeStatus.DONE,
            idempotency_key=key,
            effective_on=today,
            from_product_name=locked.product_name,
            old_monthly_price=locked.monthly_price,
            new_monthly_price=0,
            keep_number_for_port_out=keep,
        )
        summary = (
            f"Your service ends on {day_words(today)}. Your final bill charges it to that day."
        )
        if has_line:
            summary += (
                " Your number is kept for a move to another carrier."
                if keep
                else " Its phone number is released."
            )
        return _recorded(change, actor=actor, summary=summary)
