"""What an activated order leaves behind: services, phone lines and the number pool."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.orders.models.common import (
    _ADDRESS_ORDER,
    _LISTED,
    LISTING_EXPLANATIONS,
    ListingChoice,
)
from azultel.orders.models.orders import OrderLine
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

if TYPE_CHECKING:
    pass

_E911 = Personal(
    "user.contact.address",
    ("order_fulfilment",),
    "account_lifetime",
    description="the registered 911 address sent to emergency services with a call",
)


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended for vacation"
    ENDED = "ended", "Ended"


class Service(BaseModel):
    """A service a customer has with Azultel, created when its order becomes active.

    ``monthly_price`` (and the introductory price and months) are the strategy's prices for
    ``state`` when the order was placed; billing charges these, never today's catalog price.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="services"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(max_length=120)
    product_kind = models.CharField(max_length=12)
    state = models.CharField(max_length=2)
    order_line = models.OneToOneField(OrderLine, on_delete=models.PROTECT, related_name="service")
    monthly_price = models.DecimalField(max_digits=9, decimal_places=2)
    intro_monthly_price = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    intro_months = models.PositiveSmallIntegerField(null=True, blank=True)
    service_street = models.CharField("street address", max_length=200)
    service_unit = models.CharField("apartment, suite or unit", max_length=50, blank=True)
    service_city = models.CharField("city", max_length=100)
    service_state = models.CharField("state", max_length=2)
    service_zip = models.CharField("ZIP code", max_length=10)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "product_name": NotPersonal("the name of the product"),
        "service_street": _ADDRESS_ORDER,
        "service_unit": _ADDRESS_ORDER,
        "service_city": _ADDRESS_ORDER,
        "service_state": _ADDRESS_ORDER,
        "service_zip": _ADDRESS_ORDER,
        "monthly_price": Personal("user.cpni", ("billing",), "billing_records"),
        # Services held and the plan are CPNI: marketing may choose people by them only while
        # the customer's CPNI approval is on (47 CFR 64.2007).
        "product_kind": Personal(
            "user.cpni",
            ("billing", "marketing"),
            "billing_records",
            description="the kind of service held; for offers only with CPNI approval",
        ),
        "product": Personal(
            "user.cpni",
            ("billing", "marketing"),
            "billing_records",
            description="the plan held; for offers only with CPNI approval",
        ),
    }

    class Meta:
        ordering = ["started_on", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ServiceStatus.values), name="orders_service_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED],
                    ended_on__isnull=True,
                )
                | Q(status=ServiceStatus.ENDED, ended_on__isnull=False),
                name="orders_service_ended_has_date",
            ),
        ]
        indexes = [models.Index(fields=["customer", "status"])]

    def __str__(self) -> str:
        return f"{self.product_name} ({self.get_status_display()})"


class NumberPool(BaseModel):
    """A block of telephone numbers we can assign in a state: +1 AAA EEE LLLL, lines in a range."""

    state = models.CharField(max_length=2)
    area_code = models.CharField(max_length=3)
    exchange = models.CharField(max_length=3)
    next_line = models.PositiveSmallIntegerField(default=100)
    last_line = models.PositiveSmallIntegerField(default=9999)
    is_active = models.BooleanField(default=True)

    data_map: ClassVar[dict[str, Declaration]] = {}

    class Meta:
        ordering = ["state", "area_code", "exchange"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_code", "exchange"], name="orders_number_pool_once"
            ),
            models.CheckConstraint(
                condition=Q(area_code__regex=r"^[2-9][0-9]{2}$")
                & Q(exchange__regex=r"^[2-9][0-9]{2}$"),
                name="orders_number_pool_digits",
            ),
            models.CheckConstraint(
                condition=Q(last_line__lte=9999), name="orders_number_pool_line_range"
            ),
        ]

    def __str__(self) -> str:
        return f"({self.area_code}) {self.exchange}-xxxx in {self.state}"


class PhoneLine(BaseModel):
    """The telephone number of a service and how the customer chose to be listed (P06)."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="phone_line")
    number = models.CharField(max_length=16, unique=True, help_text="E.164, e.g. +13055550100.")
    listing_choice = models.CharField(max_length=16, choices=ListingChoice.choices)
    listed_name = models.CharField(max_length=120, blank=True)
    listed_street = models.CharField(max_length=200, blank=True)
    listed_city = models.CharField(max_length=100, blank=True)
    listed_state = models.CharField(max_length=2, blank=True)
    listed_zip = models.CharField(max_length=10, blank=True)
    # The registered 911 address (RAY BAUM'S Act, 47 CFR 9.16): where emergency services go.
    # Activation refuses a line without one; only account deletion blanks it (the line ends).
    e911_street = models.CharField("street address", max_length=200, blank=True)
    e911_unit = models.CharField("apartment, floor or unit", max_length=50, blank=True)
    e911_city = models.CharField("city", max_length=100, blank=True)
    e911_state = models.CharField("state", max_length=2, blank=True)
    e911_zip = models.CharField("ZIP code", max_length=10, blank=True)
    e911_updated_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "number": Personal(
            "user.contact.phone", ("order_fulfilment", "billing", "directory"), "account_lifetime"
        ),
        "listing_choice": Personal("user.preferences", ("directory",), "account_lifetime"),
        "listed_name": Personal("user.name", ("directory",), "account_lifetime"),
        "listed_street": _LISTED,
        "listed_city": _LISTED,
        "listed_state": _LISTED,
        "listed_zip": _LISTED,
        "e911_street": _E911,
        "e911_unit": _E911,
        "e911_city": _E911,
        "e911_state": _E911,
        "e911_zip": _E911,
        "e911_updated_at": NotPersonal("when the 911 address last changed"),
    }

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(listing_choice__in=ListingChoice.values),
                name="orders_phone_listing_valid",
            ),
            models.CheckConstraint(
                condition=~Q(listing_choice=ListingChoice.NON_PUBLISHED)
                | Q(
                    listed_name="",
                    listed_street="",
                    listed_city="",
                    listed_state="",
                    listed_zip="",
                ),
                name="orders_phone_non_published_keeps_nothing_to_list",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_listing_choice_display()})"

    @property
    def listing_explanation(self) -> str:
        return LISTING_EXPLANATIONS.get(self.listing_choice, "")
