"""message_send: one row in the caller's transaction, content fixed at queue time, delivery after
commit; every bad input is refused with a clear error and writes nothing."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.comms.addresses import InvalidAddress, address_clean, address_fingerprint
from azultel.comms.models import MessageCategory, MessageStatus, OutboxMessage
from azultel.comms.services import MessageRejected, message_send
from azultel.comms.tests.conftest import NOTICE
from azultel.core.models import AuditEvent
from azultel.privacy.models import DataSubject


def _nothing_written() -> tuple[int, int, int]:
    return (OutboxMessage.objects.count(), AuditEvent.objects.count(), DataSubject.objects.count())


@pytest.mark.django_db
def test_message_is_queued_in_the_callers_transaction_and_delivered_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = message_send(
            category=MessageCategory.CONFIRMATION,
            to="ana.ruiz@example.com",
            template="notice",
            context=NOTICE,
        )

    assert message.status == MessageStatus.QUEUED
    assert mail.outbox == []
    assert len(callbacks) == 1

    callbacks[0]()

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana.ruiz@example.com"]
    assert mail.outbox[0].subject == "Your order AZ-1001 is confirmed"
    assert AuditEvent.objects.filter(action="comms.message_queued").count() == 1


@pytest.mark.django_db
def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        message_send(
            category=MessageCategory.CONFIRMATION,
            to="ana.ruiz@example.com",
            template="notice",
            context=NOTICE,
        )
        raise RuntimeError("the order failed after the email was queued")

    assert callbacks == []
    assert mail.outbox == []
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_content_and_message_id_are_fixed_when_queued(
    django_capture_on_commit_callbacks: Any,
) -> None:
    context = {"title": "Your bill is ready", "paragraphs": ["Amount: $42.10"]}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = message_send(
            category=MessageCategory.ACCOUNT_MAINTENANCE,
            to="ana.ruiz@example.com",
            template="notice",
            context=context,
        )
    context["paragraphs"] = ["Amount: $99.99"]

    callbacks[0]()

    sent = mail.outbox[0]
    assert "$42.10" in str(sent.body)
    assert "$99.99" not in str(sent.body)
    assert sent.extra_headers["Message-ID"] == message.rfc_message_id
    assert message.rfc_message_id == f"<{message.id.hex}@azultel.example>"


@pytest.mark.django_db
def test_text_parts_are_not_html_escaped_and_html_parts_are() -> None:
    message = message_send(
        category=MessageCategory.REPLY,
        to="ana.ruiz@example.com",
        template="notice",
        context={"title": "Q&A <follow-up>", "paragraphs": ["Tom & Jerry <b>bold</b>"]},
    )

    assert message.subject_line == "Q&A <follow-up>"
    assert "Tom & Jerry <b>bold</b>" in message.body_text
    assert "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;" in message.body_html


@pytest.mark.django_db
def test_the_same_dedupe_key_returns_the_first_message_and_queues_nothing_new(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = message_send(
            category=MessageCategory.CONFIRMATION,
            to="ana.ruiz@example.com",
            template="notice",
            context=NOTICE,
            dedupe_key="order:AZ-1001:confirmation",
        )
        second = message_send(
            category=MessageCategory.CONFIRMATION,
            to="ana.ruiz@example.com",
            template="notice",
            context=NOTICE,
            dedupe_key="order:AZ-1001:confirmation",
        )

    assert second.pk == first.pk
    assert len(callbacks) == 1
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_solicitation_is_tied_to_the_data_subject_of_its_address() -> None:
    message = message_send(
        category=MessageCategory.NEWSLETTER,
        to="  Nuevo.Cliente@Example.com ",
        template="notice",
        context=NOTICE,
    )

    assert message.data_subject is not None
    assert message.data_subject.email == "nuevo.cliente@example.com"
    assert message.to_address == "Nuevo.Cliente@Example.com"
    assert message.to_fingerprint == address_fingerprint("nuevo.cliente@example.com")
    assert "nuevo.cliente" not in message.to_fingerprint


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"category": "marketing_blast"}, MessageRejected, "Unknown email category"),
        ({"category": None}, MessageRejected, "Unknown email category"),
        ({"to": "not-an-address"}, InvalidAddress, "not a valid email address"),
        ({"to": ""}, InvalidAddress, "empty"),
        ({"to": "a@example.com, b@example.com"}, InvalidAddress, "not a valid"),
        ({"to": "a@example.com\nBcc: c@example.com"}, InvalidAddress, "not a valid"),
        ({"to": "x" * 250 + "@example.com"}, InvalidAddress, "longer than 254"),
        ({"to": 42}, InvalidAddress, "must be text"),
        ({"template": "no_such_template"}, MessageRejected, "does not exist"),
        ({"template": "../../base"}, MessageRejected, "is not valid"),
        ({"template": "Notice"}, MessageRejected, "is not valid"),
        ({"template": "no_body"}, MessageRejected, "no_body.txt' does not exist"),
        ({"template": "blank_subject"}, MessageRejected, "empty subject line"),
        ({"context": ["not", "a", "dict"]}, MessageRejected, "context must be a dict"),
        ({"context": {"title": "x" * 301}}, MessageRejected, "longer than 300"),
        ({"subject": "someone"}, MessageRejected, "DataSubject"),
        ({"dedupe_key": ""}, MessageRejected, "dedupe_key"),
        ({"dedupe_key": "k" * 201}, MessageRejected, "longer than 200"),
        ({"category": "referral_invitation"}, MessageRejected, "needs a dedupe_key"),
    ],
)
def test_bad_input_is_refused_clearly_and_writes_nothing(
    test_email_templates: None,
    django_capture_on_commit_callbacks: Any,
    change: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    request = {
        "category": MessageCategory.NEWSLETTER,
        "to": "ana.ruiz@example.com",
        "template": "notice",
        "context": NOTICE,
        **change,
    }

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(error, match=message),
    ):
        message_send(**request)

    assert issubclass(error, ValueError)
    assert _nothing_written() == (0, 0, 0)
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(to=st.text(max_size=300))
def test_arbitrary_recipients_never_store_an_invalid_address(to: str) -> None:
    with contextlib.suppress(InvalidAddress):
        message_send(
            category=MessageCategory.CONFIRMATION, to=to, template="notice", context=NOTICE
        )

    stored = list(OutboxMessage.objects.values_list("to_address", flat=True))
    assert all(address_clean(address) == address for address in stored)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(to=st.emails().map(lambda e: e + "\r\nBcc: hidden@example.net"))
def test_header_injection_in_the_recipient_is_refused_and_writes_nothing(to: str) -> None:
    with pytest.raises(InvalidAddress):
        message_send(
            category=MessageCategory.CONFIRMATION, to=to, template="notice", context=NOTICE
        )

    assert OutboxMessage.objects.count() == 0
