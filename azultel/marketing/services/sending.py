"""Sending a campaign: the periodic job starts those that are due, and a Celery task queues the
audience through comms in chunks.

The audience is resolved when sending starts (not when the campaign was scheduled), and comms
checks consent, CPNI approval and the suppression list again per message at delivery (P07, P18).
Before each chunk the task reads the campaign's state, so a pause or a cancel stops it; every
message's dedupe key is the campaign and the person, so a task run again after a crash queues
only those it had not queued yet (nobody twice, nobody lost).
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.services import messages_queue_bulk
from azultel.core.actors import SystemActor, system_actor
from azultel.core.audit import audit_record
from azultel.marketing.audit import MarketingAudit
from azultel.marketing.models import Campaign, CampaignStatus, CpniCampaignRecord
from azultel.marketing.rendering import OfferSlots, campaign_context, recipient_context
from azultel.marketing.selectors import (
    audience_people,
    campaigns_due,
    list_audience,
    profiling_refused,
)
from azultel.marketing.services.sending_guards import campaign_halt, survey_closed_reason
from azultel.marketing.services.sending_lists import list_campaign_queue

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1000
STALL_MINUTES = 10
SENDER: SystemActor = system_actor("marketing-send")


def _audience(campaign: Campaign) -> QuerySet[User]:
    segment = campaign.segment
    assert segment is not None  # a campaign has a segment or a contact list (a constraint)
    return audience_people(
        rules=segment.rules,
        category=campaign.category,
        is_cpni=segment.is_cpni,
        combines_channels=segment.combines_channels,
    )


def _audience_size(campaign: Campaign) -> int:
    if campaign.contact_list is not None:
        return len(list_audience(contact_list=campaign.contact_list, category=campaign.category))
    return _audience(campaign).count()


def campaigns_start_due(*, now: datetime | None = None) -> list[uuid.UUID]:
    """Move every due scheduled campaign to "sending" (counting its audience now) and return
    them; the caller starts one send task each after commit."""
    started = []
    for campaign_id in campaigns_due(now=now or timezone.now()):
        with transaction.atomic():
            campaign = (
                Campaign.objects.select_for_update(of=("self",))
                .select_related("segment", "contact_list", "survey")
                .filter(pk=campaign_id, status=CampaignStatus.SCHEDULED)
                .first()
            )
            if campaign is None:
                continue
            if halt := survey_closed_reason(campaign):
                campaign_halt(campaign_id=campaign_id, reason=halt, actor=SENDER)
                continue
            first_start = campaign.started_at is None
            campaign.status = CampaignStatus.SENDING
            changed = ["status", "updated_at"]
            if first_start:
                campaign.started_at = timezone.now()
                campaign.audience_count = _audience_size(campaign)
                changed += ["started_at", "audience_count"]
                CpniCampaignRecord.objects.filter(campaign=campaign).update(
                    started_at=campaign.started_at, audience_count=campaign.audience_count
                )
            campaign.save(update_fields=changed)
            audit_record(
                actor=SENDER,
                action=MarketingAudit.CAMPAIGN_STARTED,
                subject=campaign,
                detail={"audience": campaign.audience_count},
            )
        started.append(campaign_id)
    return started


def campaigns_stalled(*, now: datetime | None = None) -> list[uuid.UUID]:
    """Campaigns still "sending" whose task has not moved for STALL_MINUTES (a worker died):
    sending them again queues only the people not queued yet."""
    cutoff = (now or timezone.now()) - timedelta(minutes=STALL_MINUTES)
    return list(
        Campaign.objects.filter(status=CampaignStatus.SENDING, updated_at__lt=cutoff)
        .order_by("updated_at")
        .values_list("pk", flat=True)
    )


def _status(campaign_id: uuid.UUID) -> str | None:
    return Campaign.objects.filter(pk=campaign_id).values_list("status", flat=True).first()


def _profiling_refused(user_ids: list[int]) -> set[int]:
    """People whose offline and online records may not be combined (P17), from the guard."""
    return profiling_refused(user_ids=user_ids)


def campaign_send_run(*, campaign_id: uuid.UUID, chunk_size: int = CHUNK_SIZE) -> int:
    """Queue the campaign's audience, a chunk at a time; returns how many were queued now.

    Stops (leaving the campaign as it is) when it is no longer "sending"; marks it sent when
    every chunk is queued. Safe to run again: people already queued are skipped by comms.
    """
    campaign = (
        Campaign.objects.select_related("segment", "contact_list", "survey")
        .filter(pk=campaign_id)
        .first()
    )
    if campaign is None or campaign.status != CampaignStatus.SENDING:
        return 0
    if halt := survey_closed_reason(campaign):
        campaign_halt(campaign_id=campaign_id, reason=halt, actor=SENDER)
        return 0
    shared = campaign_context(campaign)
    if campaign.contact_list is not None:
        queued, complete = list_campaign_queue(
            campaign=campaign, shared=shared, chunk_size=chunk_size, actor=SENDER
        )
        if complete:
            _finish(campaign_id)
        return queued
    offers = OfferSlots(campaign)
    user_ids = list(_audience(campaign).values_list("pk", flat=True))
    queued = 0
    for start in range(0, len(user_ids), chunk_size):
        if _status(campaign_id) != CampaignStatus.SENDING:
            logger.info("Campaign %s stopped after %s queued.", campaign_id, queued)
            return queued
        chunk = user_ids[start : start + chunk_size]
        refused = (
            _profiling_refused(chunk)
            if campaign.segment and campaign.segment.combines_channels
            else set()
        )
        people = (
            User.objects.filter(pk__in=chunk)
            .exclude(pk__in=refused)
            .select_related("data_subject")
            .only("pk", "email", "given_name", "data_subject")
            .order_by("pk")
        )
        if offers.enabled:
            # The state of the address of record: the only input of the offer's choice.
            people = people.annotate(offer_state=F("profile__state"))
        recipients = [
            (
                person.email,
                person.data_subject,
                recipient_context(
                    shared,
                    given_name=person.given_name,
                    offer=offers.for_state(getattr(person, "offer_state", None)),
                ),
            )
            for person in people
        ]
        with transaction.atomic():
            count = messages_queue_bulk(
                category=campaign.category,
                recipients=recipients,
                template="campaign",
                dedupe_prefix=campaign.batch,
                needs_cpni_approval=campaign.is_cpni,
                actor=SENDER,
            )
            # updated_at is the send's heartbeat: a send silent for STALL_MINUTES is restarted.
            Campaign.objects.filter(pk=campaign_id).update(
                queued_count=F("queued_count") + count, updated_at=timezone.now()
            )
        queued += count
    _finish(campaign_id)
    return queued


def _finish(campaign_id: uuid.UUID) -> None:
    now = timezone.now()
    with transaction.atomic():
        finished = Campaign.objects.filter(pk=campaign_id, status=CampaignStatus.SENDING).update(
            status=CampaignStatus.SENT, finished_at=now, updated_at=now
        )
        if finished:
            CpniCampaignRecord.objects.filter(campaign_id=campaign_id).update(finished_at=now)
            audit_record(
                actor=SENDER,
                action=MarketingAudit.CAMPAIGN_SENT,
                detail={"campaign": str(campaign_id)},
            )
