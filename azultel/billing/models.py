"""Billing accounts, monthly bills with their lines, payments, credits, one-time charges and the
call detail (CPNI) shown with a bill.

* ``BillingAccount``: one per customer (created by the billing run, or by the settings page),
  with the account number printed on bills, paperless billing and autopay.
* ``Bill``: one per account and month (a unique constraint makes re-running a period harmless),
  with the customer's name and address as printed and the totals; ``BillLine`` explains every
  amount in plain words.
* ``Payment``: a payment of a bill through ``payments.services.charge_create``, unique per
  idempotency key; declined attempts are kept with the processor's reason.
* ``Credit`` (staff, with a reason) and ``OneTimeCharge`` wait for the next bill, which applies
  them (``bill`` is set then).
* ``UsageRecord``: call detail, which is CPNI (P30): shown only after a password sign-in.

Bills are kept seven years (retention ``billing_records``); deleting an account anonymises the
name and address printed on them and keeps the amounts (B2).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.billing.collections.models import CollectionsFields
from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

ZERO = Decimal("0.00")

_AMOUNT = Personal("user.financial.account", ("billing",), "billing_records")
_NAME = Personal("user.name", ("billing",), "billing_records")
_ADDRESS = Personal("user.contact.address", ("billing",), "billing_records")
_CPNI = Personal(
    "user.cpni",
    ("billing",),
    "billing_records",
    description="call detail: shown online only after a password sign-in (P30)",
)


class BillingAccount(CollectionsFields, BaseModel):
    """A customer's billing account: the number on the bills and how they want to be billed."""

    customer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="billing_account"
    )
    account_number = models.CharField(max_length=14, unique=True)
    paperless = models.BooleanField(
        default=True, help_text="Bills online with an email when each is ready (P20)."
    )
    autopay = models.BooleanField(
        default=False, help_text="Pay each new bill automatically with the chosen card."
    )
    autopay_card = models.ForeignKey(
        "payments.StoredCard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "account_number": Personal(
            "user.financial.account",
            ("billing", "customer_contact"),
            "billing_records",
            description="printed on every bill",
        ),
        "paperless": Personal("user.preferences", ("billing",), "account_lifetime"),
        "autopay": Personal("user.preferences", ("billing",), "account_lifetime"),
        "autopay_card": Personal("user.financial.card", ("billing",), "card_token"),
        **CollectionsFields.collections_data_map,
    }

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.account_number

    @property
    def last4(self) -> str:
        return self.account_number[-4:]


class BillStatus(models.TextChoices):
    OPEN = "open", "Open"
    PAID = "paid", "Paid"
    CARRIED = "carried", "Moved to the next bill"


class Bill(models.Model):
    """One month's bill of one account; amounts and the printed name and address never change.

    ``amount_due`` = previous balance + charges + taxes and fees - credits - payments received
    since the previous bill (``charges.BillDraft``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(BillingAccount, on_delete=models.PROTECT, related_name="bills")
    period_start = models.DateField(help_text="The first day of the month billed.")
    period_end = models.DateField(help_text="The last day of the month billed.")
    number = models.CharField(max_length=24, unique=True)
    issued_at = models.DateTimeField()
    due_date = models.DateField()
    customer_name = models.CharField(max_length=201)
    billing_street = models.CharField(max_length=200, blank=True)
    billing_unit = models.CharField(max_length=50, blank=True)
    billing_city = models.CharField(max_length=100, blank=True)
    billing_state = models.CharField(max_length=2, blank=True)
    billing_zip = models.CharField(max_length=10, blank=True)
    previous_balance = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    payments_total = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    credits_total = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    charges_total = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    taxes_total = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    amount_due = models.DecimalField(max_digits=12, decimal_places=2, default=ZERO)
    status = models.CharField(max_length=8, choices=BillStatus.choices, default=BillStatus.OPEN)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "customer_name": _NAME,
        "billing_street": _ADDRESS,
        "billing_unit": _ADDRESS,
        "billing_city": _ADDRESS,
        "billing_state": _ADDRESS,
        "billing_zip": _ADDRESS,
        "previous_balance": _AMOUNT,
        "payments_total": _AMOUNT,
        "credits_total": _AMOUNT,
        "charges_total": _AMOUNT,
        "taxes_total": _AMOUNT,
        "amount_due": _AMOUNT,
        "number": NotPersonal("the bill number we issue"),
    }

    class Meta:
        ordering = ["-period_start", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "period_start"], name="billing_bill_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_start__day=1), name="billing_bill_period_starts_on_first"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="billing_bill_period_order",
            ),
            models.CheckConstraint(
                condition=Q(
                    payments_total__gte=0,
                    credits_total__gte=0,
                    charges_total__gte=0,
                    taxes_total__gte=0,
                ),
                name="billing_bill_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BillStatus.values), name="billing_bill_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["period_start", "account"])]

    def __str__(self) -> str:
        return self.number

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%B %Y}"


class BillLineKind(models.TextChoices):
    RECURRING = "recurring", "Monthly charge"
    PRORATION = "proration", "Partial month"
    ONE_TIME = "one_time", "One-time charge"
    TAX = "tax", "Tax"
    FEE = "fee", "Fee"
    CREDIT = "credit", "Credit"
    PAYMENT = "payment", "Payment"
    PREVIOUS_BALANCE = "previous_balance", "Previous balance"


_NEGATIVE_KINDS = [BillLineKind.CREDIT, BillLineKind.PAYMENT]
_POSITIVE_KINDS = [
    BillLineKind.RECURRING,
    BillLineKind.PRORATION,
    BillLineKind.ONE_TIME,
    BillLineKind.TAX,
    BillLineKind.FEE,
]


class BillLine(models.Model):
    """One amount on a bill and what it is, in plain words. Credits and payments are negative."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=BillLineKind.choices)
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    service = models.ForeignKey(
        "orders.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "amount": _AMOUNT,
        "description": Personal(
            "user.financial.account",
            ("billing",),
            "billing_records",
            description="what a charge is for; a credit's line carries the reason given",
        ),
    }

    class Meta:
        ordering = ["bill", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bill", "position"], name="billing_line_position_once"),
            models.CheckConstraint(
                condition=Q(kind__in=BillLineKind.values), name="billing_line_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=_NEGATIVE_KINDS) | Q(amount__lt=0),
                name="billing_line_credits_and_payments_negative",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=_POSITIVE_KINDS) | Q(amount__gte=0),
                name="billing_line_charges_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class Credit(BaseModel):
    """Money staff give back to an account, with the reason; the next bill applies it."""

    account = models.ForeignKey(BillingAccount, on_delete=models.PROTECT, related_name="credits")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    reason = models.CharField(max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.PROTECT, related_name="credits_applied"
    )

    data_map: ClassVar[dict[str, Declaration]] = {"amount": _AMOUNT}

    class Meta:
        ordering = ["-created_at", "id"]
        permissions = [("issue_credit", "Can issue a credit to a billing account")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_credit_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="billing_credit_has_reason"),
        ]
        indexes = [models.Index(fields=["account", "bill"])]

    def __str__(self) -> str:
        return f"credit {self.amount} to {self.account_id}"


class OneTimeCharge(BaseModel):
    """A charge outside the monthly price (a technician visit, a replacement device) that the
    next bill carries. Orders charge their own one-time and installation fees at order time."""

    account = models.ForeignKey(
        BillingAccount, on_delete=models.PROTECT, related_name="one_time_charges"
    )
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.PROTECT, related_name="one_time_applied"
    )

    data_map: ClassVar[dict[str, Declaration]] = {"amount": _AMOUNT}

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_one_time_positive"),
            models.CheckConstraint(condition=~Q(description=""), name="billing_one_time_described"),
        ]
        indexes = [models.Index(fields=["account", "bill"])]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class PaymentStatus(models.TextChoices):
    SUCCEEDED = "succeeded", "Paid"
    DECLINED = "declined", "Declined"


class PaymentMethod(models.TextChoices):
    ONLINE = "online", "Paid online"
    AUTOPAY = "autopay", "Automatic payment"


class Payment(models.Model):
    """One attempt to pay a bill. Unique per idempotency key: a form sent twice pays once.

    ``reported_on`` is the later bill that lists the payment and subtracts it (set by the run).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(BillingAccount, on_delete=models.PROTECT, related_name="payments")
    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    idempotency_key = models.CharField(max_length=100, unique=True)
    method = models.CharField(
        max_length=8, choices=PaymentMethod.choices, default=PaymentMethod.ONLINE
    )
    charge = models.ForeignKey(
        "payments.Charge", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    card = models.ForeignKey(
        "payments.StoredCard", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=PaymentStatus.choices)
    decline_reason = models.CharField(max_length=200, blank=True)
    reported_on = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.PROTECT, related_name="payments_reported"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "amount": _AMOUNT,
        "card": Personal("user.financial.card", ("billing",), "card_token"),
    }

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_payment_positive"),
            models.CheckConstraint(
                condition=Q(status=PaymentStatus.SUCCEEDED, charge__isnull=False)
                | Q(status=PaymentStatus.DECLINED, charge__isnull=True),
                name="billing_payment_charge_iff_succeeded",
            ),
            models.CheckConstraint(
                condition=Q(method__in=PaymentMethod.values), name="billing_payment_method_valid"
            ),
        ]
        indexes = [models.Index(fields=["account", "status", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.amount} ({self.get_status_display()})"


class UsageRecord(models.Model):
    """One call made from a customer's line: call detail, which is CPNI (P30)."""

    account = models.ForeignKey(BillingAccount, on_delete=models.PROTECT, related_name="usage")
    phone_number = models.CharField(max_length=16, help_text="The customer's line, E.164.")
    started_at = models.DateTimeField()
    called_number = models.CharField(max_length=16)
    duration_seconds = models.PositiveIntegerField()
    charge = models.DecimalField(
        max_digits=12, decimal_places=2, default=ZERO, help_text="Zero for calls the plan includes."
    )
    bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.SET_NULL, related_name="usage"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "phone_number": _CPNI,
        "called_number": _CPNI,
        "started_at": _CPNI,
        "duration_seconds": _CPNI,
        "charge": _CPNI,
    }

    class Meta:
        ordering = ["account", "started_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(charge__gte=0), name="billing_usage_charge_valid"),
        ]
        indexes = [models.Index(fields=["account", "bill", "started_at"])]

    def __str__(self) -> str:
        return f"call of {self.duration_seconds} s"


# Collections' models live beside their code; imported here so Django registers them.
from azultel.billing.collections.models import (  # noqa: E402, F401
    CollectionsNotice,
    Instalment,
    LateFee,
    PaymentArrangement,
)
