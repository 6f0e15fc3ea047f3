"""Outages by ZIP code and the one start and end email per customer."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal


class OutageStatus(models.TextChoices):
    ACTIVE = "active", "Happening now"
    ENDED = "ended", "Fixed"


class Outage(BaseModel):
    """Service down in an area (a list of ZIP codes), with an estimate of when it is back."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=120)
    details = models.TextField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=8, choices=OutageStatus.choices, default=OutageStatus.ACTIVE
    )
    started_at = models.DateTimeField()
    estimated_restore_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "title": NotPersonal("a public description of an outage"),
        "details": NotPersonal("a public description of an outage"),
    }

    class Meta:
        ordering = ["-started_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OutageStatus.values), name="care_outage_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=OutageStatus.ACTIVE, ended_at__isnull=True)
                | Q(status=OutageStatus.ENDED, ended_at__isnull=False),
                name="care_outage_ended_has_time",
            ),
            models.CheckConstraint(
                condition=Q(estimated_restore_at__gt=models.F("started_at")),
                name="care_outage_estimate_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OutageZip(models.Model):
    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="zips")
    zip_code = models.CharField(max_length=5, db_index=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "zip_code": NotPersonal("an area affected by an outage, not a person's address"),
    }

    class Meta:
        ordering = ["zip_code"]
        constraints = [
            models.UniqueConstraint(fields=["outage", "zip_code"], name="care_outage_zip_once"),
            models.CheckConstraint(
                condition=Q(zip_code__regex=r"^[0-9]{5}$"), name="care_outage_zip_five_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.zip_code


class NoticeKind(models.TextChoices):
    START = "start", "Outage started"
    END = "end", "Outage fixed"


class OutageNotice(BaseModel):
    """The one start or end email a customer got about an outage (the unique row is the guard)."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="notices")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=5, choices=NoticeKind.choices)

    data_map: ClassVar[dict[str, Declaration]] = {
        "kind": NotPersonal("a choice from a fixed list"),
    }

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["outage", "customer", "kind"], name="care_outage_notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} notice"
