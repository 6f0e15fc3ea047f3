"""Retention (B3) and data requests (B2) for contact threads."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.contact.audit import ContactAudit
from azultel.contact.models import CUSTOMER_VISIBLE, Status, Thread
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record


def threads_purge(*, now: datetime | None = None) -> int:
    """B3: delete threads closed more than CONTACT_THREAD_RETENTION_DAYS ago, with every
    message and note in them. Returns how many threads were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONTACT_THREAD_RETENTION_DAYS)
    with transaction.atomic():
        due = Thread.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff)
        count = due.count()
        if count:
            due.delete()
            audit_record(
                actor=system_actor("contact.retention"),
                action=ContactAudit.THREADS_PURGED,
                detail={"threads": count},
            )
    return count


def threads_export(user: User) -> list[dict[str, object]]:
    """B2: the account holder's threads, as they see them (internal notes are staff's)."""
    return _as_data(Thread.objects.filter(account=user))


def threads_export_for_email(email: str) -> list[dict[str, object]]:
    """A privacy request by a verified address (issue 19): the threads it wrote."""
    return _as_data(Thread.objects.filter(sender_email__iexact=email))


def threads_erase_for_email(email: str) -> int:
    """A deletion request by a verified address: its threads, their messages and notes go."""
    return _erase(Thread.objects.filter(sender_email__iexact=email))


def _as_data(rows: QuerySet[Thread]) -> list[dict[str, object]]:
    threads = rows.prefetch_related("entries").order_by("created_at")
    return [
        {
            "reference": t.reference,
            "topic": t.topic,
            "status": t.status,
            "name": t.sender_name,
            "reply_to": t.sender_email,
            "opened": t.created_at.isoformat(),
            "messages": [
                {"from": e.kind, "sent": e.created_at.isoformat(), "text": e.body}
                for e in t.entries.all()
                if e.kind in CUSTOMER_VISIBLE
            ],
        }
        for t in threads
    ]


def threads_erase(user: User) -> None:
    """B2: delete the account holder's threads (and their notes) when the account is deleted."""
    _erase(Thread.objects.filter(account=user))


def _erase(rows: QuerySet[Thread]) -> int:
    with transaction.atomic():
        deleted, _ = rows.delete()
        if deleted:
            audit_record(
                actor=system_actor("contact.erasure"),
                action=ContactAudit.THREADS_ERASED,
                detail={"rows": deleted},
            )
    return deleted
