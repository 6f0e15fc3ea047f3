"""Every read of personal data by a partner is a recorded disclosure (P14), made on the basis of
the customer's authorisation of that partner (``PartnerCustomer.authorization_reference``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.core.actors import system_actor
from azultel.privacy.services import disclosure_make, subject_for_user


def partner_read_record(
    *, partner: Partner, customers: Sequence[User], categories: list[str], what: str
) -> None:
    """Record that ``partner`` received ``categories`` of ``customers`` (nothing if nobody)."""
    people = list({c.pk: c for c in customers}.values())
    if not people:
        return
    disclosure_make(
        actor=system_actor("api"),
        recipient=f"API partner {partner.name}",
        basis="customer_authorization",
        basis_reference=f"customer's authorisation of partner {partner.pk} ({what})",
        categories=categories,
        subjects=[subject_for_user(user=person) for person in people],
        payload=json.dumps(sorted(str(p.public_id) for p in people)).encode(),
        record_count=len(people),
    )
