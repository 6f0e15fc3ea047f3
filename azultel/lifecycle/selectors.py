"""Reads of service changes, scoped to the customer (another customer's service is not found)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from azultel.accounts.models import User
from azultel.lifecycle.models import ChangeStatus, ServiceChange
from azultel.orders.models import Service
from azultel.orders.selectors import services_for_customer


def service_get_for_customer(*, customer: User, service_id: UUID) -> Service | None:
    """The customer's own service by id, or None (someone else's is None too)."""
    found: Service | None = (
        services_for_customer(customer=customer)
        .select_related("product")
        .filter(pk=service_id)
        .first()
    )
    return found


def changes_for_service(*, service: Service) -> QuerySet[ServiceChange]:
    """The changes asked for on a service, newest first."""
    return ServiceChange.objects.filter(service=service).order_by("-created_at", "id")


def scheduled_changes_for_customer(*, customer: User) -> dict[UUID, list[ServiceChange]]:
    """The customer's changes still to happen, by service id (one query)."""
    found: dict[UUID, list[ServiceChange]] = {}
    for change in ServiceChange.objects.filter(
        customer=customer, status=ChangeStatus.SCHEDULED
    ).order_by("effective_on", "id"):
        found.setdefault(change.service_id, []).append(change)
    return found


def service_changes_export(*, customer: User) -> dict[str, object]:
    """The customer's service changes for "my data" (B2)."""
    return {
        "service_changes": [
            {
                "kind": c.get_kind_display(),
                "status": c.get_status_display(),
                "asked_at": c.created_at.isoformat(),
                "effective_on": c.effective_on.isoformat(),
                "ends_on": c.ends_on.isoformat() if c.ends_on else None,
                "from_plan": c.from_product_name,
                "to_plan": c.to_product_name or None,
                "monthly_price_before": str(c.old_monthly_price),
                "monthly_price_after": str(c.new_monthly_price),
                "bill_effect": str(c.bill_effect),
                "new_address": {
                    "street": c.new_street,
                    "unit": c.new_unit,
                    "city": c.new_city,
                    "state": c.new_state,
                    "zip": c.new_zip,
                }
                if c.new_street
                else None,
                "appointment_on": c.appointment_on.isoformat() if c.appointment_on else None,
                "number_kept_for_port_out": c.keep_number_for_port_out,
            }
            for c in ServiceChange.objects.filter(customer=customer).order_by("created_at", "id")
        ]
    }
