"""The person's rows in "my data" and at deletion (B2).

* Export: the disclosures on request that were handed over about them, except while a
  non-disclosure order still forbids telling them (the order wins); the CPNI breaches that
  affected them once they were told.
* Deletion: the link from disclosure requests to the account is removed (the disclosure log keeps
  its own record, data-map rule ``disclosure_records``); their training acknowledgements are
  deleted. The list of customers a CPNI breach affected is kept for its two years (a legal duty,
  rule ``cpni_breach_2y``) and then purged.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from azultel.accounts.models import User
from azultel.compliance.fields import FIELD_BY_KEY
from azultel.compliance.models import (
    BreachCustomer,
    DisclosureRequest,
    RequestStatus,
    TrainingAcknowledgement,
)


def compliance_export(user: User) -> list[dict[str, object]]:
    today = timezone.localdate()
    requests = DisclosureRequest.objects.filter(
        Q(hold_until__isnull=True) | Q(hold_until__lt=today),
        customer=user,
        status=RequestStatus.HANDED_OVER,
    ).order_by("handed_over_at")
    rows: list[dict[str, object]] = [
        {
            "what": "disclosure on request",
            "kind": r.get_kind_display(),
            "to": r.requester,
            "basis": r.legal_basis,
            "information": [FIELD_BY_KEY[f].label for f in r.fields_approved],
            "at": r.handed_over_at.isoformat() if r.handed_over_at else None,
        }
        for r in requests
    ]
    rows.extend(
        {
            "what": "CPNI breach notice",
            "breach_determined_on": row.breach.determined_on.isoformat(),
            "told_at": row.queued_at.isoformat() if row.queued_at else None,
        }
        for row in BreachCustomer.objects.filter(customer=user, queued_at__isnull=False)
        .select_related("breach")
        .order_by("queued_at")
    )
    return rows


def compliance_erase(user: User) -> None:
    DisclosureRequest.objects.filter(customer=user).update(customer=None)
    TrainingAcknowledgement.objects.filter(staff=user).delete()
