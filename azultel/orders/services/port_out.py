"""Port-out protection (FCC 2023 SIM-swap and port-out rules): the customer's PIN (a password
hash, never shown back) and freeze switch; requests to move a number away, change its SIM or
the line, refused while frozen or without the right PIN, otherwise held while the customer is
told by email, and completed by a periodic job only after the hold period."""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.accounts.models import User
from azultel.comms.services import message_send
from azultel.core.audit import audit_record
from azultel.core.ratelimit import rate_limit_hit
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import (
    PhoneLine,
    PortOutKind,
    PortOutProtection,
    PortOutRequest,
    PortOutStatus,
    ServiceStatus,
)
from azultel.orders.services.actors import Actor
from azultel.orders.services.errors import OrderError

PIN_PATTERN = re.compile(r"^[0-9]{6,10}$")
# Attempts per line per hour, whoever makes them; the lock after N wrong PINs is in the database.
PIN_THROTTLE_LIMIT = 10
PIN_THROTTLE_WINDOW_SECONDS = 3600


class PortOutRefused(OrderError):
    pass


def port_out_protection_get(*, customer: User) -> PortOutProtection:
    protection, _ = PortOutProtection.objects.get_or_create(customer=customer)
    return protection


def _notice(customer: User, template: str, context: dict[str, object], key: str = "") -> None:
    message_send(
        category="security",
        to=customer.email,
        template=template,
        context={"greeting_name": customer.given_name, **context},
        dedupe_key=key or None,
    )


@sensitive_variables("pin")
def port_out_pin_set(*, customer: User, pin: str, actor: Actor) -> PortOutProtection:
    """Set or change the port-out PIN (6 to 10 digits); this also lifts a lock. Notice sent."""
    if not PIN_PATTERN.match(pin):
        raise PortOutRefused("Choose a PIN of 6 to 10 digits.")
    with transaction.atomic():
        port_out_protection_get(customer=customer)
        protection = PortOutProtection.objects.select_for_update().get(customer=customer)
        protection.pin_hash = make_password(pin)
        protection.pin_set_at = timezone.now()
        protection.failed_attempts = 0
        protection.locked_at = None
        protection.save(
            update_fields=["pin_hash", "pin_set_at", "failed_attempts", "locked_at", "updated_at"]
        )
        audit_record(actor=actor, action=OrdersAudit.PORT_OUT_PIN_SET, subject=protection)
        _notice(customer, "orders_port_out_pin_set", {})
    return protection


def port_out_freeze_set(*, customer: User, frozen: bool, actor: Actor) -> PortOutProtection:
    """Turn the port-out freeze on or off; a notice says which."""
    with transaction.atomic():
        port_out_protection_get(customer=customer)
        protection = PortOutProtection.objects.select_for_update().get(customer=customer)
        if protection.frozen == frozen:
            return protection
        protection.frozen = frozen
        protection.frozen_changed_at = timezone.now()
        protection.save(update_fields=["frozen", "frozen_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=OrdersAudit.PORT_OUT_FREEZE_CHANGED,
            subject=protection,
            detail={"frozen": frozen},
        )
        _notice(customer, "orders_port_out_freeze", {"frozen": frozen})
    return protection


def _refuse(line: PhoneLine, *, kind: str, requested_by: str, reason: str) -> PortOutRequest:
    return PortOutRequest.objects.create(
        phone_line=line,
        kind=kind,
        requested_by=requested_by[:80],
        status=PortOutStatus.REFUSED,
        reason=reason,
    )


@sensitive_variables("pin")
def port_out_request(
    *, number: str, kind: str, pin: str, requested_by: str, actor: Actor
) -> PortOutRequest:
    """A port-out, SIM change or line change for ``number``, asked by another carrier or staff.

    Refused (a ``REFUSED`` row with the reason, and the customer told) while the freeze is on,
    while port-outs are locked, when attempts come too fast, or with a wrong PIN (the count of
    wrong PINs locks port-outs at ``PORT_OUT_PIN_MAX_FAILURES``, with a notice). Accepted: held
    for ``PORT_OUT_HOLD_HOURS`` and the customer is emailed before anything completes.
    Raises ``PortOutRefused`` for an unknown number or kind (nothing written).
    """
    if kind not in PortOutKind.values:
        raise PortOutRefused("Choose port-out, SIM change or line change.")
    with transaction.atomic():
        line = (
            PhoneLine.objects.select_related("service__customer")
            .filter(number=number, service__status=ServiceStatus.ACTIVE)
            .first()
        )
        if line is None:
            raise PortOutRefused("No active Azultel line has that number.")
        customer = line.service.customer
        port_out_protection_get(customer=customer)
        protection = PortOutProtection.objects.select_for_update().get(customer=customer)
        last4 = {"last4": line.number[-4:], "kind": PortOutKind(kind).label.lower()}
        if protection.frozen:
            request = _refuse(
                line, kind=kind, requested_by=requested_by, reason="The port-out freeze is on."
            )
            _notice(customer, "orders_port_out_blocked", {**last4, "frozen": True})
            return request
        if protection.locked_at is not None:
            return _refuse(
                line,
                kind=kind,
                requested_by=requested_by,
                reason="Locked after too many wrong PINs.",
            )
        throttle = rate_limit_hit(
            scope="port-out-pin",
            identity=str(line.pk),
            limit=PIN_THROTTLE_LIMIT,
            window_seconds=PIN_THROTTLE_WINDOW_SECONDS,
        )
        if not throttle.allowed:
            return _refuse(
                line, kind=kind, requested_by=requested_by, reason="Too many attempts; wait."
            )
        if protection.has_pin and not check_password(pin, protection.pin_hash):
            PortOutProtection.objects.filter(pk=protection.pk).update(
                failed_attempts=F("failed_attempts") + 1
            )
            protection.refresh_from_db(fields=["failed_attempts"])
            if protection.failed_attempts >= settings.PORT_OUT_PIN_MAX_FAILURES:
                protection.locked_at = timezone.now()
                protection.save(update_fields=["locked_at", "updated_at"])
                _notice(customer, "orders_port_out_blocked", {**last4, "locked": True})
            return _refuse(line, kind=kind, requested_by=requested_by, reason="Wrong PIN.")
        protection.failed_attempts = 0
        protection.save(update_fields=["failed_attempts", "updated_at"])
        request = PortOutRequest.objects.create(
            phone_line=line,
            kind=kind,
            requested_by=requested_by[:80],
            status=PortOutStatus.HELD,
            completes_after=timezone.now() + timedelta(hours=settings.PORT_OUT_HOLD_HOURS),
        )
        audit_record(
            actor=actor,
            action=OrdersAudit.PORT_OUT_REQUESTED,
            subject=request,
            detail={"kind": kind},
        )
        _notice(
            customer,
            "orders_port_out_notice",
            {**last4, "hours": settings.PORT_OUT_HOLD_HOURS, "requested_by": requested_by},
            key=f"port-out-notice-{request.pk}",
        )
    return request


def port_out_cancel(*, customer: User, request_id: str, actor: Actor) -> PortOutRequest:
    """The customer stops a held request on one of their lines ("this was not me")."""
    with transaction.atomic():
        request = (
            PortOutRequest.objects.select_for_update()
            .filter(
                pk=request_id,
                phone_line__service__customer=customer,
                status=PortOutStatus.HELD,
            )
            .first()
        )
        if request is None:
            raise PortOutRefused("There is no waiting request with that reference.")
        request.status = PortOutStatus.CANCELLED
        request.completes_after = None
        request.save(update_fields=["status", "completes_after", "updated_at"])
        audit_record(actor=actor, action=OrdersAudit.PORT_OUT_CANCELLED, subject=request)
    return request


def port_out_requests_complete() -> int:
    """Periodic: complete the held requests whose hold period has passed (the customer was
    told when each was made). Returns how many completed."""
    done = 0
    now = timezone.now()
    due = list(
        PortOutRequest.objects.filter(
            status=PortOutStatus.HELD, completes_after__lte=now
        ).values_list("pk", flat=True)
    )
    for request_id in due:
        with transaction.atomic():
            updated = PortOutRequest.objects.filter(
                pk=request_id, status=PortOutStatus.HELD, completes_after__lte=now
            ).update(status=PortOutStatus.COMPLETED, completed_at=now, updated_at=now)
            done += updated
    return done
