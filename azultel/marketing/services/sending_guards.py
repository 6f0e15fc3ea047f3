"""Checks the send job makes before it queues anyone: a survey invitation whose survey stopped
taking answers since it was scheduled is not sent; the campaign is paused with the reason on its
page (staff reopen the survey and resume, or cancel)."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.marketing.audit import MarketingAudit
from azultel.marketing.models import Campaign, CampaignStatus
from azultel.surveys.selectors import Availability, survey_availability


def survey_closed_reason(campaign: Campaign) -> str:
    """Why the campaign must not be sent now ("" when nothing stops it)."""
    survey = campaign.survey
    if survey is None or survey_availability(survey) == Availability.OPEN:
        return ""
    return (
        f"Not sent: the survey “{survey.title}” is not taking answers any more. "
        "Reopen the survey and resume the campaign, or cancel it."
    )


def campaign_halt(*, campaign_id: uuid.UUID, reason: str, actor: Actor) -> bool:
    """Pause a scheduled or sending campaign with ``reason`` shown on its page; False when it
    was neither (someone paused or cancelled it meanwhile)."""
    with transaction.atomic():
        halted = Campaign.objects.filter(
            pk=campaign_id, status__in=[CampaignStatus.SCHEDULED, CampaignStatus.SENDING]
        ).update(status=CampaignStatus.PAUSED, halt_reason=reason[:300], updated_at=timezone.now())
        if halted:
            audit_record(
                actor=actor,
                action=MarketingAudit.CAMPAIGN_HALTED,
                detail={"campaign": str(campaign_id), "reason": reason[:300]},
            )
    return bool(halted)
