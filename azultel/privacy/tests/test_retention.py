"""B3: the reveal log is kept two years (data map: access_log_2y), then deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from azultel.core.actors import system_actor
from azultel.privacy.models import AppendOnlyError, SensitiveAccess
from azultel.privacy.services import RevealRefused, access_log_purge, sensitive_reveal
from azultel.privacy.tests.factories import IdentitySampleFactory


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_reveal_log_entries_older_than_two_years_are_deleted() -> None:
    sample = IdentitySampleFactory(ssn="219-09-9999")
    for _ in range(2):
        with pytest.raises(RevealRefused):
            sensitive_reveal(
                obj=sample, field="ssn", purpose="marketing", actor=system_actor("x"), reason="r"
            )
    old, new = SensitiveAccess.objects.order_by("id")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE privacy_sensitiveaccess SET created_at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=731), old.pk],
        )

    deleted = access_log_purge()

    assert deleted == 1
    assert list(SensitiveAccess.objects.values_list("pk", flat=True)) == [new.pk]
    with pytest.raises(AppendOnlyError):
        SensitiveAccess.objects.all().delete()
