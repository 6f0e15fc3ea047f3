"""The local SMTP server for mail to the site's own addresses (``manage.py comms_inbound_smtp``).

It accepts a recipient only at the site's own domains (never relays), at most
COMMS_INBOUND_MAX_RECIPIENTS of them, and refuses a message larger than COMMS_INBOUND_MAX_BYTES
with 552 while it arrives. Each accepted message is handed to ``services.inbound_receive`` in a
worker thread (database work never runs on the event loop), whose database connection is closed
afterwards. It should listen on loopback behind the host's mail server, which does TLS and
spam filtering; it is not an Internet-facing MTA.
"""

from __future__ import annotations

import asyncio
import logging
from email.utils import parseaddr

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections, connections

from azultel.comms.services.inbound import inbound_receive

logger = logging.getLogger(__name__)


def inbound_domains() -> frozenset[str]:
    """The domains mail is accepted for (COMMS_INBOUND_DOMAINS, else our senders' domains)."""
    configured = [d.strip().lower() for d in settings.COMMS_INBOUND_DOMAINS if d.strip()]
    if configured:
        return frozenset(configured)
    senders = (settings.DEFAULT_FROM_EMAIL, settings.SERVER_EMAIL)
    return frozenset(
        parseaddr(s)[1].rpartition("@")[2].lower() for s in senders if "@" in parseaddr(s)[1]
    )


def _receive_in_thread(raw: bytes, envelope_from: str, recipients: list[str]) -> str:
    close_old_connections()
    try:
        return str(inbound_receive(raw, envelope_from, recipients))
    finally:
        # A connection left open in a worker thread keeps a test database from being dropped.
        connections.close_all()


class InboundSmtpHandler:
    """aiosmtpd handler: recipient checks at RCPT, the size check and the hand-over at DATA."""

    def __init__(
        self,
        *,
        domains: frozenset[str] | None = None,
        max_recipients: int | None = None,
        max_bytes: int | None = None,
    ) -> None:
        self.domains = domains if domains is not None else inbound_domains()
        self.max_recipients = max_recipients or int(settings.COMMS_INBOUND_MAX_RECIPIENTS)
        self.max_bytes = max_bytes or int(settings.COMMS_INBOUND_MAX_BYTES)

    def is_ours(self, address: str) -> bool:
        local, at, domain = address.strip().strip("<>").rpartition("@")
        return bool(at and local) and domain.lower().rstrip(".") in self.domains

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if not self.is_ours(address):
            return "550 5.7.1 Relaying denied: this server takes mail for its own site only"
        if len(envelope.rcpt_tos) >= self.max_recipients:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="replace")
        if len(raw) > self.max_bytes:
            return "552 5.3.4 Message too big"
        try:
            outcome = await sync_to_async(_receive_in_thread, thread_sensitive=False)(
                raw, envelope.mail_from or "", list(envelope.rcpt_tos)
            )
        except Exception:
            # The database was unreachable, say: the sender keeps the message and tries later.
            logger.exception("An inbound message could not be handled; asked to retry.")
            return "451 4.3.0 Temporary failure, try again later"
        logger.info("Inbound message handled: %s.", outcome)
        return "250 OK"


def inbound_server(
    *, host: str | None = None, port: int | None = None, handler: InboundSmtpHandler | None = None
) -> Controller:
    """A server ready to ``start()`` (in its own thread) and ``stop()``."""
    handler = handler or InboundSmtpHandler()
    # aiosmtpd logs every sender and recipient at INFO: our logs name no address.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    return Controller(
        handler,
        hostname=host or settings.COMMS_INBOUND_HOST,
        port=port if port is not None else int(settings.COMMS_INBOUND_PORT),
        data_size_limit=handler.max_bytes,
        server_hostname="localhost",
    )


async def _serve_forever() -> None:
    await asyncio.Event().wait()


def inbound_serve(*, host: str | None = None, port: int | None = None) -> None:
    """Run the server until interrupted (the management command)."""
    controller = inbound_server(host=host, port=port)
    controller.start()
    try:
        asyncio.run(_serve_forever())
    finally:
        controller.stop()
