"""Contact threads: every Contact Us message opens one, and the conversation that follows.

A ``Thread`` has a reference for people to quote (``AZ-7K3P-Q2``: easy to read aloud, not a
secret) and is reached without signing in only through a signed token (``contact.tokens``).
``ThreadEntry`` rows are the customer's messages, staff replies (emailed through the outbox) and
internal notes (never shown to the customer, never emailed).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal, Personal

#: The longest message kept: the public form's limit (site.ContactMessage.message); a longer
#: emailed reply is cut there.
MESSAGE_MAX_LENGTH = 5000


class Topic(models.TextChoices):
    SALES = "sales", "Sales"
    BILLING = "billing", "Billing"
    TECHNICAL = "technical", "Technical"
    PRIVACY = "privacy", "Privacy"


#: The public form's topics (site.ContactTopic values) and the queue each goes to: general and
#: wholesale questions are answered by the sales team.
SITE_TOPIC_QUEUE: dict[str, str] = {
    "general": Topic.SALES,
    "sales": Topic.SALES,
    "carrier": Topic.SALES,
    "billing": Topic.BILLING,
    "support": Topic.TECHNICAL,
    "privacy": Topic.PRIVACY,
}


class Status(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    WAITING = "waiting", "Waiting on customer"
    CLOSED = "closed", "Closed"


class Thread(BaseModel):
    """One conversation with a person who wrote to us."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=12, unique=True, editable=False)
    topic = models.CharField(max_length=12, choices=Topic.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    sender_name = models.CharField(max_length=120)
    sender_email = models.EmailField(max_length=254)
    # Set only when the sender was signed in, or the address is a verified one of that account.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_threads",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_message = models.ForeignKey(
        "site.ContactMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_response_at = models.DateTimeField(null=True, blank=True)
    first_response_seconds = models.PositiveIntegerField(null=True, blank=True)
    last_message_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "id": NotPersonal("random identifier of the thread"),
        "reference": NotPersonal("random reference number quoted by the person and staff"),
        "topic": NotPersonal("a queue from a fixed list"),
        "status": NotPersonal("where the conversation stands"),
        "sender_name": Personal("user.name", ("customer_contact",), "contact_thread"),
        "sender_email": Personal("user.contact.email", ("customer_contact",), "contact_thread"),
        "account": Personal(
            "user", ("customer_contact",), "contact_thread", description="whose thread it is"
        ),
        "assignee": NotPersonal("the staff member answering (staff, not the customer)"),
        "contact_message": NotPersonal("link to the Contact Us message that opened the thread"),
        "first_response_at": NotPersonal("when staff first replied (response-time figures)"),
        "first_response_seconds": NotPersonal("seconds until the first reply"),
        "last_message_at": NotPersonal("time of the latest message"),
        "closed_at": NotPersonal("when the thread was closed (retention starts then)"),
    }

    class Meta:
        ordering = ["-last_message_at", "-id"]
        permissions = [
            ("answer_thread", "Can answer sales, billing and technical contact threads"),
            ("answer_privacy_thread", "Can answer privacy contact threads"),
        ]
        indexes = [
            models.Index(fields=["topic", "status"], name="contact_thread_queue_idx"),
            models.Index(fields=["status", "closed_at"], name="contact_thread_closed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__in=Topic.values), name="contact_thread_topic_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="contact_thread_status_valid"
            ),
            models.CheckConstraint(
                condition=(models.Q(status=Status.CLOSED) & models.Q(closed_at__isnull=False))
                | (~models.Q(status=Status.CLOSED) & models.Q(closed_at__isnull=True)),
                name="contact_thread_closed_at_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class EntryKind(models.TextChoices):
    CUSTOMER = "customer", "From the customer"
    REPLY = "reply", "Reply from Azultel"
    NOTE = "note", "Internal note"


class Channel(models.TextChoices):
    FORM = "form", "Contact form"
    LINK = "link", "Private link"
    ACCOUNT = "account", "Account"
    EMAIL = "email", "Email reply"
    STAFF = "staff", "Staff inbox"


#: What the customer may see of a thread (internal notes never).
CUSTOMER_VISIBLE = (EntryKind.CUSTOMER, EntryKind.REPLY)


class ThreadEntry(BaseModel):
    """One message in a thread: the customer's, a staff reply, or an internal note."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "thread": NotPersonal("the thread it belongs to"),
        "kind": NotPersonal("customer message, reply or internal note"),
        "channel": NotPersonal("how it arrived"),
        "body": Personal("user.content", ("customer_contact",), "contact_thread"),
        "author": NotPersonal("the staff member who wrote a reply or note"),
    }

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "thread entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EntryKind.values), name="contact_entry_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="contact_entry_channel_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.thread_id}"
