"""Privacy requests from anyone (issue 19): what was asked, by whom, its clock and its answer.

A request is filed by a person with or without an account (or an agent for them), verified by a
single-use emailed link or by re-authentication, then handled by the privacy officer against two
deadlines: acknowledge within ``ACK_DAYS`` and answer within ``ANSWER_DAYS`` of receipt, with one
extension of ``EXTENSION_DAYS`` (the requester is told).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

ACK_DAYS = 10
ANSWER_DAYS = 45
EXTENSION_DAYS = 45


class Kind(models.TextChoices):
    ACCESS = "access", "See a copy of my data"
    DELETION = "deletion", "Delete my data"
    CORRECTION = "correction", "Correct my data"
    OPT_OUT = "opt_out", "Do not sell or share my data"
    LIMIT_SENSITIVE = "limit_sensitive", "Limit the use of my sensitive data"
    APPEAL = "appeal", "Appeal an earlier decision"


class Status(models.TextChoices):
    UNVERIFIED = "unverified", "Waiting for the email link"
    AGENT_REVIEW = "agent_review", "Agent's permission being checked"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    DONE = "done", "Done as asked"
    NO_DATA = "no_data", "We hold no data"
    REFUSED = "refused", "Refused"


OPEN_STATUSES = (Status.AGENT_REVIEW, Status.OPEN)


class PrivacyRequest(BaseModel):
    """One request about a person's own data."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=12, unique=True, editable=False)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.UNVERIFIED)
    email = models.EmailField(max_length=254)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="privacy_requests",
    )
    details = models.TextField(blank=True)
    appeal_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals"
    )
    agent_name = models.CharField(max_length=120, blank=True)
    agent_permission = models.ForeignKey(
        "core.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    answer = models.TextField(blank=True)
    # What each app erased: {"event_registrations": 1, ...} (counts, never the data).
    erased = models.JSONField(default=dict, blank=True)
    # Single-use links: the nonce in the signed link; cleared once used.
    link_nonce = models.CharField(max_length=32, blank=True, editable=False)
    download_nonce = models.CharField(max_length=32, blank=True, editable=False)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    ack_reminded_at = models.DateTimeField(null=True, blank=True)
    answer_reminded_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "id": NotPersonal("random identifier of the request"),
        "reference": NotPersonal("random reference quoted by the person and the officer"),
        "kind": NotPersonal("what kind of request, from a fixed list"),
        "status": NotPersonal("where the request stands"),
        "email": Personal(
            "user.contact.email",
            ("legal",),
            "privacy_request_24m",
            description="the address a privacy request was verified with and answered at",
        ),
        "account": Personal(
            "user", ("legal",), "privacy_request_24m", description="whose request it is"
        ),
        "details": Personal(
            "user.content",
            ("legal",),
            "privacy_request_24m",
            description="what the person asked us to correct or reconsider",
        ),
        "appeal_of": NotPersonal("link to the earlier request an appeal is about"),
        "agent_name": Personal(
            "user.name",
            ("legal",),
            "privacy_request_24m",
            description="the name of an agent filing for someone",
        ),
        "agent_permission": NotPersonal("link to the stored permission file (core.storedfile)"),
        "received_at": NotPersonal("when the request arrived (its clock starts)"),
        "verified_at": NotPersonal("when the person confirmed the request"),
        "acknowledged_at": NotPersonal("when we told the person we had it"),
        "extended_at": NotPersonal("when the answer deadline was extended"),
        "extension_reason": NotPersonal("why the officer needed more time"),
        "closed_at": NotPersonal("when the request was answered (retention starts then)"),
        "handler": NotPersonal("the privacy officer handling it (staff)"),
        "outcome": NotPersonal("how it ended, from a fixed list"),
        "answer": Personal(
            "user.content",
            ("legal",),
            "privacy_request_24m",
            description="the privacy officer's answer to the person",
        ),
        "erased": NotPersonal("how many records each part of the site erased (counts)"),
        "link_nonce": NotPersonal("random part of a single-use link"),
        "download_nonce": NotPersonal("random part of a single-use link"),
        "downloaded_at": NotPersonal("when the copy of the data was downloaded"),
        "ack_reminded_at": NotPersonal("when the officer was reminded to acknowledge"),
        "answer_reminded_at": NotPersonal("when the officer was reminded to answer"),
    }

    class Meta:
        ordering = ["received_at", "id"]
        permissions = [("handle_privacy_request", "Can handle privacy requests")]
        indexes = [
            models.Index(fields=["status", "received_at"], name="dsr_request_queue_idx"),
            models.Index(fields=["status", "closed_at"], name="dsr_request_closed_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="dsr_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="dsr_status_valid"
            ),
            models.CheckConstraint(
                condition=(models.Q(status=Status.CLOSED) & models.Q(closed_at__isnull=False))
                | (~models.Q(status=Status.CLOSED) & models.Q(closed_at__isnull=True)),
                name="dsr_closed_at_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def ack_due(self) -> datetime:
        return self.received_at + timedelta(days=ACK_DAYS)

    @property
    def answer_due(self) -> datetime:
        extra = EXTENSION_DAYS if self.extended_at else 0
        return self.received_at + timedelta(days=ANSWER_DAYS + extra)

    @property
    def by_agent(self) -> bool:
        return bool(self.agent_name)
