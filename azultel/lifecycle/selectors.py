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
