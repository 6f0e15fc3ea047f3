"""Reading the reports mail servers send back about our email: delivery status notifications
(RFC 3464, ``multipart/report; report-type=delivery-status``) and spam complaints in the Abuse
Reporting Format (RFC 5965, ``report-type=feedback-report``).

Parsing only, no database: ``report_parse`` says what a report claims (which kind, for which
recipients, about which Message-IDs). Whether to believe it is decided by
``comms.services.inbound.report_record``, which acts only when the Message-ID is one we sent to
that recipient. Malformed input never raises: anything this cannot read is "not a report".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.parser import HeaderParser
from email.utils import getaddresses
from enum import StrEnum

logger = logging.getLogger(__name__)

# A Message-ID as we write them (``<hex@domain>``), and as servers quote them back.
_MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")
_STATUS = re.compile(r"^\s*([245])\.\d{1,3}\.\d{1,3}")
# Reading stops here: a report is a few kilobytes; the rest is the returned original.
_MAX_BLOCKS = 100


class ReportKind(StrEnum):
    HARD_BOUNCE = "hard_bounce"
    SOFT_BOUNCE = "soft_bounce"
    COMPLAINT = "complaint"


@dataclass(frozen=True)
class DeliveryReport:
    """What a report says: ``kind`` for ``recipients``, about the messages ``message_ids``.

    ``recipients`` is empty when the report names nobody (an ARF report with the recipient
    redacted); the Message-ID alone then identifies the message.
    """

    kind: ReportKind
    recipients: tuple[str, ...]
    message_ids: tuple[str, ...]


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return ""


def _param(part: Message, name: str) -> str:
    try:
        value = part.get_param(name)
    except Exception:
        return ""
    return value.strip().lower() if isinstance(value, str) else ""


def _header(fields: Message, name: str) -> str:
    try:
        value = fields.get(name)
    except Exception:
        return ""
    return str(value).strip() if value is not None else ""


def _text_of(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload.decode("utf-8", errors="replace")
    raw = part.get_payload()
    return raw if isinstance(raw, str) else ""


def _field_blocks(part: Message) -> list[Message]:
    """The header blocks of a ``message/delivery-status`` or ``message/feedback-report`` part.

    The standard library parses those into sub-messages; when it did not (an unexpected
    transfer encoding, a plain text part), the text is split on blank lines here.
    """
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)][:_MAX_BLOCKS]
    text = _text_of(part).replace("\r\n", "\n")
    parser = HeaderParser()
    blocks = [chunk for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    return [parser.parsestr(chunk.strip() + "\n") for chunk in blocks[:_MAX_BLOCKS]]


def _original_headers(report: Message) -> list[Message]:
    """The returned original's headers: a ``message/rfc822`` or ``text/rfc822-headers`` part."""
    found: list[Message] = []
    for part in _parts(report):
        kind = _content_type(part)
        if kind in ("message/rfc822", "message/global"):
            inner = part.get_payload()
            if isinstance(inner, list):
                found.extend(m for m in inner[:1] if isinstance(m, Message))
        elif kind in ("text/rfc822-headers", "message/global-headers"):
            found.append(HeaderParser().parsestr(_text_of(part).lstrip()))
    return found


def _parts(message: Message) -> list[Message]:
    """The report's own parts (one level: a returned original is not searched for reports)."""
    payload = message.get_payload()
    if not isinstance(payload, list):
        return []
    return [part for part in payload[:_MAX_BLOCKS] if isinstance(part, Message)]


def _message_ids(originals: list[Message]) -> tuple[str, ...]:
    ids: list[str] = []
    for headers in originals:
        ids.extend(_MESSAGE_ID.findall(_header(headers, "Message-ID")))
    return tuple(dict.fromkeys(ids))


def _address(value: str) -> str:
    """``rfc822; someone@example.com`` (a DSN address field) or a plain address, cleaned."""
    _type, semicolon, address = value.partition(";")
    address = (address if semicolon else value).strip().strip("<>").strip()
    if "@" not in address or any(c.isspace() for c in address) or len(address) > 254:
        return ""
    return address.lower()


def _dsn(report: Message) -> DeliveryReport | None:
    status_parts = [p for p in _parts(report) if _content_type(p) == "message/delivery-status"]
    if not status_parts:
        return None
    hard: list[str] = []
    soft: list[str] = []
    for block in _field_blocks(status_parts[0]):
        action = _header(block, "Action").lower()
        status = _STATUS.match(_header(block, "Status"))
        recipient = _address(_header(block, "Final-Recipient")) or _address(
            _header(block, "Original-Recipient")
        )
        if not recipient or status is None:
            continue  # the per-message block, or a recipient block that says nothing usable
        if action == "failed" and status.group(1) == "5":
            hard.append(recipient)
        elif action in ("failed", "delayed") or status.group(1) == "4":
            soft.append(recipient)
    ids = _message_ids(_original_headers(report))
    if hard:
        return DeliveryReport(ReportKind.HARD_BOUNCE, tuple(dict.fromkeys(hard)), ids)
    if soft:
        return DeliveryReport(ReportKind.SOFT_BOUNCE, tuple(dict.fromkeys(soft)), ids)
    return None  # "delivered", "relayed", "expanded": nothing to act on


def _arf(report: Message) -> DeliveryReport | None:
    feedback = [p for p in _parts(report) if _content_type(p) == "message/feedback-report"]
    if not feedback:
        return None
    blocks = _field_blocks(feedback[0])
    if not blocks:
        return None
    fields = blocks[0]
    if _header(fields, "Feedback-Type").lower() != "abuse":
        return None  # "not-spam", "auth-failure", "virus"...: not a complaint about us
    recipients = [_address(_header(fields, "Original-Rcpt-To"))]
    originals = _original_headers(report)
    for headers in originals:
        try:
            pairs = getaddresses([_header(headers, "To")])
        except Exception:
            pairs = []
        recipients.extend(_address(address) for _name, address in pairs)
    found = tuple(dict.fromkeys(r for r in recipients if r))
    return DeliveryReport(ReportKind.COMPLAINT, found, _message_ids(originals))


def report_parse(message: EmailMessage | Message) -> DeliveryReport | None:
    """The delivery report ``message`` is, or ``None`` (not a report, or unreadable)."""
    try:
        if _content_type(message) != "multipart/report":
            return None
        report_type = _param(message, "report-type")
        if report_type == "delivery-status":
            return _dsn(message)
        if report_type == "feedback-report":
            return _arf(message)
        # No (or a misspelt) report-type: go by the parts the report holds.
        return _dsn(message) or _arf(message)
    except Exception:  # a malformed report is dropped, never an error for the server
        logger.info("An unreadable delivery report was ignored.")
        return None
