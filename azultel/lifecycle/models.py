"""One row per service change asked for: what, for which service, when it takes effect, what it
costs, and the idempotency key of the form that asked (a form sent twice makes one change)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

_ADDRESS = Personal("user.contact.address", ("order_fulfilment", "billing"), "billing_records")
_CPNI = Personal("user.cpni", ("billing",), "billing_records")


class ChangeKind(models.TextChoices):
    PLAN = "plan", "Plan change"
    MOVE = "move", "Move to a new address"
    SUSPEND = "suspend", "Vacation suspension"
    RESTORE = "restore", "Restore after a vacation"
    DISCONNECT = "disconnect", "Disconnect"


class ChangeStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ServiceChange(BaseModel):
    """A change to one service, asked for by the customer or by care on their behalf."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("orders.Service", on_delete=models.PROTECT, related_name="+")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices)
    idempotency_key = models.CharField(max_length=64, unique=True)
    effective_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="A suspension's return day.")
    from_product_name = models.CharField(max_length=120)
    to_product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_product_name = models.CharField(max_length=120, blank=True)
    old_monthly_price = models.DecimalField(max_digits=9, decimal_places=2)
    new_monthly_price = models.DecimalField(max_digits=9, decimal_places=2)
    bill_effect = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=0,
        help_text="What the change adds to (or takes off) the next bill, as quoted.",
    )
    new_street = models.CharField(max_length=200, blank=True)
    new_unit = models.CharField(max_length=50, blank=True)
    new_city = models.CharField(max_length=100, blank=True)
    new_state = models.CharField(max_length=2, blank=True)
    new_zip = models.CharField(max_length=10, blank=True)
    appointment_on = models.DateField(null=True, blank=True)
    keep_number_for_port_out = models.BooleanField(default=False)

    data_map: ClassVar[dict[str, Declaration]] = {
        "from_product_name": NotPersonal("the name of a product"),
        "to_product_name": NotPersonal("the name of a product"),
        "to_product": _CPNI,
        "old_monthly_price": _CPNI,
        "new_monthly_price": _CPNI,
        "bill_effect": _CPNI,
        "new_street": _ADDRESS,
        "new_unit": _ADDRESS,
        "new_city": _ADDRESS,
        "new_state": _ADDRESS,
        "new_zip": _ADDRESS,
        "appointment_on": Personal("user.preferences", ("order_fulfilment",), "billing_records"),
        "keep_number_for_port_out": Personal(
            "user.preferences", ("order_fulfilment",), "billing_records"
        ),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="lifecycle_change_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ChangeStatus.values), name="lifecycle_change_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind=ChangeKind.SUSPEND) | Q(ends_on__gt=models.F("effective_on")),
                name="lifecycle_suspension_has_return_day",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ChangeKind.PLAN) | Q(to_product__isnull=False),
                name="lifecycle_plan_change_has_product",
            ),
            models.CheckConstraint(
                # A deleted account's move keeps "erased" as its street (B2).
                condition=~Q(kind=ChangeKind.MOVE) | ~Q(new_street=""),
                name="lifecycle_move_has_address",
            ),
        ]
        indexes = [
            models.Index(fields=["service", "kind", "status"]),
            models.Index(fields=["status", "effective_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"
