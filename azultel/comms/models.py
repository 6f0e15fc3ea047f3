"""The outbox (every email the site sends) and the suppression list."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.models import ConsentTopic, DataSubject


class MessageCategory(models.TextChoices):
    """Why a message is sent; the category decides whether consent is needed (P18, P19)."""

    # Always sent, even to people who refused marketing (P19).
    SERVICE_CHANGE = "service_change", "Change to a service or product you have"
    REPLY = "reply", "Reply to your message"
    CONFIRMATION = "confirmation", "Confirmation of an order, payment or registration"
    REQUESTED_INFO = "requested_info", "Information you asked for"
    EMERGENCY = "emergency", "Emergency notice"
    SECURITY = "security", "Security notice"
    ACCOUNT_MAINTENANCE = "account_maintenance", "Account maintenance"
    POLICY_NOTICE = "policy_notice", "Privacy policy change notice"
    # Solicitations: sent only while the consent ledger grants the topic (P18).
    PRODUCT_INFO = "product_info", "Company and product information"
    SPECIAL_OFFERS = "special_offers", "Special offers"
    NEWSLETTER = "newsletter", "Newsletter"
    SURVEY = "survey", "Survey"
    SERVICE_OFFER = "service_offer", "Offer of a service you may find useful"
    # One email to a friend, never repeated, never to a suppressed address (P05).
    REFERRAL_INVITATION = "referral_invitation", "Invitation from a friend"


#: Each solicitation category and the consent-ledger topic that must be granted at delivery.
SOLICITATION_TOPIC: dict[str, str] = {
    MessageCategory.PRODUCT_INFO: ConsentTopic.PRODUCT_INFO,
    MessageCategory.SPECIAL_OFFERS: ConsentTopic.SPECIAL_OFFERS,
    MessageCategory.NEWSLETTER: ConsentTopic.NEWSLETTER,
    MessageCategory.SURVEY: ConsentTopic.SURVEYS,
    MessageCategory.SERVICE_OFFER: ConsentTopic.SERVICE_OFFERS,
}

ALWAYS_SENT: frozenset[str] = frozenset(
    {
        MessageCategory.SERVICE_CHANGE,
        MessageCategory.REPLY,
        MessageCategory.CONFIRMATION,
        MessageCategory.REQUESTED_INFO,
        MessageCategory.EMERGENCY,
        MessageCategory.SECURITY,
        MessageCategory.ACCOUNT_MAINTENANCE,
        MessageCategory.POLICY_NOTICE,
    }
)

#: Commercial email: carries the sender, postal address, unsubscribe link and RFC 8058 headers
#: (P21), and never passes the suppression list.
COMMERCIAL: frozenset[str] = frozenset(
    {*SOLICITATION_TOPIC.keys(), MessageCategory.REFERRAL_INVITATION}
)


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    SUPPRESSED = "suppressed", "Not sent (blocked)"
    FAILED = "failed", "Failed"


FINAL_STATUSES = frozenset({MessageStatus.SENT, MessageStatus.SUPPRESSED, MessageStatus.FAILED})


class BlockReason(models.TextChoices):
    """Why a message ended without being sent."""

    NO_CONSENT = "no_consent", "The person has not agreed to this kind of email"
    NO_CPNI_APPROVAL = (
        "no_cpni_approval",
        "The customer has not approved use of their telephone service information",
    )
    SUPPRESSED_ADDRESS = "suppressed_address", "The address is on the suppression list"
    REJECTED = "rejected", "The receiving server refused the address"
    ATTEMPTS_EXHAUSTED = "attempts_exhausted", "Every delivery attempt failed"


class OutboxMessage(BaseModel):
    """One email: written in the caller's transaction, delivered after commit (at least once).

    The content is rendered when the message is queued, and the Message-ID is fixed then, so
    every delivery attempt sends the same email.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    category = models.CharField(max_length=32, choices=MessageCategory.choices)
    status = models.CharField(
        max_length=16, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    block_reason = models.CharField(max_length=32, choices=BlockReason.choices, blank=True)
    template = models.CharField(max_length=100)
    data_subject = models.ForeignKey(
        DataSubject, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_address = models.EmailField(max_length=254, blank=True)
    to_fingerprint = models.CharField(max_length=64, db_index=True)
    subject_line = models.CharField(max_length=300, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    rfc_message_id = models.CharField(max_length=200, unique=True)
    sensitive = models.BooleanField(default=False)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    content_purged_at = models.DateTimeField(null=True, blank=True)
    # The group a bulk send belongs to (its dedupe prefix, e.g. a campaign's), for counting.
    batch = models.CharField(max_length=100, blank=True, default="", db_index=True)
    # Chosen from the customer's telephone-service information (a CPNI audience): goes only
    # while the customer's CPNI approval is on (47 CFR 64.2007-2009, P07, P30).
    needs_cpni_approval = models.BooleanField(default=False)
    # Reports that came back after sending: a hard bounce (a DSN) or a spam complaint (ARF).
    bounced_at = models.DateTimeField(null=True, blank=True)
    complained_at = models.DateTimeField(null=True, blank=True)
    # How many OutboxAttachment rows it has: delivery reads them only when there are some.
    attachment_count = models.PositiveSmallIntegerField(default=0)
    # Where the recipient's reply goes, when not to the sender: one of the site's own inbound
    # addresses (e.g. reply+<token>@ the site's domain for a contact thread).
    reply_to = models.EmailField(max_length=254, blank=True, default="")

    data_map: ClassVar[dict[str, Declaration]] = {
        "to_address": Personal(
            "user.contact.email",
            (
                "account",
                "security",
                "customer_contact",
                "order_fulfilment",
                "billing",
                "marketing",
                "referral_once",
            ),
            "outbox_90d",
            description="where an email goes; cleared with the content 90 days after it ends, "
            "and at once for a friend's referral invitation",
        ),
        "to_fingerprint": Personal(
            "user.contact.email",
            ("security", "marketing", "referral_once"),
            "outbox_record_2y",
            description="keyed fingerprint of the address, to match suppressions and referrals",
        ),
        "data_subject": Personal(
            "user", ("marketing", "legal"), "outbox_record_2y", description="who the email is for"
        ),
        "subject_line": Personal(
            "user",
            ("account", "security", "customer_contact", "order_fulfilment", "billing", "marketing"),
            "outbox_90d",
        ),
        "body_text": Personal(
            "user",
            ("account", "security", "customer_contact", "order_fulfilment", "billing", "marketing"),
            "outbox_90d",
        ),
        "body_html": Personal(
            "user",
            ("account", "security", "customer_contact", "order_fulfilment", "billing", "marketing"),
            "outbox_90d",
        ),
        "rfc_message_id": NotPersonal("random identifier generated for the email"),
        "batch": NotPersonal("which bulk send (a campaign, a policy notice) the email belongs to"),
        "last_error": NotPersonal("delivery error with any address removed"),
        "reply_to": NotPersonal("one of the site's own inbound addresses (a signed token)"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outbox message"
        permissions = [
            ("view_outbox", "Can see the email outbox (bodies of sensitive messages stay hidden)"),
            ("view_mailbox", "Can read the local mailbox of emails the site delivered"),
        ]
        indexes = [
            models.Index(fields=["status", "available_at"], name="comms_outbox_due_idx"),
            models.Index(fields=["status", "finished_at"], name="comms_outbox_finished_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=MessageCategory.values),
                name="comms_outbox_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MessageStatus.values),
                name="comms_outbox_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.get_status_display()})"

    @property
    def is_commercial(self) -> bool:
        return self.category in COMMERCIAL


class SuppressionReason(models.TextChoices):
    HARD_BOUNCE = "hard_bounce", "The address does not exist (hard bounce)"
    COMPLAINT = "complaint", "The person reported our email as spam"
    MANUAL = "manual", "Added by staff at the person's request"
    UNSUBSCRIBED = "unsubscribed", "The person refused a friend's invitation"


class SuppressedAddress(BaseModel):
    """An address no solicitation or referral invitation may reach, kept only as a keyed hash."""

    fingerprint = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=20, choices=SuppressionReason.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "fingerprint": Personal(
            "user.contact.email",
            ("marketing", "referral_once"),
            "suppression_list",
            description="keyed fingerprint of an address that must not get marketing email",
        ),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "suppressed address"
        verbose_name_plural = "suppressed addresses"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=SuppressionReason.values),
                name="comms_suppression_reason_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"suppressed ({self.get_reason_display()})"


class OutboxAttachment(models.Model):
    """A file sent with an outbox message (a calendar invitation): stored with the message so
    every attempt sends the same bytes, and cleared with its content (``outbox_purge``)."""

    id = models.BigAutoField(primary_key=True)
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=100)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    data_map: ClassVar[dict[str, Declaration]] = {
        "filename": NotPersonal("a fixed file name such as event.ics"),
        "content": Personal(
            "user",
            ("customer_contact", "order_fulfilment", "events"),
            "outbox_90d",
            description="a file sent with an email (for example a calendar invitation)",
        ),
    }

    class Meta:
        ordering = ["message", "id"]

    def __str__(self) -> str:
        return self.filename
