"""A campaign's life before sending: draft, CPNI approval by a second person, schedule, pause,
resume, cancel, and the test send to the staff member's own address.

47 CFR 64.2009(d): a campaign whose segment uses CPNI is scheduled only after a person holding
the marketing supervisor's permission, other than its author, approved it; the approval writes
the campaign's CPNI record (64.2009(c)) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.models import MessageCategory
from azultel.comms.services import SUBJECT_MAX_LENGTH, message_send
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.lists.models import ContactList
from azultel.marketing.audit import MarketingAudit
from azultel.marketing.body import BodyRejected, body_clean, body_links, site_url
from azultel.marketing.models import (
    EDITABLE,
    Campaign,
    CampaignKind,
    CampaignLink,
    CampaignStatus,
    CpniCampaignRecord,
    Segment,
)
from azultel.marketing.rendering import campaign_test_context
from azultel.marketing.rules import cpni_fields_used
from azultel.marketing.services.errors import CampaignRejected
from azultel.surveys.models import Survey
from azultel.surveys.selectors import survey_open_for_invitation_get

APPROVE_PERMISSION = "marketing.approve_cpni_campaign"


@dataclass(frozen=True)
class CampaignContent:
    """What staff write; checked by ``content_clean`` before anything is saved."""

    name: str
    kind: str
    segment: Segment | None
    subject_line: str
    body: str
    offered: str = ""
    description: str = ""
    contact_list: ContactList | None = None
    survey: Survey | None = None
    include_offer: bool = False


def _audience_clean(content: CampaignContent) -> None:
    if content.segment is None and content.contact_list is None:
        raise CampaignRejected(
            "Choose who the campaign is for: a segment or a contact list.", field="segment"
        )
    if content.segment is not None and content.contact_list is not None:
        raise CampaignRejected(
            "Choose a segment or a contact list, not both.", field="contact_list"
        )


def _survey_clean(content: CampaignContent) -> Survey | None:
    """The survey a survey invitation links to, which must be taking answers now."""
    if content.kind != CampaignKind.SURVEY_INVITATION:
        return None
    if content.survey is None:
        raise CampaignRejected("Choose the survey this invitation is for.", field="survey")
    survey = survey_open_for_invitation_get(survey_id=content.survey.pk)
    if survey is None:
        raise CampaignRejected(
            "That survey is not taking answers (closed or not published): choose an open one.",
            field="survey",
        )
    return survey


def content_clean(content: CampaignContent) -> CampaignContent:
    """The content, checked; ``CampaignRejected`` names the field at fault."""
    name = content.name.strip()
    if not name or len(name) > 120:
        raise CampaignRejected("Give the campaign a name of at most 120 characters.", field="name")
    if content.kind not in CampaignKind.values:
        raise CampaignRejected("Choose what kind of campaign this is.", field="kind")
    subject = " ".join(content.subject_line.split())
    if not subject:
        raise CampaignRejected("Write the subject line.", field="subject_line")
    if len(subject) > min(200, SUBJECT_MAX_LENGTH) or "<" in subject:
        raise CampaignRejected(
            "The subject line is plain text of at most 200 characters.", field="subject_line"
        )
    try:
        body = body_clean(content.body)
    except BodyRejected as exc:
        raise CampaignRejected(str(exc), field="body") from exc
    _audience_clean(content)
    survey = _survey_clean(content)
    offered = content.offered.strip()
    if content.segment is not None and content.segment.is_cpni and not offered:
        raise CampaignRejected(
            "This segment uses telephone-customer information: say which products and services "
            "are offered (it goes into the CPNI campaign record).",
            field="offered",
        )
    return CampaignContent(
        name=name,
        kind=content.kind,
        segment=content.segment,
        subject_line=subject,
        body=body,
        offered=offered[:500],
        description=content.description.strip()[:1000],
        contact_list=content.contact_list,
        survey=survey,
        include_offer=content.include_offer,
    )


def _survey_url(content: CampaignContent) -> str:
    return site_url() + content.survey.get_absolute_url() if content.survey is not None else ""


def _links_write(campaign: Campaign) -> None:
    campaign.links.all().delete()
    CampaignLink.objects.bulk_create(
        CampaignLink(campaign=campaign, position=n, url=url)
        for n, url in enumerate(body_links(campaign.body))
    )


def _author(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def campaign_create(*, content: CampaignContent, actor: Actor) -> Campaign:
    """A draft; ``CampaignRejected`` (nothing saved) for oversized or script-laden text."""
    content = content_clean(content)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=content.name,
            kind=content.kind,
            segment=content.segment,
            contact_list=content.contact_list,
            subject_line=content.subject_line,
            body=content.body,
            survey=content.survey,
            survey_url=_survey_url(content),
            offered=content.offered,
            description=content.description,
            include_offer=content.include_offer,
            created_by=_author(actor),
        )
        _links_write(campaign)
        audit_record(
            actor=actor,
            action=MarketingAudit.CAMPAIGN_CREATED,
            subject=campaign,
            detail={"kind": campaign.kind, "cpni": campaign.is_cpni},
        )
    return campaign


def _locked(campaign: Campaign) -> Campaign:
    return (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("segment", "contact_list", "survey")
        .get(pk=campaign.pk)
    )


def campaign_update(*, campaign: Campaign, content: CampaignContent, actor: Actor) -> Campaign:
    """Change a draft (only a draft: an approval covers exactly what was approved)."""
    content = content_clean(content)
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status not in EDITABLE:
            raise CampaignRejected("Only a draft can be changed.")
        for name in (
            "name",
            "kind",
            "segment",
            "contact_list",
            "subject_line",
            "body",
            "survey",
            "offered",
            "description",
            "include_offer",
        ):
            setattr(locked, name, getattr(content, name))
        locked.survey_url = _survey_url(content)
        locked.save()
        _links_write(locked)
        audit_record(actor=actor, action=MarketingAudit.CAMPAIGN_CHANGED, subject=locked)
    return locked


def _transition(
    campaign: Campaign,
    *,
    allowed: Collection[str],
    to: str,
    action: MarketingAudit,
    actor: Actor,
    refusal: str,
    **changes: object,
) -> Campaign:
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status not in allowed:
            raise CampaignRejected(refusal)
        locked.status = to
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", *changes, "updated_at"])
        audit_record(actor=actor, action=action, subject=locked, detail={"status": to})
    return locked


def campaign_submit(*, campaign: Campaign, actor: Actor) -> Campaign:
    """Ask a marketing supervisor to approve a CPNI campaign."""
    if not campaign.is_cpni:
        raise CampaignRejected("Only a campaign to a CPNI segment needs approval.")
    return _transition(
        campaign,
        allowed={CampaignStatus.DRAFT},
        to=CampaignStatus.AWAITING_APPROVAL,
        action=MarketingAudit.CAMPAIGN_SUBMITTED,
        actor=actor,
        refusal="Only a draft can be sent for approval.",
    )


def campaign_approve(*, campaign: Campaign, actor: Actor) -> Campaign:
    """A supervisor's approval (64.2009(d)): a second person, never the author; writes the
    campaign's CPNI record (64.2009(c))."""
    if not isinstance(actor, User) or not actor.has_perm(APPROVE_PERMISSION):
        raise CampaignRejected("Only a marketing supervisor may approve a CPNI campaign.")
    if campaign.created_by_id is None or campaign.created_by_id == actor.pk:
        raise CampaignRejected(
            "A CPNI campaign must be approved by a second person, not by its author."
        )
    now = timezone.now()
    with transaction.atomic():
        approved = _transition(
            campaign,
            allowed={CampaignStatus.AWAITING_APPROVAL},
            to=CampaignStatus.APPROVED,
            action=MarketingAudit.CAMPAIGN_APPROVED,
            actor=actor,
            refusal="Only a campaign awaiting approval can be approved.",
            approved_by=actor,
            approved_at=now,
        )
        CpniCampaignRecord.objects.create(
            campaign=approved,
            description=approved.description or approved.name,
            cpni_used=cpni_fields_used(approved.segment.rules if approved.segment else {}),
            offered=approved.offered,
            approver=actor,
            approver_name=actor.get_full_name() or actor.email,
            approved_at=now,
        )
    return approved


def campaign_send_back(*, campaign: Campaign, actor: Actor) -> Campaign:
    """A supervisor returns a campaign awaiting approval to its draft."""
    if not isinstance(actor, User) or not actor.has_perm(APPROVE_PERMISSION):
        raise CampaignRejected("Only a marketing supervisor may send a campaign back.")
    return _transition(
        campaign,
        allowed={CampaignStatus.AWAITING_APPROVAL},
        to=CampaignStatus.DRAFT,
        action=MarketingAudit.CAMPAIGN_CHANGED,
        actor=actor,
        refusal="Only a campaign awaiting approval can be sent back.",
    )


def campaign_schedule(*, campaign: Campaign, when: datetime, actor: Actor) -> Campaign:
    """Schedule a draft (or an approved CPNI campaign); a CPNI campaign without a second
    person's approval is refused and nothing changes."""
    now = timezone.now()
    if when < now - timedelta(minutes=5):
        raise CampaignRejected("Choose a time from now on.", field="when")
    fresh = Campaign.objects.select_related("segment", "contact_list").get(pk=campaign.pk)
    if fresh.is_cpni:
        if fresh.status != CampaignStatus.APPROVED or fresh.approved_by_id is None:
            raise CampaignRejected(
                "This campaign uses telephone-customer information (CPNI): a marketing "
                "supervisor other than its author must approve it before it can be scheduled."
            )
        allowed: set[str] = {CampaignStatus.APPROVED}
    else:
        allowed = {CampaignStatus.DRAFT}
    return _transition(
        fresh,
        allowed=allowed,
        to=CampaignStatus.SCHEDULED,
        action=MarketingAudit.CAMPAIGN_SCHEDULED,
        actor=actor,
        refusal="This campaign cannot be scheduled now.",
        scheduled_for=max(when, now),
    )


def campaign_pause(*, campaign: Campaign, actor: Actor) -> Campaign:
    """Stop a scheduled or sending campaign before its next chunk."""
    return _transition(
        campaign,
        allowed={CampaignStatus.SCHEDULED, CampaignStatus.SENDING},
        to=CampaignStatus.PAUSED,
        action=MarketingAudit.CAMPAIGN_PAUSED,
        actor=actor,
        refusal="Only a scheduled or sending campaign can be paused.",
    )


def campaign_resume(*, campaign: Campaign, actor: Actor) -> Campaign:
    """A paused campaign goes back to its schedule; one that had started is picked up by the
    next run of the periodic job (people already queued are not queued again)."""
    return _transition(
        campaign,
        allowed={CampaignStatus.PAUSED},
        to=CampaignStatus.SCHEDULED,
        action=MarketingAudit.CAMPAIGN_RESUMED,
        actor=actor,
        refusal="Only a paused campaign can be resumed.",
        halt_reason="",
    )


def campaign_cancel(*, campaign: Campaign, actor: Actor) -> Campaign:
    """Cancel for good; messages already queued still pass every check at delivery."""
    return _transition(
        campaign,
        allowed={
            CampaignStatus.DRAFT,
            CampaignStatus.AWAITING_APPROVAL,
            CampaignStatus.APPROVED,
            CampaignStatus.SCHEDULED,
            CampaignStatus.SENDING,
            CampaignStatus.PAUSED,
        },
        to=CampaignStatus.CANCELLED,
        action=MarketingAudit.CAMPAIGN_CANCELLED,
        actor=actor,
        refusal="This campaign has already ended.",
        finished_at=timezone.now(),
    )


def campaign_test_send(*, campaign: Campaign, actor: User) -> None:
    """One copy to the staff member's own address, queued through comms as information they
    asked for (always sent, not a solicitation, so their own choices do not stop it); its
    links go straight to the site and it has no beacon, so nothing is counted."""
    with transaction.atomic():
        message_send(
            category=MessageCategory.REQUESTED_INFO,
            to=actor.email,
            template="campaign_test",
            context=campaign_test_context(campaign=campaign, given_name=actor.given_name),
            batch=f"campaign-test:{campaign.pk}",
            actor=actor,
        )
        audit_record(actor=actor, action=MarketingAudit.CAMPAIGN_TEST_SENT, subject=campaign)
