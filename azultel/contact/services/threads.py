"""Opening a thread from a Contact Us message, and the customer's follow-ups (private link,
account, or an emailed reply to reply+<token>@)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.inbound_routes import InboundMessage
from azultel.comms.services import message_send
from azultel.contact.audit import ContactAudit
from azultel.contact.models import (
    MESSAGE_MAX_LENGTH,
    SITE_TOPIC_QUEUE,
    Channel,
    EntryKind,
    Status,
    Thread,
    ThreadEntry,
    Topic,
)
from azultel.contact.tokens import reference_new, reply_address, thread_token_read, thread_url
from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record
from azultel.site.models import ContactMessage

_INBOUND = system_actor("contact.inbound_email")


class MessageRefused(ValueError):
    """The message cannot be added (empty, too long, or the thread is gone)."""


def _account_for(*, person: object, email: str) -> User | None:
    """The account a new thread belongs to: the signed-in sender's own, else the one account on
    which ``email`` is a verified address, else none (an unverified or unknown address proves
    nothing about who wrote)."""
    if isinstance(person, User) and person.is_authenticated:
        return person
    owners = list(
        EmailAddress.objects.filter(email__iexact=email.strip(), verified=True)
        .values_list("user_id", flat=True)
        .distinct()[:2]
    )
    if len(owners) != 1:
        return None
    return User.objects.filter(pk=owners[0], is_active=True).first()


def body_clean(raw: object) -> str:
    """The message text: stripped, no NUL or other control characters than line breaks and
    tabs; ``MessageRefused`` when empty or longer than ``MESSAGE_MAX_LENGTH``."""
    if not isinstance(raw, str):
        raise MessageRefused("A message must be text.")
    text = "".join(
        c for c in raw.replace("\r\n", "\n") if c in "\n\t" or unicodedata.category(c) != "Cc"
    ).strip()
    if not text:
        raise MessageRefused("Write a message.")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise MessageRefused(f"Keep the message to {MESSAGE_MAX_LENGTH:,} characters or fewer.")
    return text


def _email_context(thread: Thread) -> dict[str, object]:
    return {
        "name": thread.sender_name,
        "reference": thread.reference,
        "topic": thread.get_topic_display(),
        "thread_url": thread_url(thread.id),
    }


def thread_open_from_message(*, message: ContactMessage, person: object) -> Thread:
    """Open the thread for a Contact Us message and queue the acknowledgement (with the
    reference and the private link; replies to it come back to the thread). Runs in the
    caller's transaction (site's ``contact_message_received``)."""
    topic = SITE_TOPIC_QUEUE.get(message.topic, Topic.SALES)
    account = _account_for(person=person, email=message.email)
    with transaction.atomic():
        thread = _thread_create(message=message, topic=topic, account=account)
        ThreadEntry.objects.create(
            thread=thread, kind=EntryKind.CUSTOMER, channel=Channel.FORM, body=message.message
        )
        message_send(
            category="reply",
            to=thread.sender_email,
            template="contact_acknowledgement",
            context=_email_context(thread),
            reply_to=reply_address(thread.id),
            dedupe_key=f"contact-ack:{thread.id.hex}",
            actor=_actor_of(person),
        )
        audit_record(
            actor=_actor_of(person),
            action=ContactAudit.THREAD_OPENED,
            subject=thread,
            detail={"topic": topic, "attached": account is not None},
        )
    return thread


def _actor_of(person: object) -> Actor | None:
    return person if isinstance(person, User) and person.is_authenticated else None


def _thread_create(*, message: ContactMessage, topic: str, account: User | None) -> Thread:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Thread.objects.create(
                    reference=reference_new(),
                    topic=topic,
                    sender_name=message.name,
                    sender_email=message.email,
                    account=account,
                    contact_message=message,
                    last_message_at=timezone.now(),
                )
        except IntegrityError:
            # A reference already taken (one in ~900 million): draw another.
            continue
    raise RuntimeError("Could not draw a free thread reference.")


def customer_message_add(
    *, thread: Thread, body: str, channel: str, actor: Actor | None = None
) -> ThreadEntry:
    """The customer's follow-up: added to the thread, which is open again (a closed one too)."""
    text = body_clean(body)
    with transaction.atomic():
        locked = Thread.objects.select_for_update().filter(pk=thread.pk).first()
        if locked is None:
            raise MessageRefused("This conversation no longer exists.")
        entry = ThreadEntry.objects.create(
            thread=locked, kind=EntryKind.CUSTOMER, channel=channel, body=text
        )
        locked.status = Status.OPEN
        locked.closed_at = None
        locked.last_message_at = entry.created_at
        locked.save(update_fields=["status", "closed_at", "last_message_at", "updated_at"])
        audit_record(
            actor=actor,
            action=ContactAudit.CUSTOMER_MESSAGE,
            subject=locked,
            detail={"channel": channel},
        )
    thread.refresh_from_db()
    return entry


_QUOTE_START = re.compile(r"^(On .+ wrote:|-----\s*Original Message\s*-----|From: .+)$", re.I)


def _reply_text(message: EmailMessage) -> str:
    """The new words of an emailed reply: the plain-text part without the quoted history."""
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return ""
    try:
        raw = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, ValueError):
        return ""
    kept: list[str] = []
    for line in str(raw).replace("\r\n", "\n").split("\n"):
        if _QUOTE_START.match(line.strip()):
            break
        if line.startswith(">"):
            continue
        kept.append(line)
    text = "\n".join(kept).strip()
    return text[:MESSAGE_MAX_LENGTH]


@dataclass(frozen=True)
class InboundResult:
    accepted: bool
    reason: str = ""


def inbound_reply_receive(inbound: InboundMessage, token: str) -> bool:
    """The ``reply`` route (``comms.inbound_routes``): an emailed reply to an acknowledgement or
    a staff reply. Only a token this site signed names a thread; anything else is refused and
    nothing is saved (the refusal is audited without the sender's address)."""
    result = _inbound_apply(inbound, token)
    if not result.accepted:
        audit_record(
            actor=_INBOUND,
            action=ContactAudit.INBOUND_REFUSED,
            detail={"reason": result.reason},
        )
    return result.accepted


def _inbound_apply(inbound: InboundMessage, token: str) -> InboundResult:
    thread_id = thread_token_read(token)
    if thread_id is None:
        return InboundResult(False, "bad_token")
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        return InboundResult(False, "no_thread")
    try:
        customer_message_add(
            thread=thread, body=_reply_text(inbound.message), channel=Channel.EMAIL, actor=_INBOUND
        )
    except MessageRefused:
        return InboundResult(False, "empty")
    return InboundResult(True)
