"""P18 end to end: a campaign goes out, the receiving server bounces one address and a mailbox
provider reports a spam complaint for another, both sent to the site's own SMTP server
(``comms_inbound_smtp``, on loopback); the next campaign skips both and reaches the rest. A
soft bounce suppresses nobody."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.inbound_smtp import inbound_server
from azultel.comms.models import BlockReason, MessageStatus, OutboxMessage
from azultel.comms.tests.reports import arf, dsn
from azultel.marketing import services, tasks
from azultel.marketing.models import Campaign
from azultel.marketing.tests.factories import campaign_make, person_make, segment_make

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inbound_smtp(settings: Any) -> Iterator[tuple[str, int]]:
    settings.COMMS_INBOUND_DOMAINS = ["azultel.example"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = inbound_server(host="127.0.0.1", port=port)
    controller.start()
    yield "127.0.0.1", port
    controller.stop()


def _send(campaign: Campaign, actor: User, captured: Any) -> dict[str, str]:
    """Schedule and send ``campaign``; the Message-ID each recipient's email carried."""
    before = len(mail.outbox)
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=actor)
    with captured(execute=True):
        tasks.campaigns_start()
    return {m.to[0]: str(m.extra_headers["Message-ID"]) for m in mail.outbox[before:]}


def _smtp(server: tuple[str, int], raw: bytes, rcpt: str) -> None:
    with smtplib.SMTP(*server, timeout=10) as client:
        client.sendmail("", [rcpt], raw)


@pytest.mark.promise("P18")
def test_P18_after_a_hard_bounce_or_complaint_the_next_campaign_skips_that_recipient(
    marketer: User, inbound_smtp: tuple[str, int], django_capture_on_commit_callbacks: Any
) -> None:
    bounced, complained, delayed, fine = (person_make(topics=("newsletter",)) for _ in range(4))
    segment = segment_make(actor=marketer)
    first = _send(
        campaign_make(segment=segment, actor=marketer), marketer, django_capture_on_commit_callbacks
    )
    assert set(first) == {bounced.email, complained.email, delayed.email, fine.email}

    _smtp(
        inbound_smtp,
        dsn(recipient=bounced.email, message_id=first[bounced.email]),
        "no-reply@azultel.example",
    )
    _smtp(
        inbound_smtp,
        arf(recipient=complained.email, message_id=first[complained.email]),
        "abuse@azultel.example",
    )
    _smtp(
        inbound_smtp,
        dsn(recipient=delayed.email, message_id=first[delayed.email], status="4.2.2"),
        "no-reply@azultel.example",
    )
    second = _send(
        campaign_make(segment=segment, actor=marketer), marketer, django_capture_on_commit_callbacks
    )

    assert set(second) == {delayed.email, fine.email}
    latest = {
        m.to_address: m
        for m in OutboxMessage.objects.order_by("created_at").filter(
            to_address__in=[bounced.email, complained.email]
        )
    }
    for person in (bounced, complained):
        blocked = latest[person.email]
        assert (blocked.status, blocked.block_reason) == (
            MessageStatus.SUPPRESSED,
            BlockReason.SUPPRESSED_ADDRESS,
        )
    reports = OutboxMessage.objects.filter(rfc_message_id__in=list(first.values()))
    assert sorted(
        (m.to_address == bounced.email, m.bounced_at is not None, m.complained_at is not None)
        for m in reports
    ) == [(False, False, False), (False, False, False), (False, False, True), (True, True, False)]
