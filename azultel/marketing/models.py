"""Segments (who a campaign may reach), campaigns, their links, and the CPNI campaign records.

No model here names a customer: a segment is rules, resolved when a campaign is sent; opens,
clicks and conversions are counters on the campaign and its links (P29).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.comms.models import MessageCategory
from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class Segment(BaseModel):
    """A named audience: rules over the fields marketing may use (``marketing.rules``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=500, blank=True)
    # Validated by ``marketing.rules.rules_clean`` before every save (no other field is stored).
    rules = models.JSONField(default=dict)
    # Uses telephone-customer information (services held, plan type): reaches only customers
    # whose CPNI approval is on (47 CFR 64.2008, 64.2009(a)). Set from the rules, never by hand.
    is_cpni = models.BooleanField(default=False)
    # Joins what was collected offline (orders taken in a store or by phone) with what the site
    # collected: each person then passes the profiling guard (P17).
    combines_channels = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": NotPersonal("the segment's name, chosen by staff"),
        "rules": NotPersonal("conditions over fields (a state, a product), never a person"),
    }

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CampaignKind(models.TextChoices):
    NEWSLETTER = "newsletter", "Newsletter"
    SERVICE_OFFER = "service_offer", "Service offer"
    ANNOUNCEMENT = "announcement", "Marketing announcement"
    SPECIAL_OFFER = "special_offer", "Special offer"
    SURVEY_INVITATION = "survey_invitation", "Survey invitation"


#: The email category (and so the consent-ledger topic checked at delivery) of each kind.
KIND_CATEGORY: dict[str, str] = {
    CampaignKind.NEWSLETTER: MessageCategory.NEWSLETTER,
    CampaignKind.SERVICE_OFFER: MessageCategory.SERVICE_OFFER,
    CampaignKind.ANNOUNCEMENT: MessageCategory.PRODUCT_INFO,
    CampaignKind.SPECIAL_OFFER: MessageCategory.SPECIAL_OFFERS,
    CampaignKind.SURVEY_INVITATION: MessageCategory.SURVEY,
}


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting supervisor approval"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    PAUSED = "paused", "Paused"
    SENT = "sent", "Sent"
    CANCELLED = "cancelled", "Cancelled"


#: States in which the content and audience may still change.
EDITABLE = frozenset({CampaignStatus.DRAFT})


class Campaign(BaseModel):
    """One email campaign: content, audience, state, and anonymous counts (P29)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=CampaignKind.choices)
    # The audience: a segment or a partner's contact list, exactly one (a constraint below).
    segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.PROTECT, related_name="campaigns"
    )
    # A list holds no telephone-customer information, so a list campaign is never CPNI.
    contact_list = models.ForeignKey(
        "lists.ContactList", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_line = models.CharField(max_length=200)
    body = models.TextField()
    survey_url = models.URLField(max_length=300, blank=True)
    # The survey a survey invitation links to (its public address is written into the email).
    survey = models.ForeignKey(
        "surveys.Survey", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why the send job stopped by itself (e.g. the survey closed), shown on the campaign page.
    halt_reason = models.CharField(max_length=300, blank=True)
    offered = models.CharField("products and services offered", max_length=500, blank=True)
    description = models.CharField(max_length=1000, blank=True)
    # An Azultel offer in the email's "email slot", chosen by house ads from the recipient's
    # state only (comms.email_slots); its beacon and link carry campaign and creative ids only.
    include_offer = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    scheduled_for = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    audience_count = models.PositiveIntegerField(null=True, blank=True)
    queued_count = models.PositiveIntegerField(default=0)
    # Anonymous counters: the beacon and the post-click order carry no person (P29).
    opens = models.PositiveBigIntegerField(default=0)
    conversions = models.PositiveBigIntegerField(default=0)

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": NotPersonal("the campaign's name, chosen by staff"),
        "body": NotPersonal("the campaign's text, the same for everyone"),
        "subject_line": NotPersonal("the campaign's subject, the same for everyone"),
        "description": NotPersonal("what the campaign is for"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("send_campaign", "Can test-send, schedule, pause, resume and cancel campaigns"),
            ("approve_cpni_campaign", "Can approve a campaign that uses CPNI (64.2009(d))"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values), name="marketing_campaign_status"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CampaignKind.values), name="marketing_campaign_kind"
            ),
            models.CheckConstraint(
                condition=Q(segment__isnull=False, contact_list__isnull=True)
                | Q(segment__isnull=True, contact_list__isnull=False),
                name="marketing_campaign_one_audience",
            ),
            models.CheckConstraint(
                condition=Q(survey__isnull=True) | Q(kind=CampaignKind.SURVEY_INVITATION),
                name="marketing_campaign_survey_only_for_invitations",
            ),
            # 64.2009(d): the approver is a second person.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("created_by")),
                name="marketing_campaign_approver_not_author",
            ),
        ]
        indexes = [models.Index(fields=["status", "scheduled_for"])]

    def __str__(self) -> str:
        return self.name

    @property
    def category(self) -> str:
        return KIND_CATEGORY[self.kind]

    @property
    def is_cpni(self) -> bool:
        """Whether the audience is chosen from telephone-customer information (a CPNI segment);
        a contact list never is."""
        return self.segment is not None and self.segment.is_cpni

    @property
    def audience_name(self) -> str:
        if self.contact_list is not None:
            return f"Contact list: {self.contact_list.name}"
        return f"Segment: {self.segment.name}" if self.segment is not None else ""

    @property
    def batch(self) -> str:
        """The dedupe prefix (and outbox batch) of the campaign's messages."""
        return f"campaign:{self.pk}"


class CampaignLink(BaseModel):
    """A link of a campaign's body; the email points at ``/m/c/<id>/`` which counts and
    redirects to ``url`` (only ever this stored address: no open redirect)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    position = models.PositiveSmallIntegerField()
    url = models.URLField(max_length=500)
    clicks = models.PositiveBigIntegerField(default=0)

    data_map: ClassVar[dict[str, Declaration]] = {
        "url": NotPersonal("an address on this site written into the campaign"),
    }

    class Meta:
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"], name="marketing_link_position_unique"
            )
        ]


class CpniCampaignRecord(BaseModel):
    """The record of a campaign that used CPNI (47 CFR 64.2009(c)), kept at least one year."""

    campaign = models.OneToOneField(Campaign, on_delete=models.PROTECT, related_name="cpni_record")
    description = models.CharField(max_length=1000)
    cpni_used = models.JSONField(default=list)
    offered = models.CharField(max_length=500)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approver_name = models.CharField(max_length=200)
    approved_at = models.DateTimeField()
    audience_count = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "approver_name": Personal(
            "user.name",
            ("legal",),
            "cpni_campaign_1y",
            description="the staff member who approved a CPNI campaign",
        ),
        "description": NotPersonal("what the campaign offered"),
    }

    class Meta:
        ordering = ["-approved_at", "-id"]
        permissions = [("view_cpni_campaign_records", "Can list and export CPNI campaign records")]
