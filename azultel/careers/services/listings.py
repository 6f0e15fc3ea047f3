"""HR's writes on job listings: save (draft or scheduled), open, close and reopen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from azultel.careers.audit import CareersAudit
from azultel.careers.models import (
    PAY_RANGE_STATES,
    JobListing,
    ListingQuestion,
    ListingStatus,
)
from azultel.core.actors import Actor
from azultel.core.audit import audit_record


class ListingRefused(ValueError):
    """The listing cannot be saved or changed so; ``field`` names the form field (or None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ListingDetails:
    title: str
    department: str
    location: str
    employment_type: str
    pay_min: Decimal | None
    pay_max: Decimal | None
    pay_period: str
    description: str
    publish_at: datetime | None
    close_at: datetime | None
    questions: tuple[tuple[str, bool], ...] = ()  # (text, required)


def _check(details: ListingDetails) -> None:
    if details.location in PAY_RANGE_STATES and (
        details.pay_min is None or details.pay_max is None
    ):
        raise ListingRefused(
            "Jobs in this location must show a pay range: give the lowest and highest pay.",
            "pay_min",
        )
    if (details.pay_min is None) != (details.pay_max is None):
        raise ListingRefused("Give both the lowest and the highest pay, or neither.", "pay_max")
    if (
        details.pay_min is not None
        and details.pay_max is not None
        and details.pay_min > details.pay_max
    ):
        raise ListingRefused("The highest pay must not be below the lowest.", "pay_max")
    if details.publish_at and details.close_at and details.close_at <= details.publish_at:
        raise ListingRefused("The closing date must come after the publishing date.", "close_at")


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "job"
    slug = base
    n = 2
    while JobListing.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def listing_save(
    *, listing: JobListing | None, details: ListingDetails, publish: bool, actor: Actor
) -> JobListing:
    """Create or edit a listing. ``publish``: open it now, or schedule it for ``publish_at``
    when that lies ahead; otherwise a new listing stays a draft (an edit keeps its status)."""
    _check(details)
    now = timezone.now()
    with transaction.atomic():
        if listing is None:
            listing = JobListing(slug=_unique_slug(details.title))
        for name in (
            "title", "department", "location", "employment_type", "pay_min", "pay_max",
            "pay_period", "description", "publish_at", "close_at",
        ):  # fmt: skip
            setattr(listing, name, getattr(details, name))
        if publish:
            if details.publish_at and details.publish_at > now:
                listing.status = ListingStatus.SCHEDULED
            else:
                listing.status = ListingStatus.OPEN
                listing.publish_at = listing.publish_at or now
        if (
            listing.status in (ListingStatus.OPEN, ListingStatus.SCHEDULED)
            and not listing.posted_on
        ):
            listing.posted_on = timezone.localdate(listing.publish_at or now)
        listing.save()
        listing.questions.all().delete()
        ListingQuestion.objects.bulk_create(
            ListingQuestion(listing=listing, text=text, required=required, position=i)
            for i, (text, required) in enumerate(details.questions)
        )
        audit_record(
            actor=actor,
            action=CareersAudit.LISTING_SAVED,
            subject=listing,
            detail={"status": listing.status},
        )
    return listing


def listing_close(*, listing: JobListing, actor: Actor) -> JobListing:
    with transaction.atomic():
        listing.status = ListingStatus.CLOSED
        listing.close_at = min(listing.close_at or timezone.now(), timezone.now())
        listing.save(update_fields=["status", "close_at", "updated_at"])
        audit_record(actor=actor, action=CareersAudit.LISTING_STATUS, subject=listing,
                     detail={"status": "closed"})  # fmt: skip
    return listing


def listing_reopen(*, listing: JobListing, close_at: datetime | None, actor: Actor) -> JobListing:
    """Open a closed (or draft) listing again now, with a new closing date or none."""
    now = timezone.now()
    if close_at is not None and close_at <= now:
        raise ListingRefused("The new closing date must be in the future.", "close_at")
    with transaction.atomic():
        listing.status = ListingStatus.OPEN
        listing.publish_at = now
        listing.close_at = close_at
        listing.posted_on = timezone.localdate(now)
        listing.save(update_fields=["status", "publish_at", "close_at", "posted_on", "updated_at"])
        audit_record(actor=actor, action=CareersAudit.LISTING_STATUS, subject=listing,
                     detail={"status": "open"})  # fmt: skip
    return listing


def listings_status_sync(*, now: datetime | None = None) -> int:
    """Record what the dates already decide: scheduled listings past ``publish_at`` are open and
    listings past ``close_at`` are closed (the public pages read the dates either way)."""
    now = now or timezone.now()
    opened = JobListing.objects.filter(status=ListingStatus.SCHEDULED, publish_at__lte=now).update(
        status=ListingStatus.OPEN, updated_at=now
    )
    closed = JobListing.objects.filter(
        status=ListingStatus.OPEN, close_at__isnull=False, close_at__lte=now
    ).update(status=ListingStatus.CLOSED, updated_at=now)
    return opened + closed
