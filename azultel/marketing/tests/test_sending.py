"""Sending: the periodic job starts due campaigns; the task resolves the audience at send time and
queues it through comms in chunks. Nobody who opted out, is suppressed or lacks CPNI approval
receives a message, including when the choice changed between scheduling and sending; a pause
stops it before the next chunk; a run repeated after a crash queues nobody twice."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.models import BlockReason, MessageStatus, OutboxMessage
from azultel.comms.services import suppression_add
from azultel.marketing import services, tasks
from azultel.marketing.models import Campaign, CampaignKind, CampaignStatus, CpniCampaignRecord
from azultel.marketing.services import sending
from azultel.marketing.tests.factories import campaign_make, person_make, segment_make
from azultel.privacy.models import ConsentSource
from azultel.privacy.services import consent_record, subject_for_user

pytestmark = pytest.mark.django_db


def _schedule(campaign: Campaign, actor: User) -> None:
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=actor)


def _send(captured: Any) -> None:
    """The periodic job, with its send task and comms delivery run in process."""
    with captured(execute=True):
        tasks.campaigns_start()


def _delivered_to() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


@pytest.mark.promise("P18")
@pytest.mark.promise("B4")
def test_only_people_who_said_yes_and_are_not_suppressed_receive_it(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    yes = person_make(topics=("newsletter",))
    refused = person_make(topics=(), refused=("newsletter",))
    never_asked = person_make(topics=())
    suppressed = person_make(topics=("newsletter",))
    suppression_add(email=suppressed.email, reason="complaint", actor=None)
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _schedule(campaign, marketer)

    _send(django_capture_on_commit_callbacks)

    assert _delivered_to() == {yes.email}
    assert refused.email not in _delivered_to() and never_asked.email not in _delivered_to()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    # The person on the suppression list was queued (they said yes) and stopped at delivery.
    blocked = OutboxMessage.objects.get(to_address=suppressed.email)
    assert (blocked.status, blocked.block_reason) == (
        MessageStatus.SUPPRESSED,
        BlockReason.SUPPRESSED_ADDRESS,
    )


@pytest.mark.promise("P07")
@pytest.mark.promise("P18")
def test_a_choice_changed_between_scheduling_and_sending_is_honoured(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    stays = person_make(topics=("newsletter",))
    leaves = person_make(topics=("newsletter",))
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _schedule(campaign, marketer)

    consent_record(
        subject=subject_for_user(user=leaves),
        topic="newsletter",
        granted=False,
        source=ConsentSource.PROFILE,
    )
    _send(django_capture_on_commit_callbacks)

    assert _delivered_to() == {stays.email}


@pytest.mark.promise("P18")
def test_a_choice_changed_after_queueing_is_checked_again_at_delivery(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    leaves = person_make(topics=("newsletter",))
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _schedule(campaign, marketer)
    services.campaigns_start_due()
    # Queued, but the delivery tasks have not run yet (no commit callbacks executed).
    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.campaign_send_run(campaign_id=campaign.pk)
    consent_record(
        subject=subject_for_user(user=leaves),
        topic="newsletter",
        granted=False,
        source=ConsentSource.PROFILE,
    )
    for callback in pending:
        callback()

    assert mail.outbox == []
    message = OutboxMessage.objects.get(to_address=leaves.email)
    assert message.block_reason == BlockReason.NO_CONSENT


@pytest.mark.promise("P07")
def test_a_cpni_campaign_reaches_only_customers_with_cpni_approval(
    marketer: User, supervisor: User, django_capture_on_commit_callbacks: Any
) -> None:
    approved = person_make(topics=("special_offers", "cpni_marketing"), service="phone_line")
    no_cpni = person_make(topics=("special_offers",), service="phone_line")
    withdrawn = person_make(topics=("special_offers", "cpni_marketing"), service="phone_line")
    segment = segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer)
    campaign = campaign_make(segment=segment, actor=marketer, kind=CampaignKind.SPECIAL_OFFER)
    services.campaign_submit(campaign=campaign, actor=marketer)
    services.campaign_approve(campaign=campaign, actor=supervisor)
    _schedule(campaign, marketer)
    consent_record(
        subject=subject_for_user(user=withdrawn),
        topic="cpni_marketing",
        granted=False,
        source=ConsentSource.PROFILE,
    )

    _send(django_capture_on_commit_callbacks)

    assert _delivered_to() == {approved.email}
    assert no_cpni.email not in _delivered_to()
    assert OutboxMessage.objects.get(to_address=approved.email).needs_cpni_approval is True
    record = CpniCampaignRecord.objects.get(campaign=campaign)
    assert record.audience_count == 1
    assert record.started_at is not None and record.finished_at is not None


@pytest.mark.promise("P17")
def test_offline_and_online_data_are_joined_only_with_the_profiling_consent(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    topics = ("newsletter", "cpni_marketing")
    online = person_make(topics=topics, service="phone_line")
    offline_no = person_make(topics=topics, service="phone_line", offline=True)
    offline_yes = person_make(
        topics=(*topics, "profiling_combination"), service="phone_line", offline=True
    )
    segment = segment_make(
        "Florida phones", {"state": ["FL"], "services_held": ["phone_line"]}, actor=marketer
    )
    assert segment.combines_channels
    # The profiling guard itself refuses the person with both channels and no consent.
    assert sending._profiling_refused([online.pk, offline_no.pk, offline_yes.pk]) == {offline_no.pk}
    campaign = campaign_make(segment=segment, actor=marketer)
    services.campaign_submit(campaign=campaign, actor=marketer)
    from azultel.accounts.testing import staff_create

    services.campaign_approve(campaign=campaign, actor=staff_create(role="marketing_supervisor"))
    _schedule(campaign, marketer)

    _send(django_capture_on_commit_callbacks)

    assert _delivered_to() == {online.email, offline_yes.email}


def test_pause_stops_before_the_next_chunk_and_resume_finishes_without_duplicates(
    marketer: User, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    people = [person_make() for _ in range(5)]
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _schedule(campaign, marketer)
    services.campaigns_start_due()

    real_status = sending._status
    calls = {"n": 0}

    def pause_after_two_chunks(campaign_id: Any) -> str | None:
        calls["n"] += 1
        if calls["n"] == 3:
            Campaign.objects.filter(pk=campaign_id).update(status=CampaignStatus.PAUSED)
        return real_status(campaign_id)

    monkeypatch.setattr(sending, "_status", pause_after_two_chunks)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.campaign_send_run(campaign_id=campaign.pk, chunk_size=2)
    assert first == 4
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.PAUSED

    monkeypatch.setattr(sending, "_status", real_status)
    services.campaign_resume(campaign=campaign, actor=marketer)
    Campaign.objects.filter(pk=campaign.pk).update(scheduled_for=timezone.now())
    _send(django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert OutboxMessage.objects.filter(batch=campaign.batch).count() == 5
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.SENT


def test_a_send_run_again_after_a_crash_queues_nobody_twice(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    people = [person_make() for _ in range(3)]
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _schedule(campaign, marketer)
    services.campaigns_start_due()
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_send_run(campaign_id=campaign.pk, chunk_size=2)
    # As if the worker died before marking it sent: still "sending", and silent for a while.
    Campaign.objects.filter(pk=campaign.pk).update(
        status=CampaignStatus.SENDING, updated_at=timezone.now() - timedelta(hours=1)
    )
    late = person_make()

    _send(django_capture_on_commit_callbacks)

    emails = [m.to[0] for m in mail.outbox]
    assert sorted(emails) == sorted([p.email for p in people] + [late.email])
    assert len(emails) == len(set(emails))
    assert all(len(m.dedupe_key or "") <= 200 for m in OutboxMessage.objects.all())


def test_the_email_greets_by_given_name_only_and_carries_the_unsubscribe_and_beacon(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    person = person_make(given_name="Rosa")
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _schedule(campaign, marketer)

    _send(django_capture_on_commit_callbacks)

    message = OutboxMessage.objects.get(to_address=person.email)
    assert message.body_text.startswith("Hello Rosa,")
    assert person.family_name not in message.body_text
    link = campaign.links.get()
    assert f"https://www.azultel.example/m/c/{link.pk}/" in message.body_text
    assert f"https://www.azultel.example/m/o/{campaign.pk}.gif" in message.body_html
    assert "/email/unsubscribe/" in message.body_text
    sent = mail.outbox[0]
    assert sent.extra_headers.get("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click" or (
        "List-Unsubscribe-Post" in sent.message()
    )
    # Every counted address names the campaign or one of its links, and nothing else.
    counted = set(
        re.findall(
            r"https://www\.azultel\.example/m/[^\s\"'<>]+", message.body_html + message.body_text
        )
    )
    assert counted == {
        f"https://www.azultel.example/m/c/{link.pk}/",
        f"https://www.azultel.example/m/o/{campaign.pk}.gif",
    }
    assert person.public_id.hex not in message.body_html


@pytest.mark.promise("P21")
def test_an_unsubscribe_from_a_campaign_email_is_counted_for_that_campaign(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    from azultel.comms.selectors import batch_unsubscribe_count
    from azultel.comms.services import unsubscribe_apply

    person = person_make()
    person_make()
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _schedule(campaign, marketer)
    _send(django_capture_on_commit_callbacks)
    campaign.refresh_from_db()

    unsubscribe_apply(
        message=OutboxMessage.objects.get(to_address=person.email), scope="this", actor=None
    )

    assert batch_unsubscribe_count(batch=campaign.batch, since=campaign.started_at) == 1
    assert batch_unsubscribe_count(batch="campaign:other", since=None) == 0
