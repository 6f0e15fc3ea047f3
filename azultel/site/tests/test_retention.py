"""B3: Contact Us messages are deleted after their retention period (data map: contact_2y)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from azultel.site.models import ContactMessage
from azultel.site.services import contact_messages_purge
from azultel.site.tests.factories import ContactMessageFactory


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_messages_older_than_two_years_are_deleted_newer_ones_kept() -> None:
    old = ContactMessageFactory(
        name="Old", email="old@example.com", topic="general", message="an old question"
    )
    new = ContactMessageFactory(
        name="New", email="new@example.com", topic="general", message="a recent question"
    )
    ContactMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))

    deleted = contact_messages_purge()

    assert deleted == 1
    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [new.pk]
