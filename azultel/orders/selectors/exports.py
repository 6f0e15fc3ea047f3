"""What orders puts in a person's "my data" file (B2) and their credit checks (P23)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.orders.models import (
    CreditCheck,
    Order,
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
            for s in services_for_customer(customer=customer).prefetch_related("rates")
        ],
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


def _address(order: Order, prefix: str) -> dict[str, str]:
    return {
        part: getattr(order, f"{prefix}_{part}")
        for part in ("street", "unit", "city", "state", "zip")
    }
