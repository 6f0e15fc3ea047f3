"""The directory's own records: operator searches (logged) and publisher feeds (P06, P14)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from azultel.privacy.datamap import Declaration, NotPersonal, Personal


class AssistanceSearch(models.Model):
    """One directory-assistance search, with the operator who made it. Never changed or deleted."""

    id = models.BigAutoField(primary_key=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    number = models.CharField(max_length=32, blank=True)
    result_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": Personal(
            "user.name",
            ("directory", "legal"),
            "access_log_2y",
            description="the name a caller asked for",
        ),
        "city": Personal("user.contact.address", ("directory", "legal"), "access_log_2y"),
        "number": Personal("user.contact.phone", ("directory", "legal"), "access_log_2y"),
    }

    class Meta:
        verbose_name_plural = "assistance searches"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("use_directory_assistance", "Can search listed and not-listed numbers"),
            ("publish_directory_feed", "Can produce the directory publisher feed"),
        ]

    def __str__(self) -> str:
        return f"search by {self.operator_id} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(
        self,
        *,
        force_insert: bool | tuple[models.base.ModelBase, ...] = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Iterable[str] | None = None,
    ) -> None:
        if not self._state.adding:
            raise ValueError("Directory-assistance searches are a log: they are never changed.")
        super().save(
            force_insert=force_insert,
            force_update=force_update,
            using=using,
            update_fields=update_fields,
        )


class PublisherFeed(models.Model):
    """One file handed to the directory publisher; its disclosure record is in privacy."""

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_label = models.CharField(max_length=120)
    recipient = models.CharField(max_length=200)
    entry_count = models.PositiveIntegerField()
    payload_digest = models.CharField(max_length=64)
    disclosure = models.OneToOneField(
        "privacy.Disclosure", on_delete=models.PROTECT, related_name="directory_feed"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "actor_label": NotPersonal("who produced the file, as user id or system component"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"feed of {self.entry_count} entries to {self.recipient}"
