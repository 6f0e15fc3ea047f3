"""Sending a campaign whose audience is a partner's contact list (``lists``), a chunk at a time.

The same rules as a segment's send (``sending``): the audience is resolved when sending starts
(evidence covering the campaign's topic and the ledger still a yes, ``list_audience``), comms
checks the ledger and the suppression list again per message at delivery (P07, P18), the state
is read before each chunk (pause, cancel), and the dedupe key is the campaign and the person,
so a run repeated after a crash queues nobody twice. A list is never CPNI.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from azultel.comms.services import messages_queue_bulk
from azultel.core.actors import Actor
from azultel.marketing.models import Campaign, CampaignStatus
from azultel.marketing.rendering import OfferSlots, recipient_context
from azultel.marketing.selectors import list_audience

logger = logging.getLogger(__name__)


def _still_sending(campaign: Campaign) -> bool:
    status = Campaign.objects.filter(pk=campaign.pk).values_list("status", flat=True).first()
    return status == CampaignStatus.SENDING


def list_campaign_queue(
    *, campaign: Campaign, shared: dict[str, object], chunk_size: int, actor: Actor
) -> tuple[int, bool]:
    """Queue the list's audience; returns (how many were queued now, whether every chunk was
    queued). Stops before a chunk when the campaign is no longer "sending"."""
    assert campaign.contact_list is not None
    audience = list_audience(contact_list=campaign.contact_list, category=campaign.category)
    # A list holds no address of record: its readers get the offer meant for every state.
    offer = OfferSlots(campaign).for_state(None)
    queued = 0
    for start in range(0, len(audience), chunk_size):
        if not _still_sending(campaign):
            logger.info("Campaign %s stopped after %s queued.", campaign.pk, queued)
            return queued, False
        recipients = [
            (
                address,
                subject,
                recipient_context(shared, given_name=str(context["given_name"]), offer=offer),
            )
            for address, subject, context in audience[start : start + chunk_size]
        ]
        with transaction.atomic():
            count = messages_queue_bulk(
                category=campaign.category,
                recipients=recipients,
                template="campaign",
                dedupe_prefix=campaign.batch,
                actor=actor,
            )
            Campaign.objects.filter(pk=campaign.pk).update(
                queued_count=F("queued_count") + count, updated_at=timezone.now()
            )
        queued += count
    return queued, True
