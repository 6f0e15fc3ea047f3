"""Referral invitations (P05): one email per referral, never to a suppressed address, the friend
on no list, and the friend's address not kept in clear once the email is dealt with."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from azultel.comms.addresses import address_fingerprint
from azultel.comms.models import (
    BlockReason,
    MessageCategory,
    MessageStatus,
    OutboxMessage,
    SuppressedAddress,
    SuppressionReason,
)
from azultel.comms.services import (
    MessageRejected,
    message_send,
    messages_queue_bulk,
    suppression_add,
)
from azultel.comms.tests.conftest import NOTICE
from azultel.comms.tokens import unsubscribe_token
from azultel.privacy.models import DataSubject

FRIEND = "amigo.invitado@example.com"
INVITATION = {"title": "Lucia thinks you would like Azultel fiber", "paragraphs": ["Hi!"]}


def _invite(referral_key: str = "referral:8f2c", to: str = FRIEND) -> OutboxMessage:
    return message_send(
        category=MessageCategory.REFERRAL_INVITATION,
        to=to,
        template="notice",
        context=INVITATION,
        dedupe_key=referral_key,
    )


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_a_referral_sends_the_friend_exactly_one_email(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = _invite()
        again = _invite()
        to_another_spelling = _invite(to="Amigo.Invitado@Example.com")

    assert again.pk == first.pk == to_another_spelling.pk
    assert len(callbacks) == 1
    assert OutboxMessage.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[FRIEND]]
    [sent] = mail.outbox
    assert "A friend asked us to send you this one email" in str(sent.body)
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_the_friends_address_is_not_kept_in_clear_after_sending(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = _invite()

    row = OutboxMessage.objects.values().get(pk=message.pk)
    assert row["status"] == MessageStatus.SENT
    assert row["to_address"] == ""
    assert row["to_fingerprint"] == address_fingerprint(FRIEND)
    assert not any("amigo" in str(value).lower() for value in row.values())


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_the_friend_is_added_to_no_list(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = _invite()

    assert message.data_subject is None
    assert DataSubject.objects.count() == 0


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_a_suppressed_address_never_gets_a_referral_invitation(
    django_capture_on_commit_callbacks: Any,
) -> None:
    suppression_add(email=FRIEND, reason=SuppressionReason.COMPLAINT, actor=None)

    with django_capture_on_commit_callbacks(execute=True):
        message = _invite()

    message.refresh_from_db()
    assert (message.status, message.block_reason) == (
        MessageStatus.SUPPRESSED,
        BlockReason.SUPPRESSED_ADDRESS,
    )
    assert message.to_address == ""
    assert mail.outbox == []


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_refusing_an_invitation_suppresses_the_address_for_every_later_one(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = _invite("referral:first")
    url = reverse("comms:unsubscribe", kwargs={"token": unsubscribe_token(message.id)})

    page = Client().get(url)
    refused = Client(enforce_csrf_checks=True).post(url, {})
    with django_capture_on_commit_callbacks(execute=True):
        second = _invite("referral:from-someone-else")

    assert page.status_code == 200
    assert "Never email this address again" in page.content.decode()
    assert refused.status_code == 200
    assert SuppressedAddress.objects.get().reason == SuppressionReason.UNSUBSCRIBED
    second.refresh_from_db()
    assert second.block_reason == BlockReason.SUPPRESSED_ADDRESS
    assert len(mail.outbox) == 1


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_a_referral_invitation_without_a_referral_key_is_refused() -> None:
    with pytest.raises(MessageRejected, match="needs a dedupe_key"):
        message_send(
            category=MessageCategory.REFERRAL_INVITATION,
            to=FRIEND,
            template="notice",
            context=INVITATION,
        )

    assert OutboxMessage.objects.count() == 0


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_a_referral_invitation_tied_to_a_person_is_refused(subscriber: DataSubject) -> None:
    with pytest.raises(MessageRejected, match="not tied to a data subject"):
        message_send(
            category=MessageCategory.REFERRAL_INVITATION,
            to=FRIEND,
            template="notice",
            context=INVITATION,
            subject=subscriber,
            dedupe_key="referral:1",
        )

    assert OutboxMessage.objects.count() == 0


@pytest.mark.promise("P05")
@pytest.mark.django_db
def test_referral_invitations_cannot_be_sent_in_bulk() -> None:
    with pytest.raises(MessageRejected, match="one at a time"):
        messages_queue_bulk(
            category=MessageCategory.REFERRAL_INVITATION,
            recipients=[(FRIEND, None, NOTICE)],
            template="notice",
            dedupe_prefix="referrals",
        )

    assert OutboxMessage.objects.count() == 0
