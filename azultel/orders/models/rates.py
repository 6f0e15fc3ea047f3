"""The price history of a service after it started: plan changes and vacation suspensions.

A ``ServiceRate`` says "from ``effective_on`` this service is billed as ``product_name`` at
``monthly_price``", and keeps what it was billed as before (the price, and the introductory price
that applied), so the billing run can split a month at each change and charge each part to the
day (``billing.charges.rating.service_lines``). Rows are written by the lifecycle app through
``orders.services.service_rate_add``; a future row (a downgrade at the next bill, the end of a
suspension) waits until its day.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.orders.models.services import Service
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

_CPNI_PRICE = Personal("user.cpni", ("billing",), "billing_records")


class RateReason(models.TextChoices):
    PLAN_CHANGE = "plan_change", "Plan change"
    SUSPENDED = "suspended", "Suspended for vacation"
    RESTORED = "restored", "Restored after a suspension"


class ServiceRate(BaseModel):
    """From ``effective_on`` (included) the service is billed as this name at this price."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="rates")
    effective_on = models.DateField()
    reason = models.CharField(max_length=12, choices=RateReason.choices)
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(max_length=120)
    monthly_price = models.DecimalField(max_digits=9, decimal_places=2)
    previous_product_name = models.CharField(max_length=120)
    previous_monthly_price = models.DecimalField(max_digits=9, decimal_places=2)
    previous_intro_monthly_price = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True
    )
    previous_intro_months = models.PositiveSmallIntegerField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "product_name": NotPersonal("the name of the product billed"),
        "previous_product_name": NotPersonal("the name of the product billed before"),
        "monthly_price": _CPNI_PRICE,
        "previous_monthly_price": _CPNI_PRICE,
        "previous_intro_monthly_price": _CPNI_PRICE,
        "product": Personal("user.cpni", ("billing",), "billing_records"),
    }

    class Meta:
        ordering = ["service", "effective_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "effective_on"], name="orders_service_rate_once_a_day"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=RateReason.values), name="orders_service_rate_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(monthly_price__gte=0, previous_monthly_price__gte=0),
                name="orders_service_rate_prices_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_name} from {self.effective_on}"
