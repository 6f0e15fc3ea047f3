"""Anonymous measurement (P29): opens, clicks and orders after a click are counters on the
campaign and its links, incremented with F(); nothing names the person."""

from __future__ import annotations

import uuid

from django.db.models import F

from azultel.marketing.models import Campaign, CampaignLink


def campaign_open_count(*, campaign_id: uuid.UUID) -> None:
    Campaign.objects.filter(pk=campaign_id).update(opens=F("opens") + 1)


def link_click_count(*, link_id: uuid.UUID) -> tuple[str, uuid.UUID] | None:
    """Count a click; the stored address and its campaign, or None for an unknown link."""
    row = CampaignLink.objects.filter(pk=link_id).values_list("url", "campaign_id").first()
    if row is None:
        return None
    CampaignLink.objects.filter(pk=link_id).update(clicks=F("clicks") + 1)
    return str(row[0]), row[1]


def campaign_conversion_count(*, campaign_id: uuid.UUID) -> None:
    Campaign.objects.filter(pk=campaign_id).update(conversions=F("conversions") + 1)
