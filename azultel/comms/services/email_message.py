"""The email an outbox row is sent as: byte-for-byte the same on every attempt (Message-ID, Date
and MIME boundary come from the row), and for commercial email the company named as the sender
and the RFC 8058 one-click unsubscribe headers (P21)."""

from __future__ import annotations

from email import encoders
from email.mime.base import MIMEBase
from email.utils import formataddr, formatdate, parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from azultel.comms.models import COMMERCIAL, OutboxAttachment, OutboxMessage
from azultel.comms.tokens import unsubscribe_url


class _OutboxEmail(EmailMultiAlternatives):
    """An email whose MIME boundary comes from the outbox row, not from chance."""

    fixed_boundary = ""

    def message(self, *args: Any, **kwargs: Any) -> Any:
        mime = super().message(*args, **kwargs)
        if self.fixed_boundary and mime.is_multipart():
            # Every multipart level (mixed around alternative when files are attached) gets
            # its own fixed boundary.
            for depth, part in enumerate(p for p in mime.walk() if p.is_multipart()):
                part.set_boundary(self.fixed_boundary + (f"_{depth}" if depth else ""))
        return mime


def _attachment_part(attachment: OutboxAttachment) -> MIMEBase:
    """The file as stored, base64-encoded so its bytes (a calendar file's CRLF line ends,
    RFC 5545) reach the recipient unchanged."""
    maintype, subtype = attachment.content_type.split("/", 1)
    part = MIMEBase(maintype, subtype, charset="utf-8")
    part.set_payload(bytes(attachment.content))
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
    return part


def _email_for(message: OutboxMessage, backend: BaseEmailBackend) -> EmailMultiAlternatives:
    headers = {
        "Message-ID": message.rfc_message_id,
        # The time it was queued: every attempt sends byte-for-byte the same message.
        "Date": formatdate(message.created_at.timestamp(), usegmt=True),
    }
    sender = settings.DEFAULT_FROM_EMAIL
    if message.category in COMMERCIAL:
        # RFC 8058 one-click unsubscribe, and the company named as the sender (P21).
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(message.id)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        sender = formataddr((settings.COMPANY_NAME, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
    email = _OutboxEmail(
        subject=message.subject_line,
        body=message.body_text,
        from_email=sender,
        to=[message.to_address],
        headers=headers,
        reply_to=[message.reply_to] if message.reply_to else None,
        connection=backend,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.attachment_count:
        for attachment in message.attachments.all():
            email.attach(_attachment_part(attachment))
    # Same boundary on every attempt: a retry sends byte-for-byte the same message.
    email.fixed_boundary = f"=_azultel_{message.id.hex}"
    return email
