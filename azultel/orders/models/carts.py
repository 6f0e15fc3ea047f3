"""Carts, their lines and the checkout in progress."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.orders.models.common import _ADDRESS_CART, MAX_DEVICE_QUANTITY, ListingChoice
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

if TYPE_CHECKING:
    pass


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
