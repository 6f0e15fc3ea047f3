"""Contact lists supplied by partners and event co-sponsors, with the consent evidence of each row.

A list is only ever created whole by ``services.contact_list_import``: every row of the file is
checked first, and one invalid row refuses the file. Each person on a list is a
``privacy.DataSubject`` (never a second copy of the address); the evidence says when and how the
person agreed and to which topics. The grants themselves live in the consent ledger (B4).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Now

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal
from azultel.privacy.models import DataSubject
from azultel.privacy.profiling import CollectionChannel


class ContactList(BaseModel):
    """One imported file: who supplied it, who imported it, and how many rows it had."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120)
    source_organisation = models.CharField(
        max_length=200, help_text="The partner or event co-sponsor that supplied the list."
    )
    description = models.TextField(blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(db_default=Now())
    rows_in_file = models.PositiveIntegerField()
    rows_imported = models.PositiveIntegerField()
    rows_skipped = models.PositiveIntegerField()

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": NotPersonal("the name staff gave the list"),
        "source_organisation": NotPersonal("a company's name"),
    }

    class Meta:
        verbose_name = "contact list from a partner"
        verbose_name_plural = "contact lists from partners"
        ordering = ["-imported_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    rows_in_file=models.F("rows_imported") + models.F("rows_skipped")
                ),
                name="lists_contactlist_rows_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.source_organisation})"


class ListContact(models.Model):
    """One person on a list and the evidence that they agreed to hear from Azultel."""

    id = models.BigAutoField(primary_key=True)
    contact_list = models.ForeignKey(ContactList, on_delete=models.CASCADE, related_name="contacts")
    subject = models.ForeignKey(
        DataSubject, on_delete=models.PROTECT, related_name="list_memberships"
    )
    given_name = models.CharField(max_length=100, blank=True)
    consent_date = models.DateField(help_text="The day the person agreed, per the evidence.")
    consent_method = models.CharField(
        max_length=300, help_text="How the person agreed, e.g. the sign-up form at an event."
    )
    topics = models.JSONField(help_text="The consent topics the person agreed to.")
    line_number = models.PositiveIntegerField(help_text="The row's line in the imported file.")
    created_at = models.DateTimeField(db_default=Now(), db_index=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "given_name": Personal(
            "user.name",
            ("marketing",),
            "contact_list_24m",
            description="the given name a partner's list supplied, to greet the person",
        ),
        "consent_date": Personal(
            "user.preferences",
            ("marketing", "legal"),
            "contact_list_24m",
            description="when the person agreed to hear from us, per the partner's evidence",
        ),
        "consent_method": Personal(
            "user.preferences",
            ("marketing", "legal"),
            "contact_list_24m",
            description="how the person agreed (the form or event), per the partner's evidence",
        ),
        "topics": Personal(
            "user.preferences",
            ("marketing", "legal"),
            "contact_list_24m",
            description="which kinds of email the person agreed to",
        ),
        "line_number": NotPersonal("the row's position in the imported file"),
    }

    class Meta:
        verbose_name = "person on a partner's list"
        verbose_name_plural = "people on partners' lists"
        ordering = ["contact_list", "line_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact_list", "subject"], name="lists_listcontact_once_per_list"
            ),
        ]

    def __str__(self) -> str:
        return f"line {self.line_number} of {self.contact_list_id}"

    @property
    def collection_channel(self) -> str:
        """A partner collected it, never this website: offline data to the profiling guard (P17)."""
        return CollectionChannel.OFFLINE

    @property
    def data_subject_id(self) -> uuid.UUID:
        return self.subject_id


class SkipReason(models.TextChoices):
    SUPPRESSED = "suppressed", "The address is on the do-not-email list"
    WITHDRAWN_LATER = (
        "withdrawn_later",
        "The person withdrew that consent with us on or after the evidence date",
    )


class SkippedLine(models.Model):
    """A valid row that granted nothing: its line and why. The address itself is not kept."""

    id = models.BigAutoField(primary_key=True)
    contact_list = models.ForeignKey(
        ContactList, on_delete=models.CASCADE, related_name="skipped_lines"
    )
    line_number = models.PositiveIntegerField()
    reason = models.CharField(max_length=32, choices=SkipReason.choices)

    data_map: ClassVar[dict[str, Declaration]] = {
        "line_number": NotPersonal("a position in the imported file; the address is not kept"),
    }

    class Meta:
        ordering = ["contact_list", "line_number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=SkipReason.values), name="lists_skip_reason_valid"
            ),
            models.UniqueConstraint(
                fields=["contact_list", "line_number"], name="lists_skippedline_once"
            ),
        ]

    def __str__(self) -> str:
        return f"line {self.line_number} skipped ({self.reason})"
