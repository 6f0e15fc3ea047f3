"""What orders puts in a person's "my data" file (B2) and their credit checks (P23)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.orders.models import (
    CreditCheck,
    LineSetup,
    NoticeAcknowledgement,
    Order,
    PhoneLine,
    PortOutProtection,
    Service,
)
from azultel.orders.selectors.customer import purchase_history, services_for_customer


def credit_checks_for_customer(*, customer: User) -> list[CreditCheck]:
    """Credit checks still holding identity data, for the staff customer record (masked)."""
    return list(
        CreditCheck.objects.filter(order__customer=customer, identity_erased_at__isnull=True)
        .select_related("order")
        .order_by("-created_at")
    )


def orders_export(*, customer: User) -> dict[str, object]:
    """What orders holds about a person, for "my data" (B2). SSN and birth date only masked."""
    checks = {c.order_id: c for c in CreditCheck.objects.filter(order__customer=customer)}
    return {
        "orders": [
            _order_export(order, checks.get(order.pk))
            for order in purchase_history(customer=customer)
        ],
        "services": [
            _service_export(s)
            for s in services_for_customer(customer=customer).prefetch_related(
                "rates", "phone_line__port_in"
            )
        ],
        "phone_line_answers": [
            _line_setup_export(setup)
            for setup in LineSetup.objects.filter(customer=customer).order_by("created_at")
        ],
        "port_out_protection": _protection_export(
            PortOutProtection.objects.filter(customer=customer).first()
        ),
        "notices_acknowledged": [
            {
                "notice": ack.notice_version,
                "acknowledged_at": ack.acknowledged_at.isoformat(),
                "where": ack.context,
            }
            for ack in NoticeAcknowledgement.objects.filter(customer=customer).order_by(
                "acknowledged_at"
            )
        ],
    }


def _line_setup_export(setup: LineSetup) -> dict[str, object]:
    """A phone line's 911 address and number-transfer answers. The transfer PIN is never
    shown back (it is erased once the transfer is sent)."""
    return {
        "e911_address": {
            "street": setup.e911_street,
            "unit": setup.e911_unit,
            "city": setup.e911_city,
            "state": setup.e911_state,
            "zip": setup.e911_zip,
        },
        "keep_number": setup.keep_number,
        "number_to_keep": setup.port_number or None,
        "current_carrier": setup.port_carrier or None,
        "account_number_at_carrier": setup.port_account or None,
        "authorised_by": setup.authorised_name or None,
        "authorised_at": setup.authorised_at.isoformat() if setup.authorised_at else None,
    }


def _protection_export(protection: PortOutProtection | None) -> dict[str, object] | None:
    """Whether a port-out PIN is set and the freeze is on; the PIN itself is only a hash."""
    if protection is None:
        return None
    return {
        "pin_set_at": protection.pin_set_at.isoformat() if protection.pin_set_at else None,
        "freeze_on": protection.frozen,
        "locked_at": protection.locked_at.isoformat() if protection.locked_at else None,
    }


def _order_export(order: Order, check: CreditCheck | None) -> dict[str, object]:
    return {
        "number": order.number,
        "placed_at": order.created_at.isoformat(),
        "status": order.get_status_display(),
        "state": order.state,
        "service_address": _address(order, "service"),
        "billing_address": _address(order, "billing"),
        "one_time_total": str(order.one_time_total),
        "deposit": str(order.deposit),
        "charged_at_order": str(order.upfront_total),
        "first_monthly_total": str(order.monthly_total),
        "lines": [
            {
                "product": line.product_name,
                "quantity": line.quantity,
                "monthly_price": str(line.monthly_price),
                "one_time_price": str(line.one_time_price),
                "install_fee": str(line.install_fee),
                "listing_choice": line.get_listing_choice_display() or None,
                "listed_name": line.listed_name or None,
            }
            for line in order.lines.all()
        ],
        "credit_check": None if check is None else _credit_check_export(check),
    }


def _credit_check_export(check: CreditCheck) -> dict[str, object]:
    return {
        "outcome": check.get_outcome_display(),
        "ssn": str(check.ssn) if check.ssn else None,
        "date_of_birth": "held, not shown" if check.date_of_birth else None,
        "decided_at": check.decided_at.isoformat() if check.decided_at else None,
    }


def _service_export(service: Service) -> dict[str, object]:
    phone = getattr(service, "phone_line", None)
    return {
        "product": service.product_name,
        "status": service.get_status_display(),
        "monthly_price": str(service.monthly_price),
        "started_on": service.started_on.isoformat(),
        "ended_on": service.ended_on.isoformat() if service.ended_on else None,
        "phone_number": phone.number if phone else None,
        "listing_choice": phone.get_listing_choice_display() if phone else None,
        "e911_address": _e911(phone) if phone else None,
        "number_transfer": _port_in(phone) if phone else None,
        "price_changes": [
            {
                "from": rate.effective_on.isoformat(),
                "billed_as": rate.product_name,
                "monthly_price": str(rate.monthly_price),
                "before": rate.previous_product_name,
                "monthly_price_before": str(rate.previous_monthly_price),
            }
            for rate in service.rates.all()
        ],
    }


def _e911(phone: PhoneLine) -> dict[str, str]:
    return {
        part: getattr(phone, f"e911_{part}") for part in ("street", "unit", "city", "state", "zip")
    }


def _port_in(phone: PhoneLine) -> dict[str, str] | None:
    port = getattr(phone, "port_in", None)
    if port is None:
        return None
    return {
        "number": port.number,
        "carrier": port.carrier,
        "status": port.get_status_display(),
        "reason": port.reason,
    }


def _address(order: Order, prefix: str) -> dict[str, str]:
    return {
        part: getattr(order, f"{prefix}_{part}")
        for part in ("street", "unit", "city", "state", "zip")
    }
