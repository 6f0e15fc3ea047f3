"""Writes for the public site."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.site.models import ContactMessage


def contact_message_create(*, name: str, email: str, topic: str, message: str) -> ContactMessage:
    """Store a Contact Us message the person chose to send us (P03: given knowingly)."""
    with transaction.atomic():
        return ContactMessage.objects.create(name=name, email=email, topic=topic, message=message)


def contact_messages_purge(*, now: datetime | None = None) -> int:
    """B3: delete Contact Us messages older than CONTACT_RETENTION_DAYS (data map: contact_2y)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    deleted, _ = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def contact_messages_export(user: Any) -> list[dict[str, Any]]:
    """B2: the Contact Us messages sent from the account's email address."""
    return [
        {"topic": m.topic, "message": m.message, "sent": m.created_at.isoformat()}
        for m in ContactMessage.objects.filter(email__iexact=user.email).order_by("created_at")
    ]


def contact_messages_erase(user: Any) -> None:
    """B2: erase the Contact Us messages sent from the account's email address."""
    ContactMessage.objects.filter(email__iexact=user.email).delete()
