"""Campaigns to a partner's contact list (``lists``): the audience is a segment or a list,
exactly one; a list is never CPNI; at send time only people whose evidence covers the campaign's
kind and whose ledger still says yes are queued, and delivery checks the suppression list and
the ledger again, as for a segment (P07, P18)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.models import BlockReason, MessageStatus, OutboxMessage
from azultel.comms.services import suppression_add
from azultel.core.actors import system_actor
from azultel.lists.models import ContactList
from azultel.lists.services import contact_list_import
from azultel.lists.tests.factories import contact_row, csv_file
from azultel.marketing import services, tasks
from azultel.marketing.models import Campaign, CampaignKind, CampaignStatus
from azultel.marketing.selectors import list_audience
from azultel.marketing.services import CampaignRejected
from azultel.marketing.tests.conftest import signed_in
from azultel.marketing.tests.factories import SITE, segment_make
from azultel.privacy.models import ConsentSource
from azultel.privacy.services import consent_record, subject_for_email

pytestmark = pytest.mark.django_db
Rows = Callable[[], dict[str, int]]


def _list(rows: list[tuple[str, ...]], name: str = "Fair sign-ups") -> ContactList:
    result = contact_list_import(
        name=name,
        source="Hill Country Makers Association",
        csv_bytes=csv_file(rows),
        actor=system_actor("test"),
    )
    assert result.contact_list is not None, result.problems
    return result.contact_list


def _list_campaign(
    contact_list: ContactList, actor: User, kind: str = CampaignKind.NEWSLETTER
) -> Campaign:
    return services.campaign_create(
        content=services.CampaignContent(
            name="Fair follow-up",
            kind=kind,
            segment=None,
            contact_list=contact_list,
            subject_line="Thanks for visiting",
            body=f"Good to meet you.\n\nOur plans: {SITE}/shop/",
        ),
        actor=actor,
    )


def _send(captured: Any, campaign: Campaign, actor: User) -> None:
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=actor)
    with captured(execute=True):
        tasks.campaigns_start()


def _delivered_to() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


@pytest.mark.promise("P07")
@pytest.mark.promise("P18")
def test_a_list_campaign_reaches_only_evidence_that_covers_it_and_a_ledger_still_saying_yes(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    contact_list = _list(
        [
            contact_row("yes@example.com", given_name="Jordan", topics="newsletter"),
            contact_row("offers.only@example.com", topics="special_offers"),
            contact_row("changed.mind@example.com", topics="newsletter"),
            contact_row("bounced.later@example.com", topics="newsletter"),
        ]
    )
    campaign = _list_campaign(contact_list, marketer)
    consent_record(
        subject=subject_for_email(email="changed.mind@example.com"),
        topic="newsletter",
        granted=False,
        source=ConsentSource.UNSUBSCRIBE_LINK,
    )
    suppression_add(email="bounced.later@example.com", reason="hard_bounce", actor=None)

    _send(django_capture_on_commit_callbacks, campaign, marketer)

    assert _delivered_to() == {"yes@example.com"}
    campaign.refresh_from_db()
    assert (campaign.status, campaign.audience_count) == (CampaignStatus.SENT, 2)
    # The suppressed address said yes in the ledger, so it was queued and stopped at delivery.
    blocked = OutboxMessage.objects.get(to_address="bounced.later@example.com")
    assert (blocked.status, blocked.block_reason) == (
        MessageStatus.SUPPRESSED,
        BlockReason.SUPPRESSED_ADDRESS,
    )
    assert not OutboxMessage.objects.filter(
        to_address__in=["offers.only@example.com", "changed.mind@example.com"]
    ).exists()
    assert "Hello Jordan," in mail.outbox[0].body


@pytest.mark.promise("P18")
def test_a_withdrawal_after_queueing_is_checked_again_at_delivery(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    contact_list = _list([contact_row("late@example.com"), contact_row("stays@example.com")])
    campaign = _list_campaign(contact_list, marketer)
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=marketer)
    services.campaigns_start_due()
    # Queued, but the delivery tasks have not run yet (no commit callbacks executed).
    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.campaign_send_run(campaign_id=campaign.pk)
    assert OutboxMessage.objects.filter(batch=campaign.batch).count() == 2
    consent_record(
        subject=subject_for_email(email="late@example.com"),
        topic="newsletter",
        granted=False,
        source=ConsentSource.UNSUBSCRIBE_LINK,
    )
    for callback in pending:
        callback()

    assert _delivered_to() == {"stays@example.com"}
    late = OutboxMessage.objects.get(to_address="late@example.com")
    assert late.block_reason == BlockReason.NO_CONSENT


def test_a_list_send_run_again_queues_nobody_twice(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    contact_list = _list([contact_row(f"p{n}@example.com") for n in range(5)])
    campaign = _list_campaign(contact_list, marketer)
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=marketer)
    services.campaigns_start_due()
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SENDING)

    first = services.campaign_send_run(campaign_id=campaign.pk, chunk_size=2)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SENDING)
    again = services.campaign_send_run(campaign_id=campaign.pk, chunk_size=2)

    assert (first, again) == (5, 0)
    assert OutboxMessage.objects.filter(batch=campaign.batch).count() == 5


def test_the_list_audience_is_read_in_a_fixed_number_of_queries() -> None:
    small = _list([contact_row(f"s{n}@example.com") for n in range(3)], name="Small")
    large = _list([contact_row(f"l{n}@example.com") for n in range(60)], name="Large")

    with CaptureQueriesContext(connection) as few:
        assert len(list_audience(contact_list=small, category="newsletter")) == 3
    with CaptureQueriesContext(connection) as many:
        assert len(list_audience(contact_list=large, category="newsletter")) == 60

    assert len(many.captured_queries) == len(few.captured_queries) <= 3


@pytest.mark.promise("P30")
def test_a_list_campaign_is_never_cpni_and_needs_no_approval(marketer: User) -> None:
    campaign = _list_campaign(_list([contact_row("a@example.com")]), marketer)

    assert campaign.is_cpni is False
    with pytest.raises(CampaignRejected, match="Only a campaign to a CPNI segment"):
        services.campaign_submit(campaign=campaign, actor=marketer)
    scheduled = services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=marketer)
    assert scheduled.status == CampaignStatus.SCHEDULED


def test_the_audience_is_a_segment_or_a_list_never_both_nor_neither(
    marketer: User, marketing_rows: Rows
) -> None:
    contact_list = _list([contact_row("a@example.com")])
    segment = segment_make(actor=marketer)
    before = marketing_rows()
    for chosen_segment, chosen_list, message in (
        (segment, contact_list, "not both"),
        (None, None, "a segment or a contact list"),
    ):
        with pytest.raises(CampaignRejected, match=message):
            services.campaign_create(
                content=services.CampaignContent(
                    name="Both",
                    kind=CampaignKind.NEWSLETTER,
                    segment=chosen_segment,
                    contact_list=chosen_list,
                    subject_line="Hi",
                    body="Hello.",
                ),
                actor=marketer,
            )
    assert marketing_rows() == before


def test_the_database_refuses_a_campaign_with_two_audiences_or_none(marketer: User) -> None:
    campaign = _list_campaign(_list([contact_row("a@example.com")]), marketer)
    segment = segment_make(actor=marketer)

    for change in ({"segment": segment}, {"contact_list": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Campaign.objects.filter(pk=campaign.pk).update(**change)


def test_the_campaign_form_offers_both_audiences_and_says_which_to_choose(
    marketer: User, marketing_rows: Rows
) -> None:
    contact_list = _list([contact_row("a@example.com"), contact_row("b@example.com")])
    segment = segment_make("Florida", actor=marketer)
    client = signed_in(marketer)

    page = client.get("/staff/marketing/campaigns/new/").content.decode()
    assert "<legend>Who receives it (choose one)</legend>" in page
    assert "A segment of customers" in page and "Or a contact list from a partner" in page
    assert f"{contact_list.name} (from Hill Country Makers Association, 2 people)" in page

    base = {
        "name": "Fair follow-up",
        "kind": "newsletter",
        "subject_line": "Hi",
        "body": "Hello.",
        "survey": "",
    }
    before = marketing_rows()
    both = client.post(
        "/staff/marketing/campaigns/new/",
        {**base, "segment": segment.pk, "contact_list": contact_list.pk},
    )
    neither = client.post("/staff/marketing/campaigns/new/", base)
    assert both.status_code == neither.status_code == 400
    assert "Choose a segment or a contact list, not both." in both.content.decode()
    assert "Choose who the campaign is for: a segment or a contact list." in (
        neither.content.decode()
    )
    assert marketing_rows() == before

    saved = client.post(
        "/staff/marketing/campaigns/new/", {**base, "contact_list": contact_list.pk}
    )
    assert saved.status_code == 302
    campaign = Campaign.objects.get(name="Fair follow-up")
    assert (campaign.segment, campaign.contact_list) == (None, contact_list)
    detail = client.get(saved["Location"]).content.decode()
    assert f"Contact list: {contact_list.name}" in detail
