"""Scheduled work on privacy requests (reminders before a deadline, the purge after 24 months,
B3) and the child's account closed through the request workflow."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.selectors import privacy_office_addresses
from azultel.comms.services import message_send
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record
from azultel.core.links import site_reverse
from azultel.core.stored_files import stored_file_delete
from azultel.dsr.audit import DsrAudit
from azultel.dsr.models import OPEN_STATUSES, Kind, Outcome, PrivacyRequest, Status
from azultel.dsr.services.requests import officer_require, reference_new, request_answer

UNVERIFIED_KEEP_DAYS = 30


def reminders_send(*, now: datetime | None = None) -> int:
    """Tell the privacy office, once per deadline, of requests whose acknowledgement or answer
    is due within ``DSR_REMINDER_DAYS`` (or overdue). Returns how many reminders were queued."""
    now = now or timezone.now()
    ahead = timedelta(days=int(settings.DSR_REMINDER_DAYS))
    sent = 0
    with transaction.atomic():
        rows = PrivacyRequest.objects.select_for_update().filter(status__in=OPEN_STATUSES)
        for request in rows:
            due: list[tuple[str, str, datetime]] = []
            if request.acknowledged_at is None and request.ack_reminded_at is None:
                due.append(("ack_reminded_at", "acknowledge", request.ack_due))
            if request.answer_reminded_at is None:
                due.append(("answer_reminded_at", "answer", request.answer_due))
            for field, what, deadline in due:
                if now + ahead < deadline:
                    continue
                setattr(request, field, now)
                request.save(update_fields=[field, "updated_at"])
                _remind(request, what=what, deadline=deadline)
                audit_record(
                    actor=system_actor("dsr.reminders"),
                    action=DsrAudit.REMINDER_SENT,
                    subject=request,
                    detail={"deadline": what},
                )
                sent += 1
    return sent


def _remind(request: PrivacyRequest, *, what: str, deadline: datetime) -> None:
    when = timezone.localtime(deadline).strftime("%B %-d, %Y")
    for address in privacy_office_addresses():
        message_send(
            category="account_maintenance",
            to=address,
            template="notice",
            context={
                "title": f"Privacy request {request.reference}: {what} by {when}",
                "paragraphs": [
                    f"The privacy request {request.reference} "
                    f"({request.get_kind_display().lower()}) must be {what}d by {when}."
                ],
                "action_url": site_reverse("dsr:staff_detail", kwargs={"request_id": request.id}),
                "action_label": "Open the request",
            },
        )


def requests_purge(*, now: datetime | None = None) -> int:
    """B3: delete requests closed more than ``DSR_RETENTION_MONTHS`` ago (with an agent's
    permission file), and requests never confirmed within ``UNVERIFIED_KEEP_DAYS``."""
    now = now or timezone.now()
    closed_cutoff = now - timedelta(days=round(int(settings.DSR_RETENTION_MONTHS) * 30.44))
    actor = system_actor("dsr.retention")
    with transaction.atomic():
        due = list(
            PrivacyRequest.objects.filter(status=Status.CLOSED, closed_at__lt=closed_cutoff)
        ) + list(
            PrivacyRequest.objects.filter(
                status=Status.UNVERIFIED,
                received_at__lt=now - timedelta(days=UNVERIFIED_KEEP_DAYS),
            )
        )
        files = [r.agent_permission for r in due if r.agent_permission is not None]
        PrivacyRequest.objects.filter(appeal_of__in=due).update(appeal_of=None)
        PrivacyRequest.objects.filter(pk__in=[r.pk for r in due]).delete()
        for stored in files:
            stored_file_delete(stored_file=stored, actor=actor)
        if due:
            audit_record(
                actor=actor, action=DsrAudit.REQUESTS_PURGED, detail={"requests": len(due)}
            )
    return len(due)


def child_account_close(*, user: User, note: str, actor: User) -> PrivacyRequest:
    """An account found to belong to a child under 13: a deletion request made by the privacy
    officer and fulfilled at once (the account is closed and its data erased), recorded."""
    officer_require(actor)
    if user.erased_at is not None:
        raise ValueError("This account is already deleted.")
    now = timezone.now()
    with transaction.atomic():
        request = PrivacyRequest.objects.create(
            reference=reference_new(),
            kind=Kind.DELETION,
            email=user.email,
            account=user,
            details=note.strip() or "Account of a child under 13, closed by the privacy officer.",
            received_at=now,
            verified_at=now,
            acknowledged_at=now,
            handler=actor,
            status=Status.OPEN,
        )
        audit_record(actor=actor, action=DsrAudit.CHILD_ACCOUNT_CLOSED, subject=request)
        # account_erase sends the confirmation to the address on record.
        closed = request_answer(
            request=request,
            outcome=Outcome.DONE,
            answer="The account belonged to a child under 13: closed and its data deleted.",
            actor=actor,
            tell=False,
        )
        # The record keeps no address of the child: the erased account's placeholder instead.
        user.refresh_from_db(fields=["email"])
        closed.email = user.email
        closed.save(update_fields=["email", "updated_at"])
    return closed
