"""Outages: staff post one for a list of ZIP codes with an estimate and end it when fixed.

Customers with an active service in the area get one email when it starts and one when it ends:
``OutageNotice`` (unique per outage, customer and kind) is written in the same transaction as the
email, with the outage row locked, so a second run, a double click or the periodic sweep sends
nothing more. Open tickets from the area are linked to the outage."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.care.audit import CareAudit
from azultel.care.models import (
    NoticeKind,
    Outage,
    OutageNotice,
    OutageStatus,
    OutageZip,
    Ticket,
    TicketStatus,
)
from azultel.comms.services import message_send
from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record
from azultel.core.links import site_reverse
from azultel.orders import selectors as order_selectors

MAX_ZIPS = 200
_ZIP = re.compile(r"^[0-9]{5}$")


class OutageRefused(ValueError):
    """The outage cannot be posted or ended; the message is written for staff."""


def zip_codes_parse(text: str) -> list[str]:
    """ZIP codes separated by commas, spaces or lines; each must be five digits."""
    codes = [c for c in re.split(r"[\s,;]+", text.strip()) if c]
    if not codes:
        raise OutageRefused("Enter at least one ZIP code.")
    wrong = [c for c in codes if not _ZIP.match(c)]
    if wrong:
        raise OutageRefused(f"These are not five-digit ZIP codes: {', '.join(wrong[:5])}.")
    unique = sorted(set(codes))
    if len(unique) > MAX_ZIPS:
        raise OutageRefused(f"Enter at most {MAX_ZIPS} ZIP codes for one outage.")
    return unique


def outage_post(
    *,
    title: str,
    details: str,
    zip_codes: list[str],
    estimated_restore_at: datetime,
    actor: User,
) -> Outage:
    """Post an outage, link the area's open tickets and email its customers once."""
    now = timezone.now()
    if not title.strip():
        raise OutageRefused("Give the outage a short title.")
    if estimated_restore_at <= now:
        raise OutageRefused("The estimated restore time must be in the future.")
    if estimated_restore_at > now + timedelta(days=30):
        raise OutageRefused("The estimated restore time must be within 30 days.")
    if not zip_codes or any(not _ZIP.match(z) for z in zip_codes):
        raise OutageRefused("Enter five-digit ZIP codes.")
    with transaction.atomic():
        outage = Outage.objects.create(
            title=title.strip(),
            details=details.strip(),
            started_at=now,
            estimated_restore_at=estimated_restore_at,
            posted_by=actor,
        )
        OutageZip.objects.bulk_create(
            [OutageZip(outage=outage, zip_code=z) for z in sorted(set(zip_codes))]
        )
        linked = Ticket.objects.filter(
            outage__isnull=True, service_zip__in=zip_codes, status__in=_OPEN_STATUSES
        ).update(outage=outage, updated_at=now)
        audit_record(
            actor=actor,
            action=CareAudit.OUTAGE_POSTED,
            subject=outage,
            detail={"zips": len(zip_codes), "tickets_linked": linked},
        )
        outage_notices_send(outage=outage, actor=actor)
    return outage


_OPEN_STATUSES = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.WAITING]


def outage_end(*, outage: Outage, actor: User) -> Outage:
    """Mark the outage fixed and email the end notice once to each customer told of it."""
    with transaction.atomic():
        locked = Outage.objects.select_for_update().get(pk=outage.pk)
        if locked.status == OutageStatus.ENDED:
            raise OutageRefused("This outage is already marked as fixed.")
        locked.status = OutageStatus.ENDED
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "ended_at", "updated_at"])
        audit_record(actor=actor, action=CareAudit.OUTAGE_ENDED, subject=locked)
        outage_notices_send(outage=locked, actor=actor)
    outage.refresh_from_db()
    return outage


def outage_notices_send(*, outage: Outage, actor: Actor) -> int:
    """Send the start notice (active) or end notice (ended) to each customer who has not had it.

    Start: customers with an active service in the area. End: those, and everyone told of the
    start. Returns how many emails were queued."""
    with transaction.atomic():
        locked = Outage.objects.select_for_update().get(pk=outage.pk)
        zips = list(locked.zips.values_list("zip_code", flat=True))
        in_area = set(order_selectors.customer_ids_with_active_service_in_zips(zip_codes=zips))
        if locked.status == OutageStatus.ACTIVE:
            kind, template = NoticeKind.START, "care_outage_start"
            wanted = in_area
        else:
            kind, template = NoticeKind.END, "care_outage_end"
            told = OutageNotice.objects.filter(outage=locked, kind=NoticeKind.START)
            wanted = in_area | set(told.values_list("customer_id", flat=True))
        done = set(
            OutageNotice.objects.filter(outage=locked, kind=kind).values_list(
                "customer_id", flat=True
            )
        )
        people = list(User.objects.filter(pk__in=wanted - done, is_active=True).order_by("pk"))
        OutageNotice.objects.bulk_create(
            [OutageNotice(outage=locked, customer=p, kind=kind) for p in people]
        )
        context = {
            "title": locked.title,
            "details": locked.details,
            "restore": timezone.localtime(locked.estimated_restore_at),
            "help_url": site_reverse("care:ticket_list"),
        }
        for person in people:
            message_send(
                category="service_change",
                to=person.email,
                template=template,
                context={**context, "name": person.given_name or "there"},
                dedupe_key=f"care-outage:{locked.pk}:{kind}:{person.pk}",
                actor=actor,
            )
    return len(people)


def outage_notices_sweep() -> int:
    """The periodic job: start notices for customers newly in an active outage's area, end
    notices for outages fixed in the last day (each still once per customer)."""
    actor = system_actor("care.outage_notices")
    since = timezone.now() - timedelta(days=1)
    sent = 0
    for outage in Outage.objects.filter(status=OutageStatus.ACTIVE):
        sent += outage_notices_send(outage=outage, actor=actor)
    for outage in Outage.objects.filter(status=OutageStatus.ENDED, ended_at__gte=since):
        sent += outage_notices_send(outage=outage, actor=actor)
    return sent
