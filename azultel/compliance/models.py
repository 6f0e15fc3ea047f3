"""The privacy office's records: disclosure requests (legal process, emergencies, customer
authorisations) decided by a second privacy officer, the customers a CPNI breach affected, staff
acknowledgements of the annual CPNI training, and the signed annual CPNI certificate."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.models import CpniBreach, Disclosure


class RequestKind(models.TextChoices):
    SUBPOENA = "subpoena", "Subpoena"
    COURT_ORDER = "court_order", "Court order"
    WARRANT = "warrant", "Warrant"
    EMERGENCY = "emergency", "Emergency (someone is in imminent danger)"
    CUSTOMER = "customer", "The customer authorised it"


class RequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a second privacy officer"
    APPROVED = "approved", "Approved, not handed over yet"
    REFUSED = "refused", "Refused"
    HANDED_OVER = "handed_over", "Handed over"


class DisclosureRequest(BaseModel):
    """A request from outside for one customer's data, and what the privacy office did with it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=16, choices=RequestKind.choices)
    asked = models.TextField(help_text="What was asked for, in the requester's words.")
    requester = models.CharField(max_length=200, help_text="The agency or person asking.")
    legal_basis = models.CharField(max_length=300)
    document_reference = models.CharField(max_length=200)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fields_requested = models.JSONField(default=list)
    fields_approved = models.JSONField(default=list)
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    hold_until = models.DateField(
        null=True, blank=True, help_text="A non-disclosure order forbids telling the customer."
    )
    hold_reference = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disclosure = models.OneToOneField(
        Disclosure, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    customer_notified_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "asked": Personal(
            "user.activity",
            ("legal",),
            "disclosure_records",
            description="what an agency or authorised person asked for about a customer",
        ),
        "requester": Personal(
            "user.name",
            ("legal",),
            "disclosure_records",
            description="the agency or the person the customer authorised",
        ),
        "legal_basis": NotPersonal("the law or authorisation relied on"),
        "document_reference": NotPersonal("the reference of a court document or authorisation"),
        "hold_reference": NotPersonal("the reference of a non-disclosure order"),
        "decision_note": NotPersonal("the approving officer's reason; names no customer"),
    }

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("manage_disclosure_requests", "Can record and decide disclosure requests"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RequestKind.values), name="compliance_request_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("recorded_by")),
                name="compliance_request_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document_reference}"

    @property
    def is_legal_or_emergency(self) -> bool:
        return self.kind != RequestKind.CUSTOMER


class BreachCustomer(BaseModel):
    """A customer a CPNI breach affected, and the notice queued to them (47 CFR 64.2011(c))."""

    id = models.BigAutoField(primary_key=True)
    breach = models.ForeignKey(CpniBreach, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message_id = models.UUIDField(null=True, blank=True, help_text="The outbox notice.")
    queued_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "customer": Personal(
            "user.cpni",
            ("legal",),
            "cpni_breach_2y",
            description="who a CPNI breach affected",
        ),
    }

    class Meta:
        ordering = ["breach", "id"]
        constraints = [
            models.UniqueConstraint(fields=["breach", "customer"], name="compliance_breach_once"),
        ]

    def __str__(self) -> str:
        return f"customer {self.customer_id} of breach {self.breach_id}"


class TrainingAcknowledgement(BaseModel):
    """A staff member's acknowledgement of the annual CPNI training (47 CFR 64.2009(b))."""

    id = models.BigAutoField(primary_key=True)
    year = models.PositiveSmallIntegerField()
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    data_map: ClassVar[dict[str, Declaration]] = {
        "staff": Personal(
            "user.activity",
            ("legal",),
            "account_lifetime",
            description="which staff member took the CPNI training",
        ),
    }

    class Meta:
        ordering = ["-year", "id"]
        permissions = [("acknowledge_cpni_training", "Can acknowledge the CPNI training")]
        constraints = [
            models.UniqueConstraint(fields=["year", "staff"], name="compliance_training_once"),
        ]

    def __str__(self) -> str:
        return f"CPNI training {self.year} by {self.staff_id}"


class CpniCertification(BaseModel):
    """The officer's signed annual CPNI compliance certificate (47 CFR 64.2009(e)), once a year."""

    id = models.BigAutoField(primary_key=True)
    year = models.PositiveSmallIntegerField(unique=True, help_text="The calendar year certified.")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(max_length=200)
    signer_title = models.CharField(max_length=200)
    signed_on = models.DateField()
    statement = models.TextField(help_text="The certificate and statement as signed.")

    data_map: ClassVar[dict[str, Declaration]] = {
        "signer_name": Personal(
            "user.name",
            ("legal",),
            "disclosure_records",
            description="the officer who signed the annual CPNI certificate",
        ),
        "statement": NotPersonal("counts and descriptions; names only the signing officer"),
    }

    class Meta:
        ordering = ["-year"]
        permissions = [("sign_cpni_certification", "Can sign the annual CPNI certificate")]

    def __str__(self) -> str:
        return f"CPNI certificate {self.year}"
