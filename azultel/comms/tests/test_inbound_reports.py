"""Reading delivery reports: RFC 3464 bounces and RFC 5965 complaints in the shapes servers send,
and malformed input, which is never an error (P18)."""

from __future__ import annotations

import random
from email import message_from_bytes, policy

import pytest

from azultel.comms.inbound_reports import DeliveryReport, ReportKind, report_parse
from azultel.comms.tests.reports import arf, dsn

MID = "<0123456789abcdef0123456789abcdef@azultel.example>"
TO = "Lucia.Mendez@example.com"


def _parse(raw: bytes) -> DeliveryReport | None:
    return report_parse(message_from_bytes(raw, policy=policy.default))  # type: ignore[arg-type]


@pytest.mark.parametrize("returned", ["headers", "message"])
def test_a_permanent_failure_is_a_hard_bounce_naming_recipient_and_message(returned: str) -> None:
    report = _parse(dsn(recipient=TO, message_id=MID, returned=returned))

    assert report == DeliveryReport(ReportKind.HARD_BOUNCE, ("lucia.mendez@example.com",), (MID,))


@pytest.mark.parametrize(
    ("action", "status"), [("failed", "4.2.2"), ("delayed", "4.4.1"), ("delayed", "5.0.0")]
)
def test_a_temporary_failure_is_a_soft_bounce(action: str, status: str) -> None:
    report = _parse(dsn(recipient=TO, message_id=MID, action=action, status=status))

    assert report is not None and report.kind == ReportKind.SOFT_BOUNCE


def test_a_success_notification_is_nothing_to_act_on() -> None:
    assert _parse(dsn(recipient=TO, message_id=MID, action="delivered", status="2.0.0")) is None


def test_a_bounce_without_the_original_has_no_message_to_match() -> None:
    report = _parse(dsn(recipient=TO, message_id=MID, returned="none"))

    assert report is not None and report.message_ids == ()


def test_a_report_without_a_report_type_is_read_by_its_parts() -> None:
    raw = dsn(recipient=TO, message_id=MID).replace(b"report-type=delivery-status; ", b"")

    assert _parse(raw) == DeliveryReport(
        ReportKind.HARD_BOUNCE, ("lucia.mendez@example.com",), (MID,)
    )


def test_a_bounce_with_several_recipients_lists_only_the_hard_failures() -> None:
    raw = dsn(recipient=TO, message_id=MID).replace(
        b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n",
        b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        b"Final-Recipient: rfc822; other@example.com\r\nAction: delayed\r\nStatus: 4.4.1\r\n",
    )

    report = _parse(raw)

    assert report is not None
    assert (report.kind, report.recipients) == (
        ReportKind.HARD_BOUNCE,
        ("lucia.mendez@example.com",),
    )


@pytest.mark.parametrize("returned", ["message", "headers"])
def test_an_abuse_report_is_a_complaint(returned: str) -> None:
    report = _parse(arf(recipient=TO, message_id=MID, returned=returned))

    assert report == DeliveryReport(ReportKind.COMPLAINT, ("lucia.mendez@example.com",), (MID,))


def test_a_complaint_with_the_recipient_redacted_names_nobody() -> None:
    report = _parse(arf(recipient=None, message_id=MID, to_header="undisclosed-recipients:;"))

    assert report == DeliveryReport(ReportKind.COMPLAINT, (), (MID,))


@pytest.mark.parametrize("feedback_type", ["not-spam", "auth-failure", "virus", ""])
def test_other_feedback_types_are_not_complaints(feedback_type: str) -> None:
    assert _parse(arf(recipient=TO, message_id=MID, feedback_type=feedback_type)) is None


def test_ordinary_mail_is_not_a_report() -> None:
    raw = b"From: a@example.com\r\nTo: reply+abc@azultel.example\r\nSubject: Hi\r\n\r\nHello\r\n"

    assert _parse(raw) is None


MALFORMED = [
    b"",
    b"\x00\xff\xfe garbage",
    b"Content-Type: multipart/report\r\n\r\nno boundary at all",
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n--B--',
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
    b"--B\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\nAction: failed\r\n--B--",
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
    b"--B\r\nContent-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    b"!!!not base64!!!\r\n--B--",
    b'Content-Type: multipart/report; report-type=feedback-report; boundary="F"\r\n\r\n'
    b"--F\r\nContent-Type: message/feedback-report\r\n\r\n--F--",
    b'Content-Type: multipart/report; report-type="=?utf-8?q?x?="; boundary=\r\n\r\n',
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
    b'To: <<<@@@>>>, "unterminated\r\n\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\n'
    b"Message-ID: <<<>>>\r\nTo: =?bad?=\r\n--B--",
]


@pytest.mark.parametrize("raw", MALFORMED)
def test_malformed_input_is_never_an_error(raw: bytes) -> None:
    result = _parse(raw)

    assert result is None or result.message_ids == () or result.recipients == ()


def test_every_truncation_and_random_corruption_of_a_report_is_read_without_error() -> None:
    rng = random.Random(15)
    samples = [dsn(recipient=TO, message_id=MID), arf(recipient=TO, message_id=MID)]
    for sample in samples:
        for cut in range(0, len(sample), 7):
            _parse(sample[:cut])
        for _ in range(200):
            corrupt = bytearray(sample)
            for _ in range(5):
                corrupt[rng.randrange(len(corrupt))] = rng.randrange(256)
            _parse(bytes(corrupt))
    # Intact, the same samples still read correctly after all that.
    assert [r.kind for r in map(_parse, samples) if r] == [
        ReportKind.HARD_BOUNCE,
        ReportKind.COMPLAINT,
    ]
