"""Partners of the carrier line and what the API keeps for them.

* ``Partner``: a wholesale customer or reseller with one OAuth2 client (client credentials), the
  scopes its agreement grants and its rate limit.
* ``PartnerMember``: a person of the partner who may rotate its keys in the partner portal.
* ``PartnerCustomer``: a customer who authorised the partner to act for them; the API shows a
  partner these customers only (and their orders and bills), each read a recorded disclosure.
* ``PartnerOrder``: the partner's ``externalId`` of an order, unique per partner, so a retried
  create returns the first order (TMF622).
* ``HubSubscription`` / ``HubDelivery``: TMF688-style event listeners and the signed deliveries
  to them, retried with backoff.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class Partner(BaseModel):
    """A carrier-line partner using the API."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.PROTECT, related_name="partner"
    )
    scopes = models.JSONField(default=list, help_text="Scopes this partner may be granted.")
    requests_per_minute = models.PositiveIntegerField(default=120)
    is_active = models.BooleanField(default=True)
    keys_rotated_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": NotPersonal("a company's name"),
    }

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requests_per_minute__gte=1), name="api_partner_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerMember(BaseModel):
    """A person who may manage the partner's API keys in the portal."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships"
    )

    class Meta:
        ordering = ["partner", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "user"], name="api_member_once"),
        ]

    def __str__(self) -> str:
        return f"member of {self.partner_id}"


class PartnerCustomer(BaseModel):
    """A customer's authorisation for one partner to see and order for them (P14's basis)."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="customers")
    customer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_link"
    )
    authorization_reference = models.CharField(
        max_length=200, help_text="The customer's signed authorisation (agreement or form)."
    )
    authorized_at = models.DateTimeField(default=timezone.now)

    data_map: ClassVar[dict[str, Declaration]] = {
        "authorization_reference": Personal(
            "user.preferences", ("order_fulfilment", "billing"), "account_lifetime"
        ),
    }

    class Meta:
        ordering = ["partner", "authorized_at", "id"]

    def __str__(self) -> str:
        return f"customer of {self.partner_id}"


class PartnerOrder(BaseModel):
    """An order placed through the API, found again by the partner's ``externalId``."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="orders")
    external_id = models.CharField(max_length=64)
    order = models.OneToOneField(
        "orders.Order", on_delete=models.CASCADE, related_name="partner_order"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "external_id": NotPersonal("the partner's own reference for an order"),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "external_id"], name="api_partner_external_id_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id}:{self.external_id}"


class HubSubscription(BaseModel):
    """A partner's listener for events (TMF688 ``hub``); deliveries are signed with ``secret``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="subscriptions")
    callback = models.URLField(max_length=500)
    query = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=64)

    data_map: ClassVar[dict[str, Declaration]] = {
        "callback": NotPersonal("a partner system's address"),
        "secret": NotPersonal("the key deliveries are signed with"),
    }

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"hub {self.pk}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Given up"


class HubDelivery(BaseModel):
    """One event for one subscription, with its attempts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(
        HubSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(default=uuid.uuid4)
    event_type = models.CharField(max_length=80)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "payload": Personal(
            "user.activity",
            ("order_fulfilment",),
            "account_lifetime",
            description="the order event sent to the partner (ids, state; no name or address)",
        ),
    }

    class Meta:
        ordering = ["next_attempt_at", "id"]
        verbose_name = "event delivery"
        verbose_name_plural = "event deliveries"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="api_delivery_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} to {self.subscription_id}"
