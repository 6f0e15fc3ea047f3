"""Reads of campaigns, segments, links and CPNI records, and the campaign report (P29)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from azultel.catalog.selectors import product_list_from_prices
from azultel.comms.selectors import batch_tally, batch_unsubscribe_count
from azultel.marketing.models import (
    Campaign,
    CampaignLink,
    CampaignStatus,
    CpniCampaignRecord,
    Segment,
)
from azultel.privacy.aggregates import Cell, k_suppress

REPORT_K = 10


def segment_list() -> QuerySet[Segment]:
    return Segment.objects.select_related("created_by").order_by("name")


def segment_get(*, segment_id: uuid.UUID) -> Segment | None:
    return Segment.objects.filter(pk=segment_id).first()


def campaign_list(*, status: str = "") -> QuerySet[Campaign]:
    rows = Campaign.objects.select_related("segment", "contact_list", "created_by").order_by(
        "-created_at", "-id"
    )
    if status:
        rows = rows.filter(status=status)
    return rows


def campaign_get(*, campaign_id: uuid.UUID) -> Campaign | None:
    return (
        Campaign.objects.select_related(
            "segment", "contact_list", "survey", "created_by", "approved_by"
        )
        .filter(pk=campaign_id)
        .first()
    )


def link_get(*, link_id: uuid.UUID) -> CampaignLink | None:
    return CampaignLink.objects.filter(pk=link_id).only("pk", "url", "campaign_id").first()


def campaigns_due(*, now: datetime) -> list[uuid.UUID]:
    """Scheduled campaigns whose time has come."""
    return list(
        Campaign.objects.filter(status=CampaignStatus.SCHEDULED, scheduled_for__lte=now)
        .order_by("scheduled_for")
        .values_list("pk", flat=True)
    )


def campaigns_awaiting_approval_count() -> int:
    return Campaign.objects.filter(status=CampaignStatus.AWAITING_APPROVAL).count()


def cpni_record_list() -> QuerySet[CpniCampaignRecord]:
    return CpniCampaignRecord.objects.select_related("campaign").order_by("-approved_at", "-id")


def plan_choices() -> list[tuple[str, str]]:
    """Home products offered somewhere, as (slug, name): the plans a segment may name."""
    return [(o.product.slug, o.product.name) for o in product_list_from_prices(line="home")]


@dataclass(frozen=True)
class CampaignReport:
    """Counts for one campaign; cells below k are None (shown as "fewer than 10")."""

    rows: list[Cell]
    links: list[tuple[str, Cell]]
    k: int


def campaign_report(*, campaign: Campaign) -> CampaignReport:
    """Sends, blocks, bounces, complaints, unsubscribes, opens, clicks per link and conversions,
    each below k suppressed (P16, P29). A few queries, whatever the audience."""
    tally = batch_tally(batch=campaign.batch)
    unsubscribes = batch_unsubscribe_count(batch=campaign.batch, since=campaign.started_at)
    counts: list[tuple[tuple[str], int]] = [
        (("Sent",), tally.sent),
        (("Waiting to be sent",), tally.queued),
        (("Not sent: no consent, no CPNI approval or a suppressed address",), tally.blocked),
        (("Failed",), tally.failed),
        (("Bounced",), tally.bounced),
        (("Spam complaints",), tally.complained),
        (("Unsubscribed",), unsubscribes),
        (("Opens (images loaded)",), campaign.opens),
        (("Orders after a click",), campaign.conversions),
    ]
    links = list(campaign.links.order_by("position").values_list("url", "clicks"))
    link_cells = k_suppress((((url,), clicks) for url, clicks in links), k=REPORT_K)
    return CampaignReport(
        rows=k_suppress(counts, k=REPORT_K),
        links=[(str(cell.key[0]), cell) for cell in link_cells],
        k=REPORT_K,
    )
