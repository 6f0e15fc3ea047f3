"""Account deletion (B2): the addresses a move named are erased; the rest of each change (kind,
dates, prices) is a billing record, kept with the bills it explains (retention
``billing_records``)."""

from __future__ import annotations

from django.utils import timezone

from azultel.accounts.models import User
from azultel.lifecycle.models import ChangeStatus, ServiceChange


def customer_changes_erase(*, customer: User) -> int:
    """Blank the new addresses of the customer's moves and call off what is still scheduled."""
    now = timezone.now()
    changes = ServiceChange.objects.filter(customer=customer)
    changes.filter(status=ChangeStatus.SCHEDULED).update(
        status=ChangeStatus.CANCELLED, updated_at=now
    )
    return changes.exclude(new_street="").update(
        new_street="erased",
        new_unit="",
        new_city="",
        new_zip="",
        updated_at=now,
    )
