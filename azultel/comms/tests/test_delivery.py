"""Delivery decides at send time: consent (P18), always-send categories (P19), the suppression
list, leases left by dead workers, retries with backoff and a final failure."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from azultel.comms.addresses import address_fingerprint
from azultel.comms.models import (
    ALWAYS_SENT,
    SOLICITATION_TOPIC,
    BlockReason,
    MessageCategory,
    MessageStatus,
    OutboxMessage,
    SuppressedAddress,
    SuppressionReason,
)
from azultel.comms.services import (
    message_deliver,
    message_send,
    outbox_deliver_due,
    suppression_add,
)
from azultel.comms.tests.conftest import NOTICE
from azultel.privacy.models import ConsentSource, ConsentTopic, DataSubject
from azultel.privacy.services import consent_record
from azultel.privacy.tests.factories import DataSubjectFactory


def _queue(category: str, to: str, **extra: Any) -> OutboxMessage:
    return message_send(category=category, to=to, template="notice", context=NOTICE, **extra)


def _sent_to(address: str) -> list[str]:
    return [m.subject for m in mail.outbox if m.to == [address]]


@pytest.mark.promise("P18")
@pytest.mark.promise("P19")
@pytest.mark.django_db
def test_an_opted_out_person_gets_no_newsletter_but_gets_order_confirmation_and_security_notice(
    opted_out: DataSubject, django_capture_on_commit_callbacks: Any
) -> None:
    address = opted_out.email
    assert address is not None

    with django_capture_on_commit_callbacks(execute=True):
        newsletter = _queue(MessageCategory.NEWSLETTER, address)
        confirmation = _queue(MessageCategory.CONFIRMATION, address)
        security = _queue(MessageCategory.SECURITY, address, sensitive=True)

    statuses = {
        m.category: (m.status, m.block_reason)
        for m in OutboxMessage.objects.filter(pk__in=[newsletter.pk, confirmation.pk, security.pk])
    }
    assert statuses == {
        MessageCategory.NEWSLETTER: (MessageStatus.SUPPRESSED, BlockReason.NO_CONSENT),
        MessageCategory.CONFIRMATION: (MessageStatus.SENT, ""),
        MessageCategory.SECURITY: (MessageStatus.SENT, ""),
    }
    assert len(mail.outbox) == 2


@pytest.mark.promise("P19")
@pytest.mark.django_db
@pytest.mark.parametrize("category", sorted(ALWAYS_SENT))
def test_every_always_send_category_reaches_someone_who_refused_all_marketing(
    opted_out: DataSubject, category: str, django_capture_on_commit_callbacks: Any
) -> None:
    suppression_add(
        email="tomas.rivera@example.com", reason=SuppressionReason.COMPLAINT, actor=None
    )

    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(category, "tomas.rivera@example.com", subject=opted_out)

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert _sent_to("tomas.rivera@example.com") == [NOTICE["title"]]


@pytest.mark.promise("P18")
@pytest.mark.django_db
@pytest.mark.parametrize("category", sorted(set(SOLICITATION_TOPIC) - {"service_offer"}))
def test_every_solicitation_goes_only_where_its_own_topic_is_granted(
    category: str, django_capture_on_commit_callbacks: Any
) -> None:
    granted = DataSubjectFactory(email="granted@example.com")
    consent_record(
        subject=granted,
        topic=SOLICITATION_TOPIC[category],
        granted=True,
        source=ConsentSource.PROFILE,
    )
    other_topics = DataSubjectFactory(email="other@example.com")
    for topic in set(SOLICITATION_TOPIC.values()) - {SOLICITATION_TOPIC[category]}:
        consent_record(
            subject=other_topics, topic=topic, granted=True, source=ConsentSource.PROFILE
        )
    never_asked = DataSubjectFactory(email="never.asked@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        to_granted = _queue(category, "granted@example.com", subject=granted)
        to_other = _queue(category, "other@example.com", subject=other_topics)
        to_never = _queue(category, "never.asked@example.com", subject=never_asked)

    assert [m.to for m in mail.outbox] == [["granted@example.com"]]
    assert OutboxMessage.objects.get(pk=to_granted.pk).status == MessageStatus.SENT
    assert OutboxMessage.objects.get(pk=to_other.pk).block_reason == BlockReason.NO_CONSENT
    assert OutboxMessage.objects.get(pk=to_never.pk).block_reason == BlockReason.NO_CONSENT


@pytest.mark.promise("P18")
@pytest.mark.promise("P12")
@pytest.mark.django_db
def test_an_opt_out_made_after_queueing_still_stops_the_message(
    subscriber: DataSubject, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = _queue(MessageCategory.NEWSLETTER, "lucia.mendez@example.com")
    consent_record(
        subject=subscriber,
        topic=ConsentTopic.NEWSLETTER,
        granted=False,
        source=ConsentSource.PROFILE,
    )

    callbacks[0]()

    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED
    assert message.block_reason == BlockReason.NO_CONSENT
    assert mail.outbox == []


@pytest.mark.promise("P18")
@pytest.mark.django_db
def test_a_subscriber_gets_the_newsletter_in_a_fixed_number_of_queries(
    subscriber: DataSubject,
    django_capture_on_commit_callbacks: Any,
    django_assert_num_queries: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = _queue(MessageCategory.NEWSLETTER, "lucia.mendez@example.com")

    # claim (savepoint, select, update, release), suppression, consent, mark sent
    with django_assert_num_queries(7):
        callbacks[0]()

    message.refresh_from_db()
    assert message.data_subject == subscriber
    assert message.status == MessageStatus.SENT
    assert _sent_to("lucia.mendez@example.com") == [NOTICE["title"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "category", [MessageCategory.NEWSLETTER, MessageCategory.SPECIAL_OFFERS, MessageCategory.SURVEY]
)
def test_no_solicitation_passes_the_suppression_list_even_with_consent(
    subscriber: DataSubject, category: str, django_capture_on_commit_callbacks: Any
) -> None:
    consent_record(
        subject=subscriber, topic=ConsentTopic.SURVEYS, granted=True, source=ConsentSource.PROFILE
    )
    suppression_add(
        email="LUCIA.MENDEZ@example.com ", reason=SuppressionReason.HARD_BOUNCE, actor=None
    )

    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(category, "lucia.mendez@example.com")

    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED
    assert message.block_reason == BlockReason.SUPPRESSED_ADDRESS
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_suppression_list_holds_no_clear_address() -> None:
    entry = suppression_add(
        email="Lucia.Mendez@example.com", reason=SuppressionReason.MANUAL, actor=None
    )
    again = suppression_add(
        email="lucia.mendez@example.com", reason=SuppressionReason.COMPLAINT, actor=None
    )

    assert again.pk == entry.pk
    assert entry.reason == SuppressionReason.MANUAL
    assert entry.fingerprint == address_fingerprint("lucia.mendez@example.com")
    row = SuppressedAddress.objects.values().get()
    assert not any("lucia" in str(value).lower() for value in row.values())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "reason", "error"),
    [
        ("not an address", SuppressionReason.MANUAL, "not a valid email address"),
        ("a@example.com", "spam_trap", "Unknown suppression reason"),
        ("a@example.com", None, "Unknown suppression reason"),
    ],
)
def test_bad_suppression_requests_are_refused_and_write_nothing(
    email: str, reason: Any, error: str
) -> None:
    with pytest.raises(ValueError, match=error):
        suppression_add(email=email, reason=reason, actor=None)

    assert SuppressedAddress.objects.count() == 0


class _WorkerKilled(BaseException):
    """What a worker process sees when it is killed: not an ordinary exception."""


class _DyingBackend:
    """A mail backend whose worker is killed in the middle of sending."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise _WorkerKilled


@pytest.mark.django_db
def test_a_message_a_dead_worker_was_sending_is_delivered_once_its_lease_expires(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        message = _queue(MessageCategory.CONFIRMATION, "ana.ruiz@example.com")
    with pytest.raises(_WorkerKilled):
        message_deliver(message_id=message.pk, backend=_DyingBackend())  # type: ignore[arg-type]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENDING, 1)

    early = outbox_deliver_due()
    OutboxMessage.objects.filter(pk=message.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    later = outbox_deliver_due()

    message.refresh_from_db()
    assert early.sent == 0
    assert later.sent == 1
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_sent_message_is_never_sent_again(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(MessageCategory.CONFIRMATION, "ana.ruiz@example.com")

    again = message_deliver(message_id=message.pk)
    sweep = outbox_deliver_due()

    assert again.status == "skipped"
    assert sweep.sent == 0
    assert len(mail.outbox) == 1


class _RefusingBackend(_DyingBackend):
    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("mail relay for carlos@example.com is down")


@pytest.mark.django_db
def test_temporary_failures_back_off_and_the_last_attempt_fails_the_message(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.COMMS_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=False):
        message = _queue(MessageCategory.CONFIRMATION, "carlos@example.com")
    backend: Any = _RefusingBackend()

    first = message_deliver(message_id=message.pk, backend=backend)
    second = message_deliver(message_id=message.pk, backend=backend)
    third = message_deliver(message_id=message.pk, backend=backend)

    message.refresh_from_db()
    assert (first.status, first.retry_in) == ("deferred", 60)
    assert (second.status, second.retry_in) == ("deferred", 120)
    assert (third.status, third.retry_in) == ("failed", None)
    assert message.status == MessageStatus.FAILED
    assert message.block_reason == BlockReason.ATTEMPTS_EXHAUSTED
    assert message.attempts == 3
    assert "ConnectionRefusedError" in message.last_error
    assert "carlos@example.com" not in message.last_error


@pytest.mark.django_db
def test_a_deferred_message_waits_for_its_backoff_before_the_sweep_retries_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        message = _queue(MessageCategory.CONFIRMATION, "carlos@example.com")
    message_deliver(message_id=message.pk, backend=_RefusingBackend())  # type: ignore[arg-type]

    too_early = outbox_deliver_due()
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    due = outbox_deliver_due()

    message.refresh_from_db()
    assert too_early.sent == 0
    assert due.sent == 1
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)


@pytest.mark.promise("P07")
@pytest.mark.promise("P30")
@pytest.mark.django_db
def test_service_offers_need_the_offer_choice_and_the_recorded_cpni_approval(
    django_capture_on_commit_callbacks: Any,
) -> None:
    both = DataSubjectFactory(email="both@example.com")
    offers_only = DataSubjectFactory(email="offers.only@example.com")
    cpni_only = DataSubjectFactory(email="cpni.only@example.com")
    for subject, topics in (
        (both, ["service_offers", "cpni_marketing"]),
        (offers_only, ["service_offers"]),
        (cpni_only, ["cpni_marketing"]),
    ):
        for topic in topics:
            consent_record(subject=subject, topic=topic, granted=True, source=ConsentSource.PROFILE)

    with django_capture_on_commit_callbacks(execute=True):
        sent = _queue("service_offer", "both@example.com", subject=both)
        no_cpni = _queue("service_offer", "offers.only@example.com", subject=offers_only)
        no_offer = _queue("service_offer", "cpni.only@example.com", subject=cpni_only)

    assert [m.to for m in mail.outbox] == [["both@example.com"]]
    assert OutboxMessage.objects.get(pk=sent.pk).status == MessageStatus.SENT
    assert OutboxMessage.objects.get(pk=no_cpni.pk).block_reason == BlockReason.NO_CPNI_APPROVAL
    assert OutboxMessage.objects.get(pk=no_offer.pk).block_reason == BlockReason.NO_CONSENT
