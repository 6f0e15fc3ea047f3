"""What staff do in the inbox: reply (emailed through the outbox), write internal notes (never
emailed), change the status and assign. Access is decided before these are called
(``contact.selectors.thread_get_for_staff``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.services import message_send
from azultel.contact.audit import ContactAudit
from azultel.contact.models import Channel, EntryKind, Status, Thread, ThreadEntry
from azultel.contact.selectors import staff_may_answer
from azultel.contact.services.threads import _email_context, body_clean
from azultel.contact.tokens import reply_address
from azultel.core.audit import audit_record


def _locked(thread: Thread) -> Thread:
    return Thread.objects.select_for_update().get(pk=thread.pk)


def staff_reply_send(*, thread: Thread, body: str, actor: User) -> ThreadEntry:
    """Add a reply to the thread and email it to the sender (Reply-To: the thread's address).

    The first reply fixes the first-response time. The thread then waits on the customer."""
    text = body_clean(body)
    with transaction.atomic():
        locked = _locked(thread)
        entry = ThreadEntry.objects.create(
            thread=locked, kind=EntryKind.REPLY, channel=Channel.STAFF, body=text, author=actor
        )
        fields = ["status", "closed_at", "last_message_at", "updated_at"]
        if locked.first_response_at is None:
            locked.first_response_at = entry.created_at
            locked.first_response_seconds = max(
                0, int((entry.created_at - locked.created_at).total_seconds())
            )
            fields += ["first_response_at", "first_response_seconds"]
        locked.status = Status.WAITING
        locked.closed_at = None
        locked.last_message_at = entry.created_at
        locked.save(update_fields=fields)
        message_send(
            category="reply",
            to=locked.sender_email,
            template="contact_reply",
            context={**_email_context(locked), "reply": text},
            reply_to=reply_address(locked.id),
            dedupe_key=f"contact-reply:{entry.pk}",
            actor=actor,
        )
        audit_record(actor=actor, action=ContactAudit.REPLY_SENT, subject=locked)
    thread.refresh_from_db()
    return entry


def staff_note_add(*, thread: Thread, body: str, actor: User) -> ThreadEntry:
    """An internal note: seen only in the staff inbox, never emailed, never shown to the sender."""
    text = body_clean(body)
    with transaction.atomic():
        entry = ThreadEntry.objects.create(
            thread=thread, kind=EntryKind.NOTE, channel=Channel.STAFF, body=text, author=actor
        )
        audit_record(actor=actor, action=ContactAudit.NOTE_ADDED, subject=thread)
    return entry


def thread_status_set(*, thread: Thread, status: str, actor: User) -> Thread:
    if status not in Status.values:
        raise ValueError(f"Unknown status {status!r}.")
    with transaction.atomic():
        locked = _locked(thread)
        before = locked.status
        locked.status = status
        locked.closed_at = timezone.now() if status == Status.CLOSED else None
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        audit_record(
            actor=actor,
            action=ContactAudit.STATUS_CHANGED,
            subject=locked,
            detail={"from": before, "to": status},
        )
    thread.refresh_from_db()
    return thread


def thread_assign(*, thread: Thread, assignee: User | None, actor: User) -> Thread:
    """Give the thread to ``assignee`` (who must be able to answer its topic) or to nobody."""
    if assignee is not None and not staff_may_answer(user=assignee, topic=thread.topic):
        raise ValueError("That person does not answer this kind of message.")
    with transaction.atomic():
        locked = _locked(thread)
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        audit_record(
            actor=actor,
            action=ContactAudit.ASSIGNED,
            subject=locked,
            detail={"assignee": assignee.pk if assignee else None},
        )
    thread.refresh_from_db()
    return thread
