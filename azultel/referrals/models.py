"""Referrals: one invitation a person sent a friend, and the addresses that refused any more.

The friend's address is never stored here: only its keyed fingerprint (the same HMAC comms keeps
for the suppression list, ``comms.addresses.address_fingerprint``), erased after
``REFERRALS_HASH_RETENTION_DAYS`` (B3). The row stays, so the counts survive without it.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class Referral(BaseModel):
    """One invitation sent to a friend (P05): exactly one email, then only counts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Who sent it: a signed-in customer, or nobody known (a visitor); cleared on erasure (B2).
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_sent",
    )
    by_visitor = models.BooleanField(default=False)
    # Blank once purged (B3); the address itself is never stored.
    friend_hash = models.CharField(max_length=64, blank=True, db_index=True)
    product_slug = models.SlugField(max_length=100, blank=True)
    # The one outbox message (comms) that carried the invitation.
    message_id = models.UUIDField(null=True, blank=True)
    signed_up_at = models.DateTimeField(null=True, blank=True)
    ordered_at = models.DateTimeField(null=True, blank=True)
    # The welcome credit put on the friend's first bill (REFERRALS_FRIEND_CREDIT_CENTS > 0).
    friend_credited_at = models.DateTimeField(null=True, blank=True)
    hash_purged_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "referrer": Personal(
            "user.activity",
            ("referral_once",),
            "account_lifetime",
            description="the customer who sent the invitation, to show them their counts",
        ),
        "friend_hash": Personal(
            "user.contact.email",
            ("referral_once",),
            "referral_hash",
            description="keyed fingerprint of the friend's address, never the address itself",
        ),
        "product_slug": NotPersonal("which product the invitation was about"),
        "message_id": NotPersonal("identifier of the outbox message that carried it"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("view_referral_report", "Can see the counts of referrals sent, signed up, ordered"),
        ]
        indexes = [
            models.Index(fields=["friend_hash", "created_at"], name="referrals_hash_time_idx"),
        ]

    def __str__(self) -> str:
        return f"referral of {self.created_at:%Y-%m-%d}"


class BlockedAddress(BaseModel):
    """An address whose owner used the report link: no invitation reaches it again."""

    fingerprint = models.CharField(max_length=64, unique=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "fingerprint": Personal(
            "user.contact.email",
            ("referral_once",),
            "suppression_list",
            description="keyed fingerprint of an address that refused invitations from friends",
        ),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "blocked addresses"

    def __str__(self) -> str:
        return "blocked address"
