"""Changing how an existing phone line is listed (P06), called from the customer's account.

Kept apart from the services package so the directory app has one narrow way to change a listing.
"""

from __future__ import annotations

from django.db import transaction

from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import ListingChoice, PhoneLine, ServiceStatus


class ListingChangeRefused(ValueError):
    """The change is not possible (unknown choice, a line that is not active)."""


def phone_line_listing_change(
    *, phone_line: PhoneLine, choice: str, listed_name: str = "", actor: Actor | None
) -> tuple[PhoneLine, bool]:
    """Set the listing choice of an active line; returns the line and whether anything changed.

    Listed and not-listed lines carry the name to list and the service address; an empty
    ``listed_name`` means the customer's own name (as the listing page says), not the name listed
    before. A not-published line keeps nothing to list. Takes effect at once: directory searches
    and the next publisher feed read these columns directly.
    """
    if choice not in ListingChoice.values:
        raise ListingChangeRefused("Choose listed, not listed or not published.")
    listed_name = " ".join(listed_name.split())[:120]
    with transaction.atomic():
        line = (
            PhoneLine.objects.select_for_update()
            .select_related("service__customer")
            .get(pk=phone_line.pk)
        )
        service = line.service
        if service.status != ServiceStatus.ACTIVE:
            raise ListingChangeRefused("This phone line is no longer active.")
        customer = service.customer
        if choice == ListingChoice.NON_PUBLISHED:
            wanted = {
                "listed_name": "",
                "listed_street": "",
                "listed_city": "",
                "listed_state": "",
                "listed_zip": "",
            }
        else:
            wanted = {
                "listed_name": listed_name or customer.get_full_name(),
                "listed_street": service.service_street,
                "listed_city": service.service_city,
                "listed_state": service.service_state,
                "listed_zip": service.service_zip,
            }
        wanted["listing_choice"] = choice
        changed = [field for field, value in wanted.items() if getattr(line, field) != value]
        if not changed:
            return line, False
        for field in changed:
            setattr(line, field, wanted[field])
        line.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor if not isinstance(actor, str) else None,
            action=OrdersAudit.LISTING_CHANGED,
            subject=line,
            detail={"choice": choice},
        )
    return line, True
