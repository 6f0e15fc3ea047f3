"""Campaign delivery in chunks: one task delivers many messages, claiming and checking them a
sub-batch at a time, yet every person is still judged on their own at send time (P07, P18);
the reads per chunk do not grow with the chunk (one write per message sent: its lease, with the
previous message's "sent" mark); queueing writes one outbox row per eligible person, once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.models import BlockReason, MessageStatus, OutboxMessage
from azultel.comms.services import delivery, delivery_batch, suppression_add
from azultel.marketing import services
from azultel.marketing.models import Campaign, CampaignKind, CampaignStatus
from azultel.marketing.tests.factories import campaign_make, person_make, segment_make
from azultel.privacy.models import ConsentSource
from azultel.privacy.services import consent_record, subject_for_user

pytestmark = pytest.mark.django_db


def _withdraw(person: User, topic: str) -> None:
    consent_record(
        subject=subject_for_user(user=person),
        topic=topic,
        granted=False,
        source=ConsentSource.PROFILE,
    )


def _queue(campaign: Campaign, actor: User, captured: Any) -> list[Callable[[], object]]:
    """Schedule, start and queue the campaign; the delivery tasks are returned, not run."""
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=actor)
    services.campaigns_start_due()
    with captured(execute=False) as pending:
        services.campaign_send_run(campaign_id=campaign.pk)
    return list(pending)


def _delivered_to() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


@pytest.mark.promise("P07")
@pytest.mark.promise("P18")
def test_P07_P18_choices_changed_after_queueing_are_honoured_per_person_within_one_chunk(
    marketer: User, supervisor: User, django_capture_on_commit_callbacks: Any
) -> None:
    topics = ("special_offers", "cpni_marketing")
    stays = person_make(topics=topics, service="phone_line")
    opts_out = person_make(topics=topics, service="phone_line")
    suppressed = person_make(topics=topics, service="phone_line")
    cpni_withdrawn = person_make(topics=topics, service="phone_line")
    also_stays = person_make(topics=topics, service="phone_line")
    segment = segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer)
    campaign = campaign_make(segment=segment, actor=marketer, kind=CampaignKind.SPECIAL_OFFER)
    services.campaign_submit(campaign=campaign, actor=marketer)
    services.campaign_approve(campaign=campaign, actor=supervisor)
    tasks = _queue(campaign, marketer, django_capture_on_commit_callbacks)
    assert len(tasks) == 1  # all five in one delivery chunk
    assert OutboxMessage.objects.filter(batch=campaign.batch).count() == 5

    _withdraw(opts_out, "special_offers")
    suppression_add(email=suppressed.email, reason="unsubscribed", actor=None)
    _withdraw(cpni_withdrawn, "cpni_marketing")
    tasks[0]()

    assert _delivered_to() == {stays.email, also_stays.email}
    rows = dict(
        OutboxMessage.objects.filter(batch=campaign.batch).values_list("to_address", "block_reason")
    )
    assert rows == {
        stays.email: "",
        also_stays.email: "",
        opts_out.email: BlockReason.NO_CONSENT,
        suppressed.email: BlockReason.SUPPRESSED_ADDRESS,
        cpni_withdrawn.email: BlockReason.NO_CPNI_APPROVAL,
    }


@pytest.mark.promise("P18")
def test_P18_a_choice_changed_while_a_chunk_is_being_sent_stops_that_persons_message(
    marketer: User, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [person_make(topics=("newsletter",)) for _ in range(4)]
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    tasks = _queue(campaign, marketer, django_capture_on_commit_callbacks)
    monkeypatch.setattr(delivery_batch, "SUB_BATCH", 2)
    real_send = delivery._send_claimed

    withdrawn: list[str] = []

    def send_then_the_next_sub_batch_opts_out(message: Any, backend: Any, **kw: Any) -> Any:
        outcome = real_send(message, backend, **kw)
        if not withdrawn:
            # Mid-chunk: everyone whose message is not sent yet says no.
            waiting = OutboxMessage.objects.filter(
                batch=campaign.batch, status=MessageStatus.QUEUED
            ).values_list("to_address", flat=True)
            withdrawn.extend(waiting)
            for person in people:
                if person.email in withdrawn:
                    _withdraw(person, "newsletter")
        return outcome

    monkeypatch.setattr(delivery, "_send_claimed", send_then_the_next_sub_batch_opts_out)
    tasks[0]()

    # Three said no after the first message went: the second of its sub-batch had been checked
    # already and went; the next sub-batch was checked after the change and stopped both.
    assert len(withdrawn) == 3
    assert len(mail.outbox) == 2
    stopped = OutboxMessage.objects.filter(batch=campaign.batch, status=MessageStatus.SUPPRESSED)
    assert {m.block_reason for m in stopped} == {BlockReason.NO_CONSENT}
    assert {m.to_address for m in stopped} < set(withdrawn)
    assert len(stopped) == 2
    assert _delivered_to().isdisjoint(m.to_address for m in stopped)


def _delivery_queries(size: int, state: str, marketer: User, captured: Any) -> tuple[int, int, int]:
    mail.outbox.clear()
    people = [person_make(topics=("newsletter",), state=state) for _ in range(size)]
    refused = people[0]
    segment = segment_make(rules={"state": [state]}, actor=marketer)
    campaign = campaign_make(segment=segment, actor=marketer)
    tasks = _queue(campaign, marketer, captured)
    _withdraw(refused, "newsletter")
    with CaptureQueriesContext(connection) as queries:
        tasks[0]()
    reads = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    sent = OutboxMessage.objects.filter(batch=campaign.batch, status=MessageStatus.SENT).count()
    assert sent == size - 1 == len(mail.outbox)
    return len(reads), len(queries.captured_queries) - sent, sent


def test_the_queries_per_chunk_do_not_grow_with_the_chunk(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    """Reads are a fixed number per sub-batch; writes are one UPDATE for those stopped and one
    per message sent: its lease just before it is sent, in the same statement as the "sent"
    mark of the one before (so a crash resends at most the message in flight)."""
    small = _delivery_queries(4, "GA", marketer, django_capture_on_commit_callbacks)
    large = _delivery_queries(30, "TX", marketer, django_capture_on_commit_callbacks)

    assert small[0] == large[0] <= 4  # the rows, the suppression list, the consent ledger
    assert small[1] == large[1]  # everything but one statement per message
    assert (small[2], large[2]) == (3, 29)


def test_queueing_writes_one_row_per_eligible_person_and_running_it_again_adds_none(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    eligible = [person_make(topics=("newsletter",), given_name=n) for n in ("Ana", "", "O'Neil")]
    person_make(topics=(), refused=("newsletter",))
    person_make(topics=("newsletter",), state="GA")
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)
    _queue(campaign, marketer, django_capture_on_commit_callbacks)
    # A worker that died after queueing: the send job runs again from the start.
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SENDING)
    with django_capture_on_commit_callbacks(execute=False) as again:
        queued_again = services.campaign_send_run(campaign_id=campaign.pk)

    assert queued_again == 0 and list(again) == []
    rows = OutboxMessage.objects.filter(batch=campaign.batch)
    assert sorted(rows.values_list("to_address", flat=True)) == sorted(p.email for p in eligible)
    greetings = {r.to_address: r.body_text.split("\n", 1)[0] for r in rows}
    assert greetings == {
        eligible[0].email: "Hello Ana,",
        eligible[1].email: "Hello,",
        eligible[2].email: "Hello O'Neil,",
    }
