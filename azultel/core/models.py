"""Building blocks every app shares: the base model, the audit trail and stored private files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from azultel.core.upload_checks import FileKind, UploadPurpose


class BaseModel(models.Model):
    """Abstract base: creation and last-change times on every row."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """An append-only record of an action that touched personal data or changed access."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(max_length=80, db_index=True)
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.subject_type}:{self.subject_id}"


class StoredFile(BaseModel):
    """A private upload (a résumé): where its encrypted bytes are and what they were found to be.

    The bytes live in the private storage (``core.file_storage``) under ``key``, encrypted; this
    row is what other apps point at (a foreign key) and what the retention sweep reads. Written
    only by ``core.stored_files``; the data map declares it in ``privacy.datamap`` (core cannot
    import privacy). The browser's file name and content type are not kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(max_length=80, unique=True, editable=False)
    purpose = models.CharField(max_length=32, choices=UploadPurpose.choices)
    kind = models.CharField(max_length=8, choices=FileKind.choices)
    size = models.PositiveIntegerField()
    # Keyed HMAC-SHA256 of the clear bytes (FIELD_HMAC_KEY): proves the stored file is the one
    # this row was written for, without letting anyone holding the table confirm a guessed file.
    content_digest = models.CharField(max_length=64)
    # B3: the retention sweep deletes the file and this row at this time (set by the owning app).
    delete_after = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "uploaded file"
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="storedfile_not_empty"),
            models.CheckConstraint(
                condition=models.Q(kind__in=FileKind.values), name="storedfile_known_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(purpose__in=UploadPurpose.values),
                name="storedfile_known_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_kind_display()}, {self.size} bytes)"
