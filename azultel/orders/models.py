"""Online ordering: carts, the checkout in progress, orders with their status history and credit
check, and what an activated order leaves behind: services and phone lines.

For the directory and billing issues, the records to build on are:

* ``Service``: one service a customer has (a phone line, an internet plan or a bundle), with the
  product, the state it is priced in, the monthly price snapshot taken when it was ordered, the
  service address, ``started_on`` / ``ended_on`` and ``status`` (active or ended). Billing bills
  active services at their snapshot price; prices are never recomputed from the catalog here.
* ``PhoneLine``: the telephone number of a service that includes a phone line, with the customer's
  ``listing_choice`` (``ListingChoice``: listed / non-listed / non-published, P06) and the name and
  address to list. Non-published lines keep no listed name or address at all.

Personal fields are declared in each model's ``data_map`` (P04). The SSN and date of birth given
for a credit check exist only as encrypted fields of ``CreditCheck`` (P24), read in clear only
through ``privacy.services.sensitive_reveal`` for the purpose ``credit_check``.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.fields import EncryptedTextField, LookupHashField, digits_only
from azultel.privacy.profiling import CollectionChannel
from azultel.privacy.services import subject_for_user

if TYPE_CHECKING:
    from azultel.privacy.models import DataSubject

ZERO = Decimal("0.00")
MAX_DEVICE_QUANTITY = 5

# Catalog product kinds as stored in catalog.Product.kind. Orders read the catalog only through
# its selectors and price strategy (import-linter), so the values are named here; a test checks
# they match the catalog's.
KIND_PHONE_LINE = "phone_line"
KIND_INTERNET = "internet"
KIND_BUNDLE = "bundle"
KIND_WHOLESALE = "wholesale"
SERVICE_KINDS = (KIND_PHONE_LINE, KIND_INTERNET, KIND_BUNDLE)


class ListingChoice(models.TextChoices):
    """How a phone line appears in directories (P06). ``explanation`` says it in plain words."""

    LISTED = "listed", "Listed"
    NON_LISTED = "non_listed", "Not listed"
    NON_PUBLISHED = "non_published", "Not published"

    @property
    def explanation(self) -> str:
        return LISTING_EXPLANATIONS[self.value]


LISTING_EXPLANATIONS: dict[str, str] = {
    ListingChoice.LISTED: "Your name, number and address appear in our online phone directory, "
    "and directory assistance gives your number to anyone who asks for you by name.",
    ListingChoice.NON_LISTED: "You do not appear in the online phone directory, but directory "
    "assistance can still give your number to a caller who asks for you by name.",
    ListingChoice.NON_PUBLISHED: "Your number appears nowhere: not in the online directory, and "
    "directory assistance will not give it out. Only the people you tell will know it.",
}

_ADDRESS_ORDER = Personal(
    "user.contact.address", ("order_fulfilment", "billing"), "account_lifetime"
)
_ADDRESS_CART = Personal("user.contact.address", ("order_fulfilment", "billing"), "cart_30d")
_ORDER_AMOUNT = Personal("user.activity", ("order_fulfilment", "billing"), "billing_records")
_LISTED = Personal("user.contact.address", ("directory",), "account_lifetime")


# --- Cart ---------------------------------------------------------------------------------------


class CartStatus(models.TextChoices):
    OPEN = "open", "Open"
    ORDERED = "ordered", "Ordered"


class Cart(BaseModel):
    """What a visitor chose, priced for one state. Exists only after "Add to cart" (P25).

    Its id and a random owner key live in the visitor's session; ``owner_key_hash`` is a keyed
    hash of that key, so knowing a cart's id alone opens nothing. At checkout the cart is tied to
    the signed-in customer (``user``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="carts",
    )
    owner_key_hash = models.CharField(max_length=64, db_index=True)
    state = models.CharField(max_length=2, help_text="The state whose prices the cart shows.")
    status = models.CharField(max_length=10, choices=CartStatus.choices, default=CartStatus.OPEN)
    ordered_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "owner_key_hash": NotPersonal("keyed hash of a random key held in the visitor's session"),
    }

    class Meta:
        ordering = ["-updated_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CartStatus.values), name="orders_cart_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"cart {self.pk} ({self.state}, {self.status})"


class CartLine(BaseModel):
    """A product in a cart. Devices up to five at a time; a phone line can be ordered several
    times, each a cart line of its own (``copy`` 1, 2, ...: its own listing); other services
    once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    copy = models.PositiveSmallIntegerField(default=1)
    quantity = models.PositiveSmallIntegerField(default=1)
    listing_choice = models.CharField(
        max_length=16, choices=ListingChoice.choices, blank=True, default=""
    )
    listed_name = models.CharField("name to list", max_length=120, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "listing_choice": Personal("user.preferences", ("directory",), "cart_30d"),
        "listed_name": Personal("user.name", ("directory",), "cart_30d"),
    }

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "product", "copy"], name="orders_cartline_copy_once"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=MAX_DEVICE_QUANTITY),
                name="orders_cartline_quantity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x product {self.product_id}"


class Checkout(BaseModel):
    """The checkout in progress for a cart: what each step saved. Never an SSN, a date of birth
    or a card number; the card is a processor token held by payments."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cart = models.OneToOneField(Cart, on_delete=models.CASCADE, related_name="checkout")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkouts"
    )
    service_street = models.CharField("street address", max_length=200, blank=True)
    service_unit = models.CharField("apartment, suite or unit", max_length=50, blank=True)
    service_city = models.CharField("city", max_length=100, blank=True)
    service_state = models.CharField("state", max_length=2, blank=True)
    service_zip = models.CharField("ZIP code", max_length=10, blank=True)
    address_checked_at = models.DateTimeField(null=True, blank=True)
    billing_same_as_service = models.BooleanField(default=True)
    billing_street = models.CharField(max_length=200, blank=True)
    billing_unit = models.CharField(max_length=50, blank=True)
    billing_city = models.CharField(max_length=100, blank=True)
    billing_state = models.CharField(max_length=2, blank=True)
    billing_zip = models.CharField(max_length=10, blank=True)
    card = models.ForeignKey(
        "payments.StoredCard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The deposit the latest credit decision for this checkout asked for, so the review page
    # shows it and the customer confirms it before anything is charged (null: no decision yet).
    deposit_required = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    # That decision, so confirming its deposit does not send the identity to the bureau again:
    # a keyed hash of the SSN and date of birth it was made on (never either in clear).
    credit_identity_hash = models.CharField(max_length=64, blank=True)
    credit_reference = models.CharField(max_length=64, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "service_street": _ADDRESS_CART,
        "service_unit": _ADDRESS_CART,
        "service_city": _ADDRESS_CART,
        "service_state": _ADDRESS_CART,
        "service_zip": _ADDRESS_CART,
        "billing_street": _ADDRESS_CART,
        "billing_unit": _ADDRESS_CART,
        "billing_city": _ADDRESS_CART,
        "billing_state": _ADDRESS_CART,
        "billing_zip": _ADDRESS_CART,
        "card": Personal("user.financial.card", ("billing",), "cart_30d"),
        "address_checked_at": NotPersonal("when we last checked we serve the address"),
        "deposit_required": Personal("user.financial", ("credit_check", "billing"), "cart_30d"),
        "credit_identity_hash": Personal(
            "user.government_id",
            ("credit_check",),
            "cart_30d",
            description="keyed hash of the SSN and date of birth of the last credit decision",
        ),
        "credit_reference": Personal("user.financial", ("credit_check",), "cart_30d"),
    }

    class Meta:
        ordering = ["-updated_at", "id"]

    def __str__(self) -> str:
        return f"checkout of cart {self.cart_id}"

    @property
    def has_service_address(self) -> bool:
        return bool(self.service_zip and self.address_checked_at)

    @property
    def has_billing_address(self) -> bool:
        return bool(self.billing_zip)


# --- Orders -------------------------------------------------------------------------------------


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


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
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
        max_length=8, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "product_name": NotPersonal("the name of the product"),
        "service_street": _ADDRESS_ORDER,
        "service_unit": _ADDRESS_ORDER,
        "service_city": _ADDRESS_ORDER,
        "service_state": _ADDRESS_ORDER,
        "service_zip": _ADDRESS_ORDER,
        "monthly_price": Personal("user.cpni", ("billing",), "billing_records"),
    }

    class Meta:
        ordering = ["started_on", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ServiceStatus.values), name="orders_service_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ServiceStatus.ACTIVE, ended_on__isnull=True)
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
