"""B3: the audit trail is kept two years, then deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from azultel.core.audit import audit_record
from azultel.core.models import AuditEvent
from azultel.core.tasks import audit_events_purge


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_audit_events_older_than_two_years_are_deleted() -> None:
    old = audit_record(actor=None, action="test.old")
    new = audit_record(actor=None, action="test.new")
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))

    assert audit_events_purge() == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [new.pk]
