"""B3: directory-assistance search records are kept two years, then deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from azultel.accounts.testing import staff_create
from azultel.directory.models import AssistanceSearch
from azultel.directory.services import assistance_log_purge, assistance_search_log


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_old_assistance_searches_are_deleted() -> None:
    operator = staff_create(role="directory_operator")
    old = assistance_search_log(
        operator=operator, name="Garcia", city="", state="", number="", result_count=2
    )
    new = assistance_search_log(
        operator=operator, name="Lopez", city="", state="", number="", result_count=1
    )
    AssistanceSearch.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=731)
    )

    assert assistance_log_purge() == 1
    assert list(AssistanceSearch.objects.values_list("pk", flat=True)) == [new.pk]
