"""Bulk sends carry their batch and, for an audience chosen from telephone-service information,
the CPNI mark that delivery checks; ``batch_tally`` counts what became of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from azultel.comms.models import BlockReason, MessageCategory, MessageStatus, OutboxMessage
from azultel.comms.selectors import batch_tally
from azultel.comms.services import MessageRejected, message_send, messages_queue_bulk
from azultel.comms.tests.conftest import NOTICE
from azultel.privacy.models import ConsentSource, ConsentTopic, DataSubject
from azultel.privacy.services import consent_record

NEWS = {"title": "Azultel news for December", "paragraphs": ["Faster fiber in Austin."]}


def _grant(subject: DataSubject, topic: str, granted: bool) -> None:
    consent_record(subject=subject, topic=topic, granted=granted, source=ConsentSource.PROFILE)


@pytest.mark.promise("P07")
@pytest.mark.promise("P30")
@pytest.mark.django_db
def test_a_cpni_marked_newsletter_reaches_only_people_whose_cpni_approval_is_on(
    subscriber: DataSubject, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a subscriber to the newsletter who has not approved CPNI use
    _grant(subscriber, ConsentTopic.CPNI_MARKETING, False)
    recipients: list[tuple[str, DataSubject | None, dict[str, object]]] = [
        ("lucia.mendez@example.com", subscriber, dict(NEWS))
    ]

    # When a newsletter chosen from telephone-service information is sent to them
    with django_capture_on_commit_callbacks(execute=True):
        messages_queue_bulk(
            category=MessageCategory.NEWSLETTER,
            recipients=recipients,
            template="notice",
            dedupe_prefix="campaign:cpni-1",
            needs_cpni_approval=True,
        )

    # Then nothing is sent, and the reason is recorded
    message = OutboxMessage.objects.get()
    assert (message.status, message.block_reason) == (
        MessageStatus.SUPPRESSED,
        BlockReason.NO_CPNI_APPROVAL,
    )
    assert mail.outbox == []

    # And once the approval is on, the next campaign of the same kind goes
    _grant(subscriber, ConsentTopic.CPNI_MARKETING, True)
    with django_capture_on_commit_callbacks(execute=True):
        messages_queue_bulk(
            category=MessageCategory.NEWSLETTER,
            recipients=recipients,
            template="notice",
            dedupe_prefix="campaign:cpni-2",
            needs_cpni_approval=True,
        )
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_same_newsletter_without_the_cpni_mark_needs_only_the_newsletter_consent(
    subscriber: DataSubject, django_capture_on_commit_callbacks: Any
) -> None:
    _grant(subscriber, ConsentTopic.CPNI_MARKETING, False)
    with django_capture_on_commit_callbacks(execute=True):
        messages_queue_bulk(
            category=MessageCategory.NEWSLETTER,
            recipients=[("lucia.mendez@example.com", subscriber, dict(NEWS))],
            template="notice",
            dedupe_prefix="campaign:plain",
        )

    assert OutboxMessage.objects.get().status == MessageStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_batch_tally_counts_each_outcome_of_one_batch_only(
    subscriber: DataSubject, opted_out: DataSubject, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a batch with one subscriber and one person who refused newsletters, and another batch
    with django_capture_on_commit_callbacks(execute=True):
        messages_queue_bulk(
            category=MessageCategory.NEWSLETTER,
            recipients=[
                ("lucia.mendez@example.com", subscriber, dict(NEWS)),
                ("tomas.rivera@example.com", opted_out, dict(NEWS)),
            ],
            template="notice",
            dedupe_prefix="campaign:a",
        )
        message_send(
            category=MessageCategory.NEWSLETTER,
            to="lucia.mendez@example.com",
            template="notice",
            context=dict(NOTICE),
            batch="campaign:b",
        )
    OutboxMessage.objects.filter(batch="campaign:a", status=MessageStatus.SENT).update(
        bounced_at=timezone.now()
    )

    # When the first batch is counted (in two queries)
    tally = batch_tally(batch="campaign:a")

    # Then only its two messages are counted, by outcome
    assert (tally.total, tally.sent, tally.blocked, tally.bounced) == (2, 1, 1, 1)
    assert tally.blocked_by_reason == {BlockReason.NO_CONSENT: 1}
    assert batch_tally(batch="campaign:b").sent == 1
    assert batch_tally(batch="nothing").total == 0


@pytest.mark.django_db
def test_batch_tally_takes_two_queries(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        batch_tally(batch="campaign:a")


@pytest.mark.django_db
def test_an_overlong_batch_name_is_refused_and_nothing_is_queued() -> None:
    with pytest.raises(MessageRejected, match="batch"):
        message_send(
            category=MessageCategory.CONFIRMATION,
            to="lucia.mendez@example.com",
            template="notice",
            context=dict(NOTICE),
            batch="x" * 101,
        )
    assert not OutboxMessage.objects.exists()
