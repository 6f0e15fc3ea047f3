"""Delivery reports as mail servers send them: RFC 3464 DSNs and RFC 5965 ARF complaints."""

from __future__ import annotations


def dsn(
    *,
    recipient: str,
    message_id: str,
    action: str = "failed",
    status: str = "5.1.1",
    returned: str = "headers",
    report_type: str = "delivery-status",
) -> bytes:
    """A bounce from a receiving server; ``returned`` is "headers", "message" or "none"."""
    original = (
        f"From: Azultel <no-reply@azultel.example>\r\nTo: {recipient}\r\n"
        f"Subject: Azultel news\r\nMessage-ID: {message_id}\r\n"
    )
    if returned == "headers":
        third = f"--B\r\nContent-Type: text/rfc822-headers\r\n\r\n{original}\r\n"
    elif returned == "message":
        third = f"--B\r\nContent-Type: message/rfc822\r\n\r\n{original}\r\nHello.\r\n\r\n"
    else:
        third = ""
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
        "To: no-reply@azultel.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type={report_type}; boundary="B"\r\n'
        "\r\n"
        "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n"
        "Arrival-Date: Sat, 5 Dec 2026 10:00:00 +0000\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        f"Original-Recipient: rfc822;{recipient}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        "\r\n"
        f"{third}--B--\r\n"
    ).encode()


def arf(
    *,
    recipient: str | None,
    message_id: str,
    feedback_type: str = "abuse",
    returned: str = "message",
    to_header: str | None = None,
) -> bytes:
    """A spam complaint from a mailbox provider's feedback loop; ``recipient=None`` redacts it."""
    rcpt = f"Original-Rcpt-To: {recipient}\r\n" if recipient else ""
    to_line = f"To: {to_header if to_header is not None else recipient or 'redacted'}\r\n"
    original = (
        f"From: Azultel <no-reply@azultel.example>\r\n{to_line}"
        f"Subject: Azultel news\r\nMessage-ID: {message_id}\r\n"
    )
    third_type = "message/rfc822" if returned == "message" else "text/rfc822-headers"
    return (
        "From: Feedback Loop <fbl@isp.example.net>\r\n"
        "To: abuse@azultel.example\r\n"
        "Subject: FW: Azultel news\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=feedback-report; boundary="F"\r\n'
        "\r\n"
        "--F\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n\r\n"
        "--F\r\nContent-Type: message/feedback-report\r\n\r\n"
        f"Feedback-Type: {feedback_type}\r\n"
        "User-Agent: SomeFBL/1.0\r\n"
        "Version: 1\r\n"
        f"{rcpt}"
        "Arrival-Date: Sat, 5 Dec 2026 10:00:00 +0000\r\n"
        "\r\n"
        f"--F\r\nContent-Type: {third_type}\r\n\r\n{original}\r\nBuy now.\r\n\r\n"
        "--F--\r\n"
    ).encode()
