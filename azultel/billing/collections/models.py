"""Collections records of billing: the account's collections status (``CollectionsFields``, a
mixin of ``BillingAccount``), notices sent, late fees, payment arrangements and instalments.

Each notice is written once: reminders once per bill and kind (a unique constraint); account-wide
steps (suspension notice, suspension, write-off, restore) follow the account's status, changed
under a row lock, and are recorded at most once a day per kind.
A late fee is charged once per bill. An account has at most one active arrangement.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

_AMOUNT = Personal("user.financial.account", ("billing",), "billing_records")


class CollectionsStatus(models.TextChoices):
    CURRENT = "current", "Up to date"
    REMINDED = "reminded", "Past due, reminded"
    SUSPENSION_NOTICE = "suspension_notice", "Suspension notice sent"
    SUSPENDED_NONPAY = "suspended_nonpay", "Suspended for non-payment"
    ARRANGEMENT = "arrangement", "In a payment arrangement"
    WRITTEN_OFF = "written_off", "Written off to collections"


class CollectionsFields(models.Model):
    """The collections state kept on ``BillingAccount`` (the services of the account are not
    changed: suspension for non-payment is a state of the billing account)."""

    # A database default too: the billing run opens accounts with a multi-row INSERT that names
    # only its own columns.
    collections_status = models.CharField(
        max_length=20,
        choices=CollectionsStatus.choices,
        default=CollectionsStatus.CURRENT,
        db_default=CollectionsStatus.CURRENT,
    )
    past_due_since = models.DateField(
        null=True, blank=True, help_text="The due date of the oldest unpaid bill."
    )
    suspend_on = models.DateField(
        null=True, blank=True, help_text="The day service is suspended unless paid."
    )

    collections_data_map: ClassVar[dict[str, Declaration]] = {
        "collections_status": _AMOUNT,
        "past_due_since": _AMOUNT,
        "suspend_on": _AMOUNT,
    }

    class Meta:
        abstract = True


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", "Reminder before the due date"
    LATE_FIRST = "late_first", "First past-due reminder"
    LATE_SECOND = "late_second", "Second past-due reminder"
    SUSPENSION_NOTICE = "suspension_notice", "Suspension notice"
    SUSPENDED = "suspended", "Service suspended"
    RESTORED = "restored", "Service restored"
    WRITTEN_OFF = "written_off", "Written off"
    ARRANGEMENT_MISSED = "arrangement_missed", "Arrangement instalment missed"


BILL_NOTICES = [NoticeKind.DUE_SOON, NoticeKind.LATE_FIRST, NoticeKind.LATE_SECOND]


class CollectionsNotice(BaseModel):
    """One collections step taken for an account (most with an email): the unique constraints
    make a job that runs twice send nothing twice."""

    account = models.ForeignKey(
        "billing.BillingAccount", on_delete=models.PROTECT, related_name="collections_notices"
    )
    bill = models.ForeignKey(
        "billing.Bill", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    day = models.DateField(help_text="A reminder: the bill's due date; another step: its day.")

    data_map: ClassVar[dict[str, Declaration]] = {
        "kind": _AMOUNT,
        "day": _AMOUNT,
    }

    class Meta:
        app_label = "billing"
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "kind"],
                condition=Q(kind__in=BILL_NOTICES),
                name="billing_collections_reminder_once_per_bill",
            ),
            models.UniqueConstraint(
                fields=["account", "kind", "day"],
                condition=~Q(kind__in=BILL_NOTICES),
                name="billing_collections_step_once_a_day",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=NoticeKind.values), name="billing_collections_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.day})"


class LateFee(BaseModel):
    """The late fee of one bill (at most one), charged as a one-time charge on the next bill."""

    bill = models.OneToOneField("billing.Bill", on_delete=models.PROTECT, related_name="late_fee")
    charge = models.OneToOneField(
        "billing.OneTimeCharge", on_delete=models.PROTECT, related_name="late_fee"
    )

    data_map: ClassVar[dict[str, Declaration]] = {}

    class Meta:
        app_label = "billing"
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"late fee of bill {self.bill_id}"


class ArrangementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Paid in full"
    MISSED = "missed", "Instalment missed"


class PaymentArrangement(BaseModel):
    """An overdue balance split into instalments: kept while payments made since it began add
    up to at least the instalments due so far."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(
        "billing.BillingAccount", on_delete=models.PROTECT, related_name="arrangements"
    )
    total = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=ArrangementStatus.choices, default=ArrangementStatus.ACTIVE
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "total": _AMOUNT,
        "status": _AMOUNT,
        "public_id": NotPersonal("a random reference"),
    }

    class Meta:
        app_label = "billing"
        ordering = ["-created_at", "id"]
        permissions = [("arrange_payment", "Can set up a payment arrangement for a customer")]
        constraints = [
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(status="active"),
                name="billing_one_active_arrangement",
            ),
            models.CheckConstraint(condition=Q(total__gt=0), name="billing_arrangement_positive"),
            models.CheckConstraint(
                condition=Q(status__in=ArrangementStatus.values),
                name="billing_arrangement_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"arrangement {self.public_id}"


class Instalment(models.Model):
    """One dated part of an arrangement."""

    arrangement = models.ForeignKey(
        PaymentArrangement, on_delete=models.CASCADE, related_name="instalments"
    )
    position = models.PositiveSmallIntegerField()
    due_date = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    data_map: ClassVar[dict[str, Declaration]] = {"amount": _AMOUNT, "due_date": _AMOUNT}

    class Meta:
        app_label = "billing"
        ordering = ["arrangement", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["arrangement", "position"], name="billing_instalment_position_once"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_instalment_positive"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=4), name="billing_instalment_position"
            ),
        ]

    def __str__(self) -> str:
        return f"instalment {self.position}: {self.amount}"
