"""Records the privacy promises rest on."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import ClassVar, NoReturn, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete an append-only record."""


_Record = TypeVar("_Record", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_Record]):
    """Bulk changes are refused too: these records are only ever added."""

    def update(self, **kwargs: object) -> NoReturn:
        raise AppendOnlyError(f"{self.model._meta.label} records cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model._meta.label} records cannot be deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(
        self,
        *,
        force_insert: bool | tuple[models.base.ModelBase, ...] = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Iterable[str] | None = None,
    ) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} records cannot be changed.")
        super().save(
            force_insert=force_insert,
            force_update=force_update,
            using=using,
            update_fields=update_fields,
        )

    def delete(self, using: str | None = None, keep_parents: bool = False) -> NoReturn:
        raise AppendOnlyError(f"{self._meta.label} records cannot be deleted.")


class ConsentTopic(models.TextChoices):
    PRODUCT_INFO = "product_info", "Company and product information"
    SPECIAL_OFFERS = "special_offers", "Special offers"
    NEWSLETTER = "newsletter", "Newsletters"
    SURVEYS = "surveys", "Surveys"
    SERVICE_OFFERS = "service_offers", "Offers of services you may find useful"
    CPNI_MARKETING = "cpni_marketing", "Use of my telephone service information (CPNI) for offers"
    PROFILING_COMBINATION = "profiling_combination", "Combining in-store and online information"
    DATA_SHARING = "data_sharing", "Sharing with other companies"


class ConsentSource(models.TextChoices):
    REGISTRATION = "registration", "Registration form"
    PROFILE = "profile", "Privacy centre"
    UNSUBSCRIBE_LINK = "unsubscribe_link", "Unsubscribe link in an email"
    GPC = "gpc", "Global Privacy Control signal"
    STAFF = "staff", "Staff, at the customer's request"
    POLICY_CHANGE_OPT_OUT = "policy_change_opt_out", "Opt-out from a policy change notice"
    ORDER = "order", "Order form"
    ERASURE = "erasure", "Account deletion"
    THIRD_PARTY_LIST = (
        "third_party_list",
        "List from a partner or co-sponsor, with the evidence kept",
    )


class PolicyVersion(BaseModel):
    """One published (or draft) version of the Internet Privacy Policy."""

    version = models.CharField(max_length=20, unique=True)
    effective_date = models.DateField()
    title = models.CharField(max_length=200, default="Internet Privacy Policy")
    body = models.TextField(
        help_text="Headings start with '## ', list items with '- '; a blank line ends a paragraph. "
        "The line [[data-map]] is replaced by the table generated from the data map."
    )
    summary_of_changes = models.TextField(blank=True)
    changes_personal_data_use = models.BooleanField(
        default=False,
        help_text="Tick when this version changes how personal data is used: publishing it "
        "emails every account holder a summary with a one-click opt-out.",
    )
    changed_use_topic = models.CharField(
        max_length=32,
        blank=True,
        choices=ConsentTopic.choices,
        help_text="The use this version changes; the notice's one-click opt-out withdraws it.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    notices_queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When every change notice had been queued."
    )
    notices_total = models.PositiveIntegerField(default=0)
    notices_queued = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-effective_date", "-id"]
        get_latest_by = "effective_date"
        permissions = [("publish_policyversion", "Can publish a privacy policy version")]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


class DataSubject(BaseModel):
    """The pseudonym every privacy record points at: an account, or an email for people without one.

    Ledger, disclosure and access records reference this row, never a name or address, so erasing a
    person (B2) clears ``user`` and ``email`` here and leaves the append-only records untouched.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_subject",
    )
    email = models.EmailField(max_length=254, null=True, blank=True, unique=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "email": Personal(
            "user.contact.email",
            ("marketing", "customer_contact", "referral_once"),
            "consent_records",
            description="address of a person without an account who made an email choice",
        ),
    }

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        if self.erased_at:
            return f"erased subject {self.pk}"
        return f"subject {self.pk}"


class ConsentEvent(AppendOnlyModel):
    """One grant or withdrawal: the append-only consent ledger (B4)."""

    subject = models.ForeignKey(DataSubject, on_delete=models.PROTECT, related_name="consents")
    topic = models.CharField(max_length=32, choices=ConsentTopic.choices)
    granted = models.BooleanField()
    source = models.CharField(max_length=32, choices=ConsentSource.choices)
    policy_version = models.ForeignKey(
        PolicyVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "granted": Personal("user.preferences", ("marketing", "legal"), "consent_records"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject", "topic", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__in=ConsentTopic.values),
                name="privacy_consent_topic_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=ConsentSource.values),
                name="privacy_consent_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {'granted' if self.granted else 'withdrawn'} ({self.source})"


class ConsentState(models.Model):
    """The current answer per subject and topic, kept in the same transaction as the ledger."""

    subject = models.ForeignKey(
        DataSubject, on_delete=models.PROTECT, related_name="consent_states"
    )
    topic = models.CharField(max_length=32, choices=ConsentTopic.choices)
    granted = models.BooleanField()
    last_event = models.ForeignKey(ConsentEvent, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    data_map: ClassVar[dict[str, Declaration]] = {
        "granted": Personal("user.preferences", ("marketing", "legal"), "consent_records"),
    }

    class Meta:
        ordering = ["subject", "topic"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "topic"], name="privacy_consent_state_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic}={'granted' if self.granted else 'withdrawn'}"


class SensitiveAccess(AppendOnlyModel):
    """Every attempt to read a sensitive field in clear: who, what, purpose, reason, outcome."""

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=120)
    data_subject = models.ForeignKey(
        DataSubject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sensitive_accesses",
    )
    model_label = models.CharField(max_length=100)
    row_key = models.CharField(max_length=64)
    field_name = models.CharField(max_length=64)
    category = models.CharField(max_length=64)
    purpose = models.CharField(max_length=64)
    reason = models.CharField(max_length=300)
    granted = models.BooleanField()
    refusal = models.CharField(max_length=200, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "field_name": NotPersonal("the name of a database column, not its value"),
    }

    class Meta:
        verbose_name = "sensitive data access"
        verbose_name_plural = "sensitive data accesses"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["model_label", "row_key"])]
        permissions = [
            ("reveal_sensitive", "Can reveal a sensitive field for an allowed purpose"),
            ("view_privacy_logs", "Can read the reveal, disclosure and consent logs"),
        ]

    def __str__(self) -> str:
        outcome = "revealed" if self.granted else "refused"
        return (
            f"{self.actor_label} {outcome} {self.model_label}.{self.field_name} for {self.purpose}"
        )


class DisclosureBasis(models.TextChoices):
    CUSTOMER_AUTHORIZATION = "customer_authorization", "The customer's recorded authorization"
    LEGAL_PROCESS = "legal_process", "Legal process (court order, subpoena)"
    SAFETY = "safety", "To protect someone's safety"
    DIRECTORY_PUBLISHING = "directory_publishing", "Directory publishing per the listing choice"
    CO_SPONSOR = "co_sponsor", "Co-sponsored event the person registered for"


class Disclosure(AppendOnlyModel):
    """One hand-over of personal data outside the company, in a keyed hash chain (P14).

    ``entry_hash`` is an HMAC over the previous hash and this record's content, so an edited,
    inserted or deleted record breaks the chain (``manage.py verify_disclosure_log``).
    """

    id = models.BigAutoField(primary_key=True)
    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=120)
    recipient = models.CharField(max_length=200)
    basis = models.CharField(max_length=32, choices=DisclosureBasis.choices)
    basis_reference = models.CharField(max_length=300)
    categories = models.JSONField()
    subject_ids = models.JSONField(help_text="Data-subject pseudonyms, never names or addresses.")
    record_count = models.PositiveIntegerField()
    payload_digest = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "subject_ids": Personal(
            "user.activity",
            ("legal",),
            "disclosure_records",
            description="pseudonyms of the people a disclosure was about",
        ),
    }

    class Meta:
        ordering = ["-seq"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(basis__in=DisclosureBasis.values),
                name="privacy_disclosure_basis_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} to {self.recipient} ({self.basis})"


class DisclosureChainHead(models.Model):
    """The newest link of the chain; lets verification notice a deleted last record."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="privacy_chain_head_single")
        ]

    def __str__(self) -> str:
        return f"chain head at #{self.seq}"


class PolicyNotice(models.Model):
    """Who was told about a policy version that changes a use of personal data, and when (P08)."""

    id = models.BigAutoField(primary_key=True)
    policy_version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="notices"
    )
    subject = models.ForeignKey(
        DataSubject, on_delete=models.PROTECT, related_name="policy_notices"
    )
    message_id = models.UUIDField(null=True, help_text="The outbox message carrying the notice.")
    notified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-notified_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy_version", "subject"], name="privacy_policy_notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"notice of {self.policy_version_id} to {self.subject_id}"


class CpniBreach(BaseModel):
    """A breach of customer proprietary network information and its notices (P30, 47 CFR 64.2011).

    Law enforcement (the FBI and Secret Service, through the FCC's reporting facility) must be told
    within seven business days of determining the breach; customers may be told only seven full
    business days after that, unless law enforcement asks for a delay. Kept at least two years.
    """

    determined_on = models.DateField(help_text="The day the breach was reasonably determined.")
    description = models.TextField(help_text="What happened. Name no customer here.")
    customers_affected = models.PositiveIntegerField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    law_enforcement_notified_at = models.DateTimeField(null=True, blank=True)
    law_enforcement_reference = models.CharField(max_length=200, blank=True)
    delay_requested_until = models.DateField(
        null=True, blank=True, help_text="Law enforcement asked us to wait until this day."
    )
    customers_notified_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "description": NotPersonal("an incident description; staff name no customer in it"),
    }

    class Meta:
        verbose_name = "CPNI breach"
        verbose_name_plural = "CPNI breaches"
        ordering = ["-determined_on", "-id"]

    def __str__(self) -> str:
        return f"CPNI breach determined {self.determined_on}"
