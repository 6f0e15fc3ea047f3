"""Cards as processor tokens, and the charges made with them (P24: never a card number or CVC).

``StoredCard`` keeps what the processor gives back for a card (its token, brand, last four digits
and expiry) and nothing else. ``Charge`` is one captured payment, unique per idempotency key, so
a retried request can never charge twice. ``SandboxCardToken`` and ``SandboxCharge`` are the
embedded sandbox processor's own books (``gateway.SandboxGateway``); they live in this database so
a rolled-back transaction takes its charge with it.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class CardBrand(models.TextChoices):
    VISA = "visa", "Visa"
    MASTERCARD = "mastercard", "Mastercard"
    AMEX = "amex", "American Express"
    DISCOVER = "discover", "Discover"


_CARD = Personal(
    "user.financial.card",
    ("billing",),
    "card_token",
    description="the processor's token for a card, its brand, last four digits and expiry; "
    "never the card number or security code",
)


class StoredCard(BaseModel):
    """A card the processor tokenised for a customer.

    ``saved`` cards are offered again at later checkouts; only customers who keep a local phone
    customer profile may save one (P10). A card used once stays for the charge's record until
    the customer closes the account; one nobody saved and nothing refers to is deleted after
    ``PAYMENTS_UNSAVED_CARD_RETENTION_DAYS`` (``services.cards_unsaved_purge``, B3).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stored_cards"
    )
    token = models.CharField(max_length=100, unique=True)
    brand = models.CharField(max_length=12, choices=CardBrand.choices)
    last4 = models.CharField("last four digits", max_length=4)
    exp_month = models.PositiveSmallIntegerField("expiry month")
    exp_year = models.PositiveSmallIntegerField("expiry year")
    saved = models.BooleanField(
        default=False, help_text="Offered again at later checkouts (local phone profile, P10)."
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "token": _CARD,
        "brand": _CARD,
        "last4": _CARD,
        "exp_month": _CARD,
        "exp_year": _CARD,
        "saved": Personal("user.preferences", ("billing",), "card_token"),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last4__regex=r"^[0-9]{4}$"), name="payments_card_last4_digits"
            ),
            models.CheckConstraint(
                condition=Q(exp_month__gte=1, exp_month__lte=12),
                name="payments_card_exp_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(brand__in=CardBrand.values), name="payments_card_brand_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Visa ending 4242, expires 12/2030": everything a person needs to recognise it."""
        return (
            f"{self.get_brand_display()} ending {self.last4}, "
            f"expires {self.exp_month:02d}/{self.exp_year}"
        )


class ChargeStatus(models.TextChoices):
    SUCCEEDED = "succeeded", "Paid"
    # Recorded with the cancellation; the processor is asked once that has committed.
    REFUNDING = "refunding", "Refund in progress"
    REFUNDED = "refunded", "Refunded"


class Charge(BaseModel):
    """One captured payment. The idempotency key is unique: one key, at most one charge."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    idempotency_key = models.CharField(max_length=100, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="charges"
    )
    card = models.ForeignKey(
        StoredCard, null=True, blank=True, on_delete=models.SET_NULL, related_name="charges"
    )
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    status = models.CharField(
        max_length=12, choices=ChargeStatus.choices, default=ChargeStatus.SUCCEEDED
    )
    processor_ref = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=200)
    refund_requested_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "amount": Personal("user.financial.account", ("billing",), "billing_records"),
        "processor_ref": NotPersonal("the processor's identifier of the payment"),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")), name="payments_charge_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ChargeStatus.values), name="payments_charge_status_valid"
            ),
        ]
        permissions = [("view_charge_queue", "Can see payments made with orders")]

    def __str__(self) -> str:
        return f"{self.amount} USD ({self.get_status_display()})"


class SandboxOutcome(models.TextChoices):
    APPROVE = "approve", "Approves"
    CARD_DECLINED = "card_declined", "Declines: card declined"
    INSUFFICIENT_FUNDS = "insufficient_funds", "Declines: insufficient funds"


class SandboxCardToken(models.Model):
    """The sandbox processor's vault: what a token stands for (test cards only, no number)."""

    token = models.CharField(max_length=100, unique=True)
    brand = models.CharField(max_length=12, choices=CardBrand.choices)
    last4 = models.CharField(max_length=4)
    exp_month = models.PositiveSmallIntegerField()
    exp_year = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=20, choices=SandboxOutcome.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "token": _CARD,
        "last4": _CARD,
        "exp_month": _CARD,
        "exp_year": _CARD,
    }

    class Meta:
        ordering = ["id"]
        verbose_name = "sandbox card token"

    def __str__(self) -> str:
        return f"sandbox token {self.token}"


class SandboxChargeStatus(models.TextChoices):
    CAPTURED = "captured", "Captured"
    VOIDED = "voided", "Voided"
    REFUNDED = "refunded", "Refunded"


class SandboxCharge(models.Model):
    """The sandbox processor's ledger: one row per captured charge, one per idempotency key."""

    processor_ref = models.CharField(max_length=100, unique=True)
    idempotency_key = models.CharField(max_length=100, unique=True)
    token = models.CharField(max_length=100)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    description = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=SandboxChargeStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "token": _CARD,
        "processor_ref": NotPersonal("the sandbox's identifier of the payment"),
    }

    class Meta:
        ordering = ["id"]
        verbose_name = "sandbox charge"

    def __str__(self) -> str:
        return f"{self.processor_ref} {self.amount} ({self.status})"
