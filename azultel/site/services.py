"""Writes for the public site."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from azultel.site.models import ContactMessage
from azultel.site.signals import contact_message_received


def contact_message_create(
    *, sender: Any, name: str, email: str, topic: str, message: str
) -> ContactMessage:
    """Store a Contact Us message the person chose to send us (P03: given knowingly).

    The message belongs to an account only when ``sender`` is signed in, and then to the
    sender's own account, whatever address was typed: a typed address proves nothing about who
    wrote the message, so it never attaches a message to the account that holds that address,
    verified or not. The typed address is kept as the one to reply to.

    ``contact_message_received`` is sent in the same transaction (the contact app opens its
    thread and queues the acknowledgement there), so all of it is saved or none of it.
    """
    account = sender if getattr(sender, "is_authenticated", False) else None
    with transaction.atomic():
        stored = ContactMessage.objects.create(
            account=account, name=name, email=email, topic=topic, message=message
        )
        contact_message_received.send(sender=ContactMessage, message=stored, person=sender)
    return stored


def contact_messages_purge(*, now: datetime | None = None) -> int:
    """B3: delete Contact Us messages older than CONTACT_RETENTION_DAYS (data map: contact_2y)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    deleted, _ = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def contact_messages_export(user: Any) -> list[dict[str, object]]:
    """B2: the Contact Us messages the account holder sent while signed in.

    Messages sent signed out are left out even when they carry one of the account's addresses:
    anyone can type an address, and another person's words are not the account holder's data.
    """
    return [
        {
            "name": m.name,
            "reply_to": m.email,
            "topic": m.topic,
            "message": m.message,
            "sent": m.created_at.isoformat(),
        }
        for m in ContactMessage.objects.filter(account=user).order_by("created_at", "id")
    ]


def contact_messages_erase(user: Any) -> None:
    """B2: erase the account holder's Contact Us messages, and the messages sent signed out
    from one of the account's verified addresses (they name the person, whoever wrote them)."""

    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    by_address = Q(pk__in=[])
    for address in verified:
        by_address |= Q(email__iexact=address)
    ContactMessage.objects.filter(Q(account=user) | (Q(account__isnull=True) & by_address)).delete()


def contact_messages_erase_for_email(email: str) -> int:
    """A deletion request by a verified address (issue 19): the Contact Us messages sent from
    it while signed out (they name the person, whoever wrote them). Not exported, for the
    reason ``contact_messages_export`` gives."""
    deleted, _ = ContactMessage.objects.filter(account__isnull=True, email__iexact=email).delete()
    return deleted
