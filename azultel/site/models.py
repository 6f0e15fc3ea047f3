"""Records behind the public site: privacy FAQs and Contact Us messages."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, Personal
from azultel.privacy.profiling import CollectionChannel


class FaqTopic(models.TextChoices):
    COLLECTION = "collection", "What we collect"
    USE = "use", "How we use it"
    SHARING = "sharing", "Sharing"
    SECURITY = "security", "Security"
    COOKIES = "cookies", "Cookies"
    ADVERTISING = "advertising", "Advertising"
    EMAIL = "email", "Email"


class FaqEntry(BaseModel):
    """A privacy question and its answer, edited by staff in the admin."""

    topic = models.CharField(max_length=20, choices=FaqTopic.choices)
    question = models.CharField(max_length=300)
    answer = models.TextField(
        help_text="Plain text; '- ' starts a list item, [words](/path) links."
    )
    position = models.PositiveSmallIntegerField(default=100)
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["topic", "position", "id"]
        verbose_name = "privacy FAQ entry"
        verbose_name_plural = "privacy FAQ entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__in=FaqTopic.values), name="site_faq_topic_valid"
            ),
            models.UniqueConstraint(fields=["question"], name="site_faq_question_unique"),
        ]

    def __str__(self) -> str:
        return self.question


class ContactTopic(models.TextChoices):
    GENERAL = "general", "General question"
    SALES = "sales", "New service or sales"
    BILLING = "billing", "Billing"
    SUPPORT = "support", "Technical support"
    CARRIER = "carrier", "Carrier and wholesale"
    PRIVACY = "privacy", "Privacy question"


class ContactMessage(BaseModel):
    """A message sent through Contact Us, kept so staff can answer it.

    ``account`` is set only when the sender was signed in, and is then the sender's own
    account; the typed ``email`` is where the reply goes and never attaches a message to anyone.
    """

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The signed-in sender's own account; empty for messages sent signed out.",
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    topic = models.CharField(max_length=20, choices=ContactTopic.choices)
    message = models.TextField(max_length=5000)
    handled_at = models.DateTimeField(null=True, blank=True)
    collection_channel = models.CharField(
        max_length=10, choices=CollectionChannel.choices, default=CollectionChannel.ONLINE
    )

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": Personal("user.name", ("customer_contact",), "contact_2y"),
        "email": Personal("user.contact.email", ("customer_contact",), "contact_2y"),
        "message": Personal("user.content", ("customer_contact",), "contact_2y"),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__in=ContactTopic.values), name="site_contact_topic_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} from {self.name}"
