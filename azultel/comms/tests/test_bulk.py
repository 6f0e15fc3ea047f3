"""messages_queue_bulk: bulk_create in batches of 1000, one delivery task per batch, idempotent
per dedupe prefix, and all-or-nothing on bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from azultel.comms.addresses import InvalidAddress
from azultel.comms.models import MessageCategory, MessageStatus, OutboxMessage
from azultel.comms.services import MessageRejected, messages_queue_bulk
from azultel.comms.tests.conftest import NOTICE
from azultel.core.models import AuditEvent
from azultel.privacy.models import DataSubject
from azultel.privacy.tests.factories import DataSubjectFactory


def _recipients(count: int) -> list[tuple[str, DataSubject | None, dict[str, Any]]]:
    return [
        (
            f"holder{n}@example.com",
            None,
            {"title": "Our privacy policy is changing", "paragraphs": [f"#{n}"]},
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_a_large_send_is_written_and_handed_to_workers_in_batches_of_1000(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queued = messages_queue_bulk(
            category=MessageCategory.POLICY_NOTICE,
            recipients=_recipients(2001),
            template="notice",
            dedupe_prefix="policy:2027-01",
        )

    assert queued == 2001
    assert len(callbacks) == 3
    assert OutboxMessage.objects.filter(status=MessageStatus.QUEUED).count() == 2001
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="comms.messages_queued_bulk").count() == 1

    for callback in callbacks:
        callback()

    assert OutboxMessage.objects.filter(status=MessageStatus.SENT).count() == 2001
    assert len(mail.outbox) == 2001
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 2001


@pytest.mark.django_db
def test_running_the_same_bulk_send_again_queues_only_those_missing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    recipients = _recipients(5)
    with django_capture_on_commit_callbacks(execute=True):
        first = messages_queue_bulk(
            category=MessageCategory.POLICY_NOTICE,
            recipients=recipients[:3],
            template="notice",
            dedupe_prefix="policy:2027-01",
        )
        second = messages_queue_bulk(
            category=MessageCategory.POLICY_NOTICE,
            recipients=recipients,
            template="notice",
            dedupe_prefix="policy:2027-01",
        )

    assert (first, second) == (3, 2)
    assert OutboxMessage.objects.count() == 5
    assert len(mail.outbox) == 5
    assert not OutboxMessage.objects.filter(dedupe_key__contains="@").exists()


@pytest.mark.django_db
def test_bulk_queueing_costs_a_fixed_number_of_queries_per_batch(
    django_assert_num_queries: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Few enough rows for one INSERT on SQLite too (it splits inserts by its variable limit).
    subjects = [DataSubjectFactory(email=f"s{n}@example.com") for n in range(30)]
    recipients = [(s.email or "", s, NOTICE) for s in subjects]

    # savepoint, existing keys, insert, created ids, audit, release: none per recipient
    with (
        django_capture_on_commit_callbacks(execute=False),
        django_assert_num_queries(6),
    ):
        messages_queue_bulk(
            category=MessageCategory.POLICY_NOTICE,
            recipients=recipients,
            template="notice",
            dedupe_prefix="policy:2027-01",
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"category": "junk"}, MessageRejected, "Unknown email category"),
        ({"template": "missing"}, MessageRejected, "does not exist"),
        ({"dedupe_prefix": ""}, MessageRejected, "dedupe_prefix"),
        ({"dedupe_prefix": "p" * 101}, MessageRejected, "longer than 100"),
        ({"recipients": "holder@example.com"}, MessageRejected, "must be a list"),
        ({"recipients": [("a@example.com", None)]}, MessageRejected, r"recipients\[0\]"),
        (
            {"recipients": [*_recipients(2), ("broken", None, {})]},
            InvalidAddress,
            r"recipients\[2\]",
        ),
        ({"recipients": [("a@example.com", "subject", {})]}, MessageRejected, "DataSubject"),
        (
            {"recipients": [("a@example.com", None, "ctx")]},
            MessageRejected,
            "context must be a dict",
        ),
        (
            {"recipients": [*_recipients(2), ("a@example.com", None, {"title": ""})]},
            MessageRejected,
            "empty subject line",
        ),
    ],
)
def test_bad_bulk_input_is_refused_and_writes_nothing(
    django_capture_on_commit_callbacks: Any,
    change: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    request = {
        "category": MessageCategory.POLICY_NOTICE,
        "recipients": _recipients(2),
        "template": "notice",
        "dedupe_prefix": "policy:2027-01",
        **change,
    }

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(error, match=message),
    ):
        messages_queue_bulk(**request)

    assert (OutboxMessage.objects.count(), AuditEvent.objects.count()) == (0, 0)
    assert callbacks == []
