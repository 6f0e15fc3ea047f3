"""Orders, their lines and history, order numbers and credit checks."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from azultel.core.models import BaseModel
from azultel.orders.models.common import (
    _ADDRESS_ORDER,
    _ORDER_AMOUNT,
    LISTING_EXPLANATIONS,
    SERVICE_KINDS,
    ZERO,
    ListingChoice,
)
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.fields import EncryptedTextField, LookupHashField, digits_only
from azultel.privacy.profiling import CollectionChannel
from azultel.privacy.services import subject_for_user

if TYPE_CHECKING:
    from azultel.privacy.models import DataSubject


class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    CREDIT_CHECK = "credit_check", "Credit check"
    CONFIRMED = "confirmed", "Confirmed"
    PROVISIONING = "provisioning", "Being set up"
    ACTIVE = "active", "Active"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


# The only moves an order can make (order_transition enforces them).
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    OrderStatus.SUBMITTED: (OrderStatus.CREDIT_CHECK, OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
    OrderStatus.CREDIT_CHECK: (
        OrderStatus.CONFIRMED,
        OrderStatus.DECLINED,
        OrderStatus.CANCELLED,
    ),
    OrderStatus.CONFIRMED: (OrderStatus.PROVISIONING, OrderStatus.CANCELLED),
    OrderStatus.PROVISIONING: (OrderStatus.ACTIVE, OrderStatus.CANCELLED),
    OrderStatus.ACTIVE: (),
    OrderStatus.DECLINED: (),
    OrderStatus.CANCELLED: (),
}
# A customer may cancel online until we start setting the service up.
CUSTOMER_CANCELLABLE = (OrderStatus.SUBMITTED, OrderStatus.CREDIT_CHECK, OrderStatus.CONFIRMED)


class OrderNumberCounter(models.Model):
    """The last order number issued in a year (AZ-2026-000123)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Order(BaseModel):
    """A placed order: prices as they were, addresses as given, and where it stands now."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    state = models.CharField(max_length=2, help_text="The state the order is priced in.")
    status = models.CharField(
        max_length=16, choices=OrderStatus.choices, default=OrderStatus.SUBMITTED
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.CharField(max_length=64, unique=True)
    service_street = models.CharField("street address", max_length=200)
    service_unit = models.CharField("apartment, suite or unit", max_length=50, blank=True)
    service_city = models.CharField("city", max_length=100)
    service_state = models.CharField("state", max_length=2)
    service_zip = models.CharField("ZIP code", max_length=10)
    billing_street = models.CharField(max_length=200)
    billing_unit = models.CharField(max_length=50, blank=True)
    billing_city = models.CharField(max_length=100)
    billing_state = models.CharField(max_length=2)
    billing_zip = models.CharField(max_length=10)
    one_time_total = models.DecimalField(
        max_digits=10, decimal_places=2, default=ZERO, help_text="Devices and set-up fees."
    )
    deposit = models.DecimalField(max_digits=10, decimal_places=2, default=ZERO)
    upfront_total = models.DecimalField(
        max_digits=10, decimal_places=2, default=ZERO, help_text="Charged when confirmed."
    )
    monthly_total = models.DecimalField(
        max_digits=10, decimal_places=2, default=ZERO, help_text="First monthly bill, before tax."
    )
    charge = models.ForeignKey(
        "payments.Charge", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    collection_channel = models.CharField(
        max_length=10, choices=CollectionChannel.choices, default=CollectionChannel.ONLINE
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "service_street": _ADDRESS_ORDER,
        "service_unit": _ADDRESS_ORDER,
        "service_city": _ADDRESS_ORDER,
        "service_state": _ADDRESS_ORDER,
        "service_zip": _ADDRESS_ORDER,
        "billing_street": _ADDRESS_ORDER,
        "billing_unit": _ADDRESS_ORDER,
        "billing_city": _ADDRESS_ORDER,
        "billing_state": _ADDRESS_ORDER,
        "billing_zip": _ADDRESS_ORDER,
        "one_time_total": _ORDER_AMOUNT,
        "upfront_total": _ORDER_AMOUNT,
        "monthly_total": _ORDER_AMOUNT,
        "deposit": Personal("user.financial.account", ("billing",), "billing_records"),
        "number": NotPersonal("the order number we issue"),
    }

    class Meta:
        ordering = ["-created_at", "-number"]
        permissions = [
            ("view_order_queue", "Can see the order queue (identity and card data masked)"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="orders_order_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(collection_channel__in=CollectionChannel.values),
                name="orders_order_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(one_time_total__gte=0, deposit__gte=0, upfront_total__gte=0),
                name="orders_order_totals_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return bool(ALLOWED_TRANSITIONS.get(self.status))

    @property
    def customer_may_cancel(self) -> bool:
        return self.status in CUSTOMER_CANCELLABLE

    @property
    def data_subject_id(self) -> int:
        """For the profiling guard (P17): records carry their channel and their person."""
        return self.customer_id


class OrderLine(models.Model):
    """One product of an order, with the price the strategy gave for the order's state then."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    product_name = models.CharField(max_length=120)
    product_kind = models.CharField(max_length=12)
    quantity = models.PositiveSmallIntegerField(default=1)
    monthly_price = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    intro_monthly_price = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    intro_months = models.PositiveSmallIntegerField(null=True, blank=True)
    one_time_price = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    install_fee = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    includes_phone_line = models.BooleanField(default=False)
    listing_choice = models.CharField(
        max_length=16, choices=ListingChoice.choices, blank=True, default=""
    )
    listed_name = models.CharField("name to list", max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    data_map: ClassVar[dict[str, Declaration]] = {
        "product_name": NotPersonal("the name of the product ordered"),
        "includes_phone_line": NotPersonal("whether the product includes a phone line"),
        "listing_choice": Personal("user.preferences", ("directory",), "account_lifetime"),
        "listed_name": Personal("user.name", ("directory",), "account_lifetime"),
    }

    class Meta:
        ordering = ["order", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(includes_phone_line=False, listing_choice="")
                | Q(includes_phone_line=True, listing_choice__in=ListingChoice.values),
                name="orders_line_listing_for_phone_lines",
                violation_error_message="Every phone line needs a listing choice, and only "
                "phone lines have one.",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="orders_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_name}"

    @property
    def is_service(self) -> bool:
        return self.product_kind in SERVICE_KINDS

    @property
    def first_monthly(self) -> Decimal:
        return (
            self.intro_monthly_price if self.intro_monthly_price is not None else self.monthly_price
        )

    @property
    def due_at_order(self) -> Decimal:
        return (self.one_time_price + self.install_fee) * self.quantity

    @property
    def listing_explanation(self) -> str:
        return LISTING_EXPLANATIONS.get(self.listing_choice, "")


class OrderEvent(models.Model):
    """One status change of an order, with who made it (written only by ``order_transition``)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=OrderStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(
        max_length=60, help_text='"customer", "staff" or "system:<component>".'
    )
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or 'new'} -> {self.to_status}"

    @property
    def actor_display(self) -> str:
        if self.actor_label == "customer":
            return "You"
        if self.actor_label == "staff":
            return "Azultel staff"
        return "Automatic"


class CreditOutcome(models.TextChoices):
    PENDING = "pending", "Waiting for the credit bureau"
    APPROVED = "approved", "Approved"
    DEPOSIT_REQUIRED = "deposit_required", "Approved with a deposit"
    DECLINED = "declined", "Declined"


class CreditCheck(BaseModel):
    """The identity given for an order's credit check and the bureau's answer.

    SSN and date of birth are encrypted (P24), masked wherever shown (P23) and read in clear only
    by the credit bureau through ``sensitive_reveal`` with the purpose ``credit_check`` (P04).
    They are erased 90 days after the decision (``orders_purge``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="credit_check")
    ssn = EncryptedTextField(
        "Social Security number", blank=True, lookup_field="ssn_lookup", normalise=digits_only
    )
    ssn_lookup = LookupHashField()
    date_of_birth = EncryptedTextField("date of birth", blank=True, mask="hidden")
    outcome = models.CharField(
        max_length=20, choices=CreditOutcome.choices, default=CreditOutcome.PENDING
    )
    deposit_amount = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    bureau_reference = models.CharField(max_length=64, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    identity_erased_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "ssn": Personal(
            "user.government_id",
            ("credit_check",),
            "credit_check_90d",
            sensitive=True,
            description="Social Security number for the credit check",
        ),
        "ssn_lookup": Personal(
            "user.government_id",
            ("credit_check",),
            "credit_check_90d",
            description="keyed hash of the number, to find repeat applications",
        ),
        "date_of_birth": Personal(
            "user.date_of_birth",
            ("credit_check",),
            "credit_check_90d",
            sensitive=True,
            description="date of birth for the credit check",
        ),
        "outcome": Personal("user.financial", ("credit_check", "billing"), "credit_check_90d"),
        "deposit_amount": Personal(
            "user.financial", ("credit_check", "billing"), "billing_records"
        ),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=CreditOutcome.values), name="orders_credit_outcome_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"credit check for order {self.order_id}"

    def privacy_subject(self) -> DataSubject:
        """The data subject the access log names when this record is revealed (P04)."""

        return subject_for_user(user=self.order.customer)


# --- What an active order leaves behind --------------------------------------------------------
