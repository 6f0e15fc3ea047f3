"""Writes for the directory: the operator search log, publisher feeds, listing changes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.services import message_send
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.core.csv_safe import csv_writer
from azultel.directory.audit import DirectoryAudit
from azultel.directory.models import AssistanceSearch, PublisherFeed
from azultel.directory.selectors import directory_feed_rows
from azultel.orders.directory_read import LISTING_EXPLANATIONS, ListingChoice, PhoneLine
from azultel.orders.listing import phone_line_listing_change
from azultel.privacy.models import DataSubject
from azultel.privacy.services import disclosure_make

FEED_CATEGORIES = ["user.name", "user.contact.address", "user.contact.phone"]
FEED_COLUMNS = ["name", "street", "city", "state", "zip", "number"]


def assistance_search_log(
    *, operator: User, name: str, city: str, state: str, number: str, result_count: int
) -> AssistanceSearch:
    return AssistanceSearch.objects.create(
        operator=operator,
        name=name[:120],
        city=city[:100],
        state=state[:2],
        number=number[:32],
        result_count=result_count,
    )


@dataclass(frozen=True)
class FeedResult:
    feed: PublisherFeed
    payload: bytes


def _subjects_for(user_ids: list[int]) -> list[DataSubject]:
    existing = {s.user_id: s for s in DataSubject.objects.filter(user_id__in=user_ids)}
    missing = [DataSubject(user_id=uid) for uid in user_ids if uid not in existing]
    if missing:
        DataSubject.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {s.user_id: s for s in DataSubject.objects.filter(user_id__in=user_ids)}
    return list(existing.values())


def directory_feed_publish(*, actor: Actor, recipient: str, reference: str) -> FeedResult:
    """Build the publisher's file of listed entries and record it as a disclosure (P06, P14).

    The file and its disclosure record are made in one transaction: no file leaves without its
    record, and the record holds the file's digest.
    """
    with transaction.atomic():
        rows = directory_feed_rows()
        buffer = io.StringIO()
        # Escaped as it is written, so the digest below covers exactly the bytes that leave.
        writer = csv_writer(buffer)
        writer.writerow(FEED_COLUMNS)
        writer.writerows(row[:6] for row in rows)
        payload = buffer.getvalue().encode()
        subjects = _subjects_for(sorted({row[6] for row in rows}))
        if not subjects:
            raise ValueError("There are no listed entries to publish.")
        record = disclosure_make(
            actor=actor,
            recipient=recipient,
            basis="directory_publishing",
            basis_reference=reference,
            categories=FEED_CATEGORIES,
            subjects=subjects,
            payload=payload,
            record_count=len(rows),
        )
        feed = PublisherFeed.objects.create(
            actor_label=record.actor_label,
            recipient=record.recipient,
            entry_count=len(rows),
            payload_digest=record.payload_digest,
            disclosure=record,
        )
        audit_record(
            actor=actor if not isinstance(actor, str) else None,
            action=DirectoryAudit.FEED_PUBLISHED,
            detail={"entries": len(rows)},
        )
    return FeedResult(feed, payload)


def listing_change(
    *, customer: User, phone_line: PhoneLine, choice: str, listed_name: str = ""
) -> PhoneLine:
    """A customer's new listing choice: in effect at once, confirmed by email (P06)."""

    with transaction.atomic():
        line, changed = phone_line_listing_change(
            phone_line=phone_line, choice=choice, listed_name=listed_name, actor=customer
        )
        if changed:
            message_send(
                category="service_change",
                to=customer.email,
                template="directory_listing_changed",
                context={
                    "given_name": customer.given_name,
                    "number_last4": line.number[-4:],
                    "choice_label": ListingChoice(choice).label,
                    "explanation": LISTING_EXPLANATIONS[choice],
                },
            )
    return line


def assistance_log_purge(*, now: datetime | None = None) -> int:
    """B3: delete directory-assistance search records older than ACCESS_LOG_RETENTION_DAYS."""

    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AssistanceSearch.objects.filter(created_at__lt=cutoff).delete()
    return deleted
